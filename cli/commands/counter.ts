import { writeFileSync } from 'node:fs';
import { applyCommand, auditRejection, failedCommand, Rejection } from '../../server/commands';
import { drawerView, reportOf } from '../../server/counter/drawers';
import { reportCsv, reportPdf } from '../../server/counter/report';
import type { Db } from '../../server/db/database';
import { type Command, command as commandSchema, type Principal } from '../../shared/cis';
import type { Temporal } from '../../shared/dates';
import en from '../../shared/i18n/locales/en/cis.json';
import { namespaceText } from '../../shared/i18n/text';
import { roleAtLeast } from '../../shared/ipc/roles';
import {
  balanceDrawer,
  COUNTED_TENDERS,
  countedByTender,
  DENOMINATIONS,
  type DrawerCount,
  drawerCount,
} from '../../shared/payments';
import { getUtility } from '../../shared/utilities';
import {
  choiceOption,
  dollarsOption,
  money,
  parseOptions,
  requireOption,
  todayOption,
} from '../lib/args';
import { type CliCommand, type CliIo, EXIT, UsageError } from './types';
import { openServerDb } from './users';

const cisText = namespaceText<'en'>({ en });

const WHERE =
  "  Against the server's database: --database-url (or DATABASE_URL) for PostgreSQL, else the PGlite of\n" +
  '  --data-dir (or TAPLINE_DATA_DIR); stop a PGlite server first. --as names the user the command is\n' +
  "  issued as (their role is the server's: a void, a sign-off, a reopening and the day's close need a lead).";

const DB_OPTIONS = {
  as: { type: 'string' },
  today: { type: 'string' },
  json: { type: 'boolean' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** The user a command is issued as, read from the server's users (a disabled one is refused). */
async function principalOf(db: Db, who: string): Promise<Principal> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    role: Principal['role'];
    languages: string[];
    team: string;
    disabled_at: Date | null;
  }>(
    'select id, name, role, languages, team, disabled_at from users where username = $1 or id = $1',
    [who],
  );
  const u = rows[0];
  if (!u) throw new UsageError(`--as: no user "${who}" on this server`);
  if (u.disabled_at) throw new UsageError(`--as: user "${who}" is disabled`);
  return {
    userId: u.id,
    name: u.name,
    role: u.role,
    languages: u.languages.filter((l): l is 'en' | 'es' => l === 'en' || l === 'es'),
    team: u.team,
  };
}

/**
 * Applies one command as the user named, in its own transaction, as the server applies a desk's:
 * its role checked, audited; a refusal audited too and printed with its reason (exit 1).
 */
async function issue(
  db: Db,
  principal: Principal,
  raw: Record<string, unknown>,
  today: Temporal.PlainDate,
  io: CliIo,
  json: boolean | undefined,
): Promise<Record<string, unknown> | null> {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const command: Command = parsed.data;
  try {
    return (await db.transaction((tx) =>
      applyCommand({ tx, principal, now: new Date(), today }, command),
    )) as Record<string, unknown>;
  } catch (err) {
    const refusal = err instanceof Rejection ? err : failedCommand(err);
    await auditRejection(db, principal, command, refusal);
    const text = cisText('en', refusal.reasonKey.replace(/^cis:/, ''), refusal.details as never);
    if (json)
      io.out(
        JSON.stringify({
          status: 'rejected',
          reasonKey: refusal.reasonKey,
          details: refusal.details,
        }),
      );
    else io.err(`refused: ${text}`);
    return null;
  }
}

function withDb<T>(
  v: { 'database-url'?: string; 'data-dir'?: string },
  run: (db: Db) => Promise<T>,
) {
  return openServerDb(v).then(async (db) => {
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  });
}

/** `100x2,0.05x3`: dollars of a denomination, times how many pieces. */
function parseCash(text: string | undefined): DrawerCount['cash'] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const m = /^\s*([\d.]+)\s*[x×]\s*(\d+)\s*$/.exec(part);
    const cents = m ? dollarsOption(m[1], 'cash') : undefined;
    if (!m || cents === undefined || !DENOMINATIONS.includes(cents as never))
      throw new UsageError(
        `--cash is DENOMINATIONxCOUNT pairs such as 100x2,0.25x4 (denominations ${DENOMINATIONS.map((d) => (d / 100).toFixed(2)).join(', ')}), not "${part}"`,
      );
    return {
      denominationCents: cents as DrawerCount['cash'][number]['denominationCents'],
      count: Number(m[2]),
    };
  });
}

/** `NUMBER:BANK:DOLLARS` for a check, `SERIAL:ISSUER:DOLLARS` for a money order. */
function parseItems(list: string[] | undefined, name: string) {
  return (list ?? []).map((item) => {
    const m = /^([^:]+):([^:]+):([\d.]+)$/.exec(item);
    if (!m) throw new UsageError(`--${name} is NUMBER:BANK:DOLLARS, not "${item}"`);
    return { id: m[1].trim(), by: m[2].trim(), amountCents: dollarsOption(m[3], name)! };
  });
}

function countOf(v: { cash?: string; check?: string[]; 'money-order'?: string[] }): DrawerCount {
  const parsed = drawerCount.safeParse({
    cash: parseCash(v.cash),
    checks: parseItems(v.check, 'check').map((c) => ({
      checkNumber: c.id,
      bank: c.by,
      amountCents: c.amountCents,
    })),
    moneyOrders: parseItems(v['money-order'], 'money-order').map((m) => ({
      serialNumber: m.id,
      issuer: m.by,
      amountCents: m.amountCents,
    })),
  });
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

const COUNT_OPTIONS = {
  ...DB_OPTIONS,
  drawer: { type: 'string' },
  cash: { type: 'string' },
  check: { type: 'string', multiple: true },
  'money-order': { type: 'string', multiple: true },
  reason: { type: 'string' },
} as const;

function printBalance(
  io: CliIo,
  tenders: {
    tender: string;
    expectedCents: number;
    countedCents: number;
    overShortCents: number;
  }[],
  overShort: number,
) {
  for (const t of tenders)
    io.out(
      `  ${t.tender.padEnd(12)} expected ${money(t.expectedCents).padStart(12)}  counted ${money(t.countedCents).padStart(12)}  over/short ${money(t.overShortCents).padStart(10)}`,
    );
  io.out(
    `  over/short ${money(overShort)}${overShort === 0 ? ' (balanced)' : overShort < 0 ? ' (short)' : ' (over)'}`,
  );
}

export const payCommand: CliCommand = {
  name: 'pay',
  summary:
    'post a payment as a user would: cash, check or money order at the counter into a drawer, or a card',
  usage: [
    'pay --as USER --account NUMBER --amount DOLLARS --tender cash|check|money-order|card',
    '    [--check-number N --bank NAME] [--serial N --issuer NAME] [--confirmation C [--last4 NNNN]]',
    '    [--channel counter|phone|mail] [--drawer ID] [--today YYYY-MM-DD] [--json]',
    WHERE,
  ].join('\n'),
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      ...DB_OPTIONS,
      account: { type: 'string' },
      amount: { type: 'string' },
      tender: { type: 'string' },
      'check-number': { type: 'string' },
      bank: { type: 'string' },
      serial: { type: 'string' },
      issuer: { type: 'string' },
      confirmation: { type: 'string' },
      last4: { type: 'string' },
      channel: { type: 'string' },
      drawer: { type: 'string' },
    } as const);
    const as = requireOption(v.as, 'as');
    const accountNumber = requireOption(v.account, 'account');
    const amountCents = dollarsOption(requireOption(v.amount, 'amount'), 'amount')!;
    if (amountCents <= 0)
      throw new UsageError(`--amount must be more than $0.00, not "${v.amount}"`);
    const kind = choiceOption(requireOption(v.tender, 'tender'), 'tender', [
      'cash',
      'check',
      'money-order',
      'card',
    ] as const)!;
    const tender =
      kind === 'check'
        ? {
            kind,
            checkNumber: requireOption(v['check-number'], 'check-number'),
            bank: requireOption(v.bank, 'bank'),
          }
        : kind === 'money-order'
          ? {
              kind,
              serialNumber: requireOption(v.serial, 'serial'),
              issuer: requireOption(v.issuer, 'issuer'),
            }
          : kind === 'card'
            ? {
                kind,
                processorConfirmation: requireOption(v.confirmation, 'confirmation'),
                ...(v.last4 ? { last4: v.last4 } : {}),
              }
            : { kind };
    const channel =
      choiceOption(v.channel, 'channel', ['counter', 'phone', 'mail'] as const) ??
      (v.drawer ? 'counter' : 'phone');
    const today = todayOption(v.today);
    return withDb(v, async (db) => {
      const principal = await principalOf(db, as);
      const result = await issue(
        db,
        principal,
        {
          type: 'postPayment',
          accountNumber,
          amountCents,
          tender,
          channel,
          ...(v.drawer ? { drawerId: v.drawer } : {}),
        },
        today,
        io,
        v.json,
      );
      if (!result) return EXIT.findings;
      const after = result.account as { balanceCents: number };
      if (v.json) io.out(JSON.stringify({ status: 'applied', ...result }));
      else
        io.out(
          `receipt ${result.receiptNumber}: ${money(amountCents)} ${kind} on ${accountNumber}${v.drawer ? ` into drawer ${v.drawer}` : ''}; balance now ${money(after.balanceCents)}`,
        );
      return EXIT.ok;
    });
  },
};

export const drawerCommand: CliCommand = {
  name: 'drawer',
  summary:
    'the counter drawer: open with a float, count against what it should hold, close, the day’s report',
  usage: [
    'drawer open --as USER --utility ID --float DOLLARS [--json]',
    'drawer count --as USER --drawer ID [--cash 100x2,0.25x4] [--check NUMBER:BANK:DOLLARS ...] [--money-order SERIAL:ISSUER:DOLLARS ...] [--json]',
    'drawer close --as USER --drawer ID (the count as above) [--reason WHY] [--json]',
    'drawer void --as LEAD --account NUMBER --receipt RECEIPT --reason WHY [--json]',
    'drawer reopen --as LEAD --drawer ID --reason WHY [--json]',
    'drawer close-day --as LEAD --utility ID [--day YYYY-MM-DD] [--json]',
    'drawer report --as LEAD --utility ID [--day YYYY-MM-DD] [--format text|json|csv|pdf] [--lang en|es] [--out FILE]',
    WHERE,
  ].join('\n  '),
  async run(argv, io) {
    const [verb, ...rest] = argv;
    const verbs = ['open', 'count', 'close', 'void', 'reopen', 'close-day', 'report'];
    if (!verb || !verbs.includes(verb))
      throw new UsageError(`say what to do: ${verbs.join(', ')}${verb ? ` (not "${verb}")` : ''}`);
    const { values: v } = parseOptions(rest, {
      ...COUNT_OPTIONS,
      utility: { type: 'string' },
      float: { type: 'string' },
      account: { type: 'string' },
      receipt: { type: 'string' },
      day: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
    } as const);
    const as = requireOption(v.as, 'as');
    const today = todayOption(v.today);
    const utilityOption = () => {
      const id = requireOption(v.utility, 'utility');
      if (!getUtility(id)) throw new UsageError(`unknown utility "${id}"`);
      return id;
    };
    // Every option is read before the database is opened: bad input is said first.
    const count = verb === 'count' || verb === 'close' ? countOf(v) : null;
    const drawerId = ['count', 'close', 'reopen'].includes(verb)
      ? requireOption(v.drawer, 'drawer')
      : '';
    const utilityId = ['open', 'close-day', 'report'].includes(verb) ? utilityOption() : '';
    const day = v.day ? todayOption(v.day).toString() : today.toString();
    const floatCents =
      verb === 'open' ? dollarsOption(requireOption(v.float, 'float'), 'float')! : 0;
    const format =
      choiceOption(v.format, 'format', ['text', 'json', 'csv', 'pdf'] as const) ??
      (v.json ? 'json' : 'text');
    const lang = choiceOption(v.lang, 'lang', ['en', 'es'] as const) ?? 'en';
    if (verb === 'report' && format === 'pdf' && !v.out)
      throw new UsageError('--format pdf needs --out FILE');
    return withDb(v, async (db) => {
      const principal = await principalOf(db, as);
      const applied = async (raw: Record<string, unknown>) => {
        const r = await issue(db, principal, raw, today, io, v.json);
        if (r && v.json) io.out(JSON.stringify({ status: 'applied', ...r }));
        return r;
      };
      switch (verb) {
        case 'open': {
          const r = await applied({ type: 'openDrawer', utilityId, floatCents });
          if (r && !v.json)
            io.out(`drawer ${r.drawerId} open for ${r.businessDay}, float ${money(floatCents)}`);
          return r ? EXIT.ok : EXIT.findings;
        }
        case 'count': {
          const view = await drawerView(db, drawerId);
          if (!view || (view.cashier !== principal.userId && !roleAtLeast(principal.role, 'lead')))
            throw new UsageError(`no drawer ${drawerId} of yours`);
          const balance = balanceDrawer(view.expected, countedByTender(count!, view.expected.card));
          if (v.json) io.out(JSON.stringify({ drawerId, status: view.status, ...balance }));
          else {
            io.out(
              `drawer ${drawerId} (${view.status}), float ${money(view.floatCents)}, ${view.payments} payments`,
            );
            printBalance(
              io,
              balance.tenders.filter(
                (t) => COUNTED_TENDERS.includes(t.tender as never) || t.expectedCents,
              ),
              balance.overShortCents,
            );
          }
          return balance.differenceCents === 0 ? EXIT.ok : EXIT.findings;
        }
        case 'close': {
          const r = await applied({
            type: 'closeDrawer',
            drawerId,
            count,
            ...(v.reason ? { reason: v.reason } : {}),
          });
          if (r && !v.json) {
            io.out(
              `drawer ${drawerId} closed${r.signedOffBy ? `, signed off by ${r.signedOffBy}` : ''}`,
            );
            printBalance(io, r.tenders as never, Number(r.overShortCents));
          }
          return r ? EXIT.ok : EXIT.findings;
        }
        case 'void': {
          const r = await applied({
            type: 'voidPayment',
            accountNumber: requireOption(v.account, 'account'),
            receiptNumber: requireOption(v.receipt, 'receipt'),
            reason: requireOption(v.reason, 'reason'),
          });
          if (r && !v.json)
            io.out(
              `voided ${v.receipt}: ${money(Number(r.amountCents))} out of drawer ${r.drawerId}`,
            );
          return r ? EXIT.ok : EXIT.findings;
        }
        case 'reopen': {
          const r = await applied({
            type: 'reopenDrawer',
            drawerId,
            reason: requireOption(v.reason, 'reason'),
          });
          if (r && !v.json) io.out(`drawer ${drawerId} open again`);
          return r ? EXIT.ok : EXIT.findings;
        }
        case 'close-day': {
          const r = await applied({ type: 'closeCounterDay', utilityId, businessDay: day });
          if (r && !v.json)
            io.out(
              `${utilityId} ${day} closed: ${r.drawers} drawers, over/short ${money(Number(r.overShortCents))}, deposit ${money(Number(r.totalDepositCents))}`,
            );
          return r ? EXIT.ok : EXIT.findings;
        }
        default: {
          if (!roleAtLeast(principal.role, 'lead')) {
            io.err(`refused: ${cisText('en', 'rejected.roleNotAllowed', { role: 'lead' })}`);
            return EXIT.findings;
          }
          const { report, closed, openDrawers } = await reportOf(db, utilityId, day);
          let body: string | Buffer;
          if (format === 'json') body = JSON.stringify({ report, closed, openDrawers });
          else if (format === 'csv') body = reportCsv(report);
          else if (format === 'pdf')
            body = await reportPdf(
              report,
              getUtility(utilityId)!.collections.utilityName,
              lang,
              closed ? null : `open: ${openDrawers.join(', ')}`,
            );
          else {
            const lines = [
              `${utilityId} ${day}${closed ? ' (closed)' : ` (not closed; open drawers: ${openDrawers.join(', ') || 'none'})`}`,
            ];
            for (const d of report.drawers)
              lines.push(
                `${d.drawerId} ${d.cashier} over/short ${money(d.overShortCents)}${d.reason ? ` — ${d.reason}` : ''}${d.signedOffBy ? ` (signed off by ${d.signedOffBy})` : ''}`,
              );
            for (const t of report.totals)
              lines.push(
                `  ${t.tender.padEnd(12)} expected ${money(t.expectedCents)} counted ${money(t.countedCents)} over/short ${money(t.overShortCents)}`,
              );
            lines.push(
              `over/short ${money(report.overShortCents)}; cards ${money(report.cardCents)}; bank ${money(report.bankCents)}; deposit ${money(report.deposit.totalDepositCents)}`,
            );
            body = lines.join('\n');
          }
          if (v.out) writeFileSync(v.out, body);
          else io.out(typeof body === 'string' ? body.replace(/\n$/, '') : '');
          return EXIT.ok;
        }
      }
    });
  },
};
