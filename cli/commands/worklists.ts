import { applyCommand, auditRejection, failedCommand, Rejection } from '../../server/commands';
import type { Db } from '../../server/db/database';
import { listWorklists, nextOffer, worklistEntries } from '../../server/worklists/offer';
import {
  type Command,
  type CommandResult,
  type CommandType,
  type Principal,
  principal as principalSchema,
} from '../../shared/cis';
import { agingBuckets, callOutcomes, decidePromise } from '../../shared/collections';
import type { PlainDate } from '../../shared/dates';
import { getUtility, utilityIds } from '../../shared/utilities';
import {
  choiceOption,
  dateOption,
  dollarsOption,
  money,
  numberOption,
  parseOptions,
  requireOption,
  todayOption,
} from '../lib/args';
import { printRules, rulesJson } from '../lib/policy-option';
import { type CliCommand, type CliIo, EXIT, UsageError } from './types';
import { openServerDb, WHERE } from './users';

const DB_OPTIONS = {
  as: { type: 'string' },
  today: { type: 'string' },
  json: { type: 'boolean' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** The server's user the command acts as, by user name or id; a disabled one is refused. */
async function principalOf(db: Db, who: string): Promise<Principal> {
  const { rows } = await db.query<Record<string, unknown>>(
    'select id, name, role, languages, team from users where (username = $1 or id = $1) and disabled_at is null',
    [who],
  );
  if (!rows[0]) throw new UsageError(`--as: no active user "${who}"`);
  const r = rows[0];
  return principalSchema.parse({
    userId: r.id,
    name: r.name,
    role: r.role,
    languages: r.languages,
    team: r.team,
  });
}

/**
 * Applies one command as the named user, the way the server's /commands does: in a transaction,
 * refused with its reason (audited) or applied (audited by its handler).
 */
async function apply<K extends CommandType>(
  db: Db,
  principal: Principal,
  command: Extract<Command, { type: K }>,
  today: PlainDate,
  now: Date,
): Promise<
  { ok: true; result: CommandResult<K> } | { ok: false; reasonKey: string; details: object }
> {
  try {
    const result = await db.transaction((tx) =>
      applyCommand({ tx, principal, now, today }, command),
    );
    return { ok: true, result: result as CommandResult<K> };
  } catch (err) {
    const refusal = err instanceof Rejection ? err : failedCommand(err);
    await auditRejection(db, principal, command, refusal);
    return { ok: false, reasonKey: refusal.reasonKey, details: refusal.details };
  }
}

function answer(
  io: CliIo,
  json: boolean | undefined,
  outcome: { ok: true; result: unknown } | { ok: false; reasonKey: string; details: object },
  text: (result: never) => string,
): number {
  if (!outcome.ok) {
    if (json) io.out(JSON.stringify({ rejected: outcome.reasonKey, details: outcome.details }));
    else io.out(`refused: ${outcome.reasonKey} ${JSON.stringify(outcome.details)}`);
    return EXIT.findings;
  }
  io.out(json ? JSON.stringify(outcome.result) : text(outcome.result as never));
  return EXIT.ok;
}

async function withDb<T>(v: Record<string, unknown>, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openServerDb(v as { 'database-url'?: string; 'data-dir'?: string });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const PROMISE_USAGE = [
  'promise check --utility ID --date YYYY-MM-DD --amount DOLLARS [--earlier YYYY-MM-DD,...] [--today YYYY-MM-DD] [--lang en|es] [--json]',
  'promise record ACCOUNT --date YYYY-MM-DD --amount DOLLARS --as USER [--today YYYY-MM-DD] [--json]',
].join('\n  ');

export const promiseCommand: CliCommand = {
  name: 'promise',
  summary:
    'a promise to pay: check a day and an amount against the utility’s limits, or record one on an account',
  usage: `${PROMISE_USAGE}\n${WHERE}`,
  async run(argv, io) {
    const [verb, ...rest] = argv;
    if (verb !== 'check' && verb !== 'record')
      throw new UsageError(`say what to do: check, record${verb ? ` (not "${verb}")` : ''}`);
    const { values: v, positionals } = parseOptions(
      rest,
      {
        ...DB_OPTIONS,
        utility: { type: 'string' },
        date: { type: 'string' },
        amount: { type: 'string' },
        earlier: { type: 'string' },
        lang: { type: 'string' },
      } as const,
      true,
    );
    const date = dateOption(requireOption(v.date, 'date'), 'date')!;
    const amount = dollarsOption(requireOption(v.amount, 'amount'), 'amount')!;
    if (amount <= 0) throw new UsageError(`--amount must be more than $0.00, not "${v.amount}"`);
    const today = todayOption(v.today);
    if (verb === 'check') {
      const id = requireOption(v.utility, 'utility');
      const utility = getUtility(id);
      if (!utility)
        throw new UsageError(`unknown utility "${id}" (valid: ${utilityIds.join(', ')})`);
      const earlier = (v.earlier ?? '')
        .split(',')
        .filter(Boolean)
        .map((d) => dateOption(d, 'earlier')!.toString());
      const decision = decidePromise(
        utility.outbound,
        { promisedOn: date, amountCents: amount, earlierMadeOn: earlier },
        today,
      );
      const lang = choiceOption(v.lang, 'lang', ['en', 'es'] as const) ?? 'en';
      if (v.json)
        io.out(
          JSON.stringify({
            accepted: decision.accepted,
            ...(decision.accepted ? {} : { refusal: decision.refusal.id }),
            holdsDisconnectionUntil: decision.accepted ? date.add({ days: 1 }).toString() : null,
            rules: rulesJson(decision.rules),
          }),
        );
      else {
        io.out(
          `${utility.collections.utilityName}: ${money(amount)} by ${date} ${decision.accepted ? 'may be promised' : 'refused'}`,
        );
        printRules(io.out, decision.rules, lang);
      }
      return decision.accepted ? EXIT.ok : EXIT.findings;
    }
    if (positionals.length !== 1) throw new UsageError('name one account');
    const who = requireOption(v.as, 'as');
    return withDb(v, async (db) => {
      const principal = await principalOf(db, who);
      const outcome = await apply(
        db,
        principal,
        {
          type: 'recordPromise',
          accountNumber: positionals[0],
          promisedOn: date.toString(),
          amountCents: amount,
        },
        today,
        new Date(),
      );
      return answer(
        io,
        v.json,
        outcome,
        (r: CommandResult<'recordPromise'>) =>
          `promise ${r.promiseId}: ${money(r.amountCents)} by ${r.promisedOn}; disconnection held until ${r.holdsDisconnectionUntil}`,
      );
    });
  },
};

const WORKLIST_USAGE = [
  'worklist build --name NAME --utility ID --buckets 1-30,31-60,61-90,91+ [--min DOLLARS] [--max DOLLARS] [--language en|es] --as LEAD [--json]',
  'worklist assign WORKLIST (--agents USER,... | --queue) --as LEAD [--json]',
  'worklist list --as USER [--json]',
  'worklist entries WORKLIST [--offset N] [--limit N] --as LEAD [--json]',
  'worklist next WORKLIST --as AGENT [--now ISO-INSTANT] [--json]',
  'worklist outcome WORKLIST ACCOUNT --outcome promise|arrangement|refused|wrong-number|no-answer|left-message [--date YYYY-MM-DD --amount DOLLARS] --as AGENT [--json]',
].join('\n  ');

export const worklistCommand: CliCommand = {
  name: 'worklist',
  summary:
    'outbound collections worklists: build, assign, list, entries, next account, record a call’s outcome',
  usage: `${WORKLIST_USAGE}\n  --today YYYY-MM-DD sets the business day (default: today).\n${WHERE}`,
  async run(argv, io) {
    const [verb, ...rest] = argv;
    const verbs = ['build', 'assign', 'list', 'entries', 'next', 'outcome'];
    if (!verb || !verbs.includes(verb))
      throw new UsageError(`say what to do: ${verbs.join(', ')}${verb ? ` (not "${verb}")` : ''}`);
    const { values: v, positionals } = parseOptions(
      rest,
      {
        ...DB_OPTIONS,
        name: { type: 'string' },
        utility: { type: 'string' },
        buckets: { type: 'string' },
        min: { type: 'string' },
        max: { type: 'string' },
        language: { type: 'string' },
        agents: { type: 'string' },
        queue: { type: 'boolean' },
        offset: { type: 'string' },
        limit: { type: 'string' },
        now: { type: 'string' },
        outcome: { type: 'string' },
        date: { type: 'string' },
        amount: { type: 'string' },
      } as const,
      true,
    );
    const want = { build: 0, list: 0, assign: 1, entries: 1, next: 1, outcome: 2 }[verb]!;
    if (positionals.length !== want)
      throw new UsageError(
        want === 0
          ? `unexpected "${positionals.join(' ')}"`
          : want === 1
            ? 'name one worklist'
            : 'name the worklist and the account',
      );
    const who = requireOption(v.as, 'as');
    const today = todayOption(v.today);
    const now = v.now ? new Date(v.now) : new Date();
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--now must be an instant such as 2026-11-17T18:00:00Z, not "${v.now}"`);
    let command: Command | null = null;
    if (verb === 'build') {
      const buckets = requireOption(v.buckets, 'buckets')
        .split(',')
        .map((b) => choiceOption(b, 'buckets', agingBuckets)!);
      const utilityId = requireOption(v.utility, 'utility');
      if (!getUtility(utilityId))
        throw new UsageError(`unknown utility "${utilityId}" (valid: ${utilityIds.join(', ')})`);
      const language = choiceOption(v.language, 'language', ['en', 'es'] as const);
      const min = dollarsOption(v.min, 'min');
      const max = dollarsOption(v.max, 'max');
      if (min !== undefined && max !== undefined && min > max)
        throw new UsageError('--min is above --max');
      command = {
        type: 'buildWorklist',
        name: requireOption(v.name, 'name'),
        criteria: {
          utilityId,
          buckets,
          ...(min !== undefined ? { minPastDueCents: min } : {}),
          ...(max !== undefined ? { maxPastDueCents: max } : {}),
          ...(language ? { language } : {}),
        },
      };
    } else if (verb === 'assign') {
      if (v.queue === (v.agents !== undefined))
        throw new UsageError('say --agents USER,... or --queue, one of them');
      command = {
        type: 'assignWorklist',
        worklistId: positionals[0],
        to: v.queue
          ? { kind: 'queue' }
          : { kind: 'agents', agents: (v.agents ?? '').split(',').filter(Boolean) },
      };
    } else if (verb === 'outcome') {
      const outcome = choiceOption(requireOption(v.outcome, 'outcome'), 'outcome', callOutcomes)!;
      const promise =
        outcome === 'promise'
          ? {
              promisedOn: dateOption(requireOption(v.date, 'date'), 'date')!.toString(),
              amountCents: dollarsOption(requireOption(v.amount, 'amount'), 'amount')!,
            }
          : undefined;
      command = {
        type: 'recordCallOutcome',
        worklistId: positionals[0],
        accountNumber: positionals[1],
        outcome,
        ...(promise ? { promise } : {}),
      };
    }
    return withDb(v, async (db) => {
      const principal = await principalOf(db, who);
      // Users are named by user name on the command line; the server keeps their ids.
      if (command?.type === 'assignWorklist' && command.to.kind === 'agents') {
        const ids: string[] = [];
        for (const a of command.to.agents) ids.push((await principalOf(db, a)).userId);
        command = { ...command, to: { kind: 'agents', agents: ids } };
      }
      if (command) {
        const outcome = await apply(db, principal, command as never, today, now);
        return answer(io, v.json, outcome, (r: Record<string, unknown>) =>
          Object.entries(r)
            .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : x}`)
            .join('\n'),
        );
      }
      if (verb === 'list') {
        const lists = await listWorklists(db, principal);
        if (v.json) io.out(JSON.stringify(lists));
        else
          for (const w of lists)
            io.out(
              `${w.id}  ${w.name}  ${w.utilityId}  ${w.assignment}  open ${w.open}, left ${w.excluded + w.done} ${JSON.stringify(w.reasons)}`,
            );
        return EXIT.ok;
      }
      if (verb === 'entries') {
        if (principal.role === 'agent') throw new UsageError('--as: entries are for a lead');
        const page = {
          offset: numberOption(v.offset, 'offset', { integer: true, min: 0 }) ?? 0,
          limit: Math.min(500, numberOption(v.limit, 'limit', { integer: true, min: 1 }) ?? 100),
        };
        const entries = await worklistEntries(db, positionals[0], page);
        if (v.json) io.out(JSON.stringify(entries));
        else
          for (const e of entries)
            io.out(
              `${e.accountNumber}  ${e.state.padEnd(8)} ${money(e.pastDueCents).padStart(12)}  ${e.pastDueDays}d  ${e.reason ?? ''}`,
            );
        return EXIT.ok;
      }
      const offer = await nextOffer(db, principal, positionals[0], now, today);
      if (offer.kind === 'not-found') throw new UsageError(`no worklist ${positionals[0]}`);
      if (v.json) {
        io.out(
          JSON.stringify(
            offer.kind === 'account'
              ? { ...offer, detail: { header: offer.detail.header, pastDue: offer.detail.pastDue } }
              : offer,
          ),
        );
      } else if (offer.kind === 'account')
        io.out(
          `${offer.accountNumber}  ${offer.detail.header.name}  ${money(offer.detail.header.pastDueCents)} past due ${offer.detail.header.pastDueDays} days  (${offer.remaining} open)`,
        );
      else
        io.out(
          offer.kind === 'closed'
            ? `outside calling hours (${offer.local} ${offer.timeZone}); opens ${offer.opensAt}`
            : offer.kind,
        );
      return offer.kind === 'account' ? EXIT.ok : EXIT.findings;
    });
  },
};
