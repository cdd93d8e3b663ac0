import { randomUUID } from 'node:crypto';
import {
  type Command,
  type CommandOutcome,
  containsCardNumber,
  type Principal,
  phoneDigits,
} from '../../shared/cis';
import {
  approverFor,
  evaluateDisconnection,
  getCollectionPolicy,
  planArrangement,
  type RuleCheck,
  stateCalendar,
} from '../../shared/collections';
import { type PlainDate, Temporal } from '../../shared/dates';
import type { Db } from '../db/database';

/** A command refused by the account's state or a rule; nothing it did is kept. */
export class Rejection extends Error {
  constructor(
    readonly reasonKey: string,
    readonly details: Record<string, unknown> = {},
    /** The decision to keep in the audit trail although the command's effects are undone. */
    readonly audit?: { action: string; details: Record<string, unknown> },
  ) {
    super(reasonKey);
    this.name = 'Rejection';
  }
}

export interface CommandContext {
  tx: Db;
  principal: Principal;
  now: Date;
  today: PlainDate;
}

interface AccountRow {
  number: string;
  utility_id: string;
  customer_id: string;
  premise_id: string;
  status: string;
  class: 'residential' | 'commercial';
  balance_cents: number;
  past_due_cents: number;
  past_due_days: number;
}

async function lockAccount(tx: Db, number: string): Promise<AccountRow> {
  const { rows } = await tx.query<AccountRow>(
    'select * from accounts where number = $1 for update',
    [number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchAccount', { accountNumber: number });
  return rows[0];
}

/** Records that an account changed: its version, and the change log the desktops pull. */
async function changed(tx: Db, number: string, entity: string, header: boolean): Promise<void> {
  await tx.query('update accounts set version = version + 1 where number = $1', [number]);
  await tx.query('insert into change_log (account_number, kind, entity) values ($1, $2, $3)', [
    number,
    header ? 'header' : 'detail',
    entity,
  ]);
}

async function audit(
  ctx: CommandContext,
  action: string,
  account: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await ctx.tx.query(
    'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
    [ctx.principal.userId, action, account, JSON.stringify(details)],
  );
}

const rank = { agent: 1, lead: 2, admin: 3, manager: 3 } as const;

function rulesForAudit(rules: RuleCheck[]) {
  return rules.map((r) => ({ id: r.id, outcome: r.outcome, citation: r.citation }));
}

function policyOf(account: AccountRow) {
  const policy = getCollectionPolicy(account.utility_id);
  if (!policy) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  return policy;
}

function firstFailure(rules: RuleCheck[]): RuleCheck | undefined {
  return rules.find((r) => r.outcome === 'fail');
}

/** Applies one command inside the caller's transaction, or throws Rejection. */
export async function applyCommand(
  ctx: CommandContext,
  command: Command,
): Promise<Record<string, unknown>> {
  const { tx, principal } = ctx;
  switch (command.type) {
    case 'addNote': {
      await lockAccount(tx, command.accountNumber);
      if (containsCardNumber(command.text)) throw new Rejection('cis:rejected.cardNumber');
      const id = randomUUID();
      await tx.query(
        'insert into notes (id, account_number, text, author_id, author_name, created_at) values ($1, $2, $3, $4, $5, $6)',
        [id, command.accountNumber, command.text, principal.userId, principal.name, ctx.now],
      );
      await changed(tx, command.accountNumber, 'note', false);
      return { noteId: id };
    }
    case 'recordInteraction': {
      if (command.accountNumber) await lockAccount(tx, command.accountNumber);
      if (Date.parse(command.endedAt) < Date.parse(command.startedAt))
        throw new Rejection('cis:rejected.interactionTimes');
      if (containsCardNumber(command.notes)) throw new Rejection('cis:rejected.cardNumber');
      const id = randomUUID();
      await tx.query(
        `insert into interactions (id, account_number, channel, reason, wrap_up_code, started_at, answered_at, ended_at,
           talk_seconds, hold_seconds, wrap_up_seconds, agent_id, language, notes)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          command.accountNumber,
          command.channel,
          command.reason,
          command.wrapUpCode,
          command.startedAt,
          command.answeredAt,
          command.endedAt,
          command.talkSeconds,
          command.holdSeconds,
          command.wrapUpSeconds,
          principal.userId,
          command.language,
          command.notes,
        ],
      );
      if (command.accountNumber) await changed(tx, command.accountNumber, 'interaction', false);
      return { interactionId: id };
    }
    case 'createArrangement': {
      const account = await lockAccount(tx, command.accountNumber);
      if (account.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
      const { rows: existing } = await tx.query<{ status: string; created_on: string }>(
        'select status, created_on from arrangements where account_number = $1',
        [account.number],
      );
      if (existing.some((a) => a.status === 'active'))
        throw new Rejection('cis:rejected.arrangementActive');
      const policy = policyOf(account);
      const decision = planArrangement(
        policy,
        {
          class: account.class,
          kind: command.kind,
          pastDueCents: account.past_due_cents,
          currentCents: Math.max(0, account.balance_cents - account.past_due_cents),
          currentMonthlyCents: command.currentMonthlyCents,
          offer: command.offer,
          household: command.household,
          prior: {
            count: existing.length,
            brokenOn: existing.filter((a) => a.status === 'broken').map((a) => a.created_on),
          },
        },
        ctx.today,
      );
      if (!decision.accepted) {
        throw new Rejection(
          `collections:${decision.refusal.messageKey}`,
          {
            ruleId: decision.refusal.id,
            params: decision.refusal.params,
            citation: decision.refusal.citation,
          },
          {
            action: 'arrangementRefused',
            details: { rule: decision.refusal.id, rules: rulesForAudit(decision.rules) },
          },
        );
      }
      const id = randomUUID();
      const plan = decision.plan;
      await tx.query(
        'insert into arrangements (id, account_number, kind, status, created_on, down_payment_cents, total_cents, installments) values ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          id,
          account.number,
          plan.kind,
          'active',
          ctx.today.toString(),
          plan.downPaymentCents,
          plan.totalCents,
          JSON.stringify(
            plan.installments.map(({ number, due, amountCents }) => ({ number, due, amountCents })),
          ),
        ],
      );
      await audit(ctx, 'arrangementCreated', account.number, {
        arrangementId: id,
        plan,
        rules: rulesForAudit(decision.rules),
      });
      await changed(tx, account.number, 'arrangement', true);
      return { arrangementId: id, plan };
    }
    case 'requestServiceOrder': {
      const account = await lockAccount(tx, command.accountNumber);
      const t = command.orderType;
      if (t === 'turn-on' && account.status === 'active')
        throw new Rejection('cis:rejected.alreadyOn');
      if ((t === 'turn-off' || t === 'field-disconnect') && account.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
      if (t === 'field-disconnect') {
        const policy = policyOf(account);
        const { rows: notices } = await tx.query<{ issued_on: string }>(
          "select issued_on from notices where account_number = $1 and kind = 'disconnection' and status = 'open' order by issued_on desc limit 1",
          [account.number],
        );
        const { rows: arr } = await tx.query<{ status: string }>(
          'select status from arrangements where account_number = $1 order by created_on desc limit 1',
          [account.number],
        );
        const decision = evaluateDisconnection(
          policy,
          {
            class: account.class,
            pastDueCents: account.past_due_cents,
            daysPastDue: account.past_due_days,
            noticeServed: notices[0]?.issued_on ?? null,
            arrangement:
              arr[0]?.status === 'active'
                ? 'good'
                : arr[0]?.status === 'broken'
                  ? 'broken'
                  : 'none',
          },
          ctx.today,
        );
        if (!decision.allowed) {
          const failed = firstFailure(decision.rules);
          throw new Rejection(
            failed ? `collections:${failed.messageKey}` : 'cis:rejected.disconnectionNotAllowed',
            { ruleId: failed?.id, params: failed?.params, earliest: decision.earliest },
            {
              action: 'disconnectionRefused',
              details: { earliest: decision.earliest, rules: rulesForAudit(decision.rules) },
            },
          );
        }
        await audit(ctx, 'disconnectionScheduled', account.number, {
          rules: rulesForAudit(decision.rules),
        });
      }
      const emergency = t === 'emergency-no-water' || t === 'emergency-main-break';
      const priority = emergency
        ? 'emergency'
        : t === 'leak-investigation' || t === 'field-disconnect'
          ? 'high'
          : 'routine';
      const window = serviceWindow(ctx, priority, policyOf(account).state, command.preferredDate);
      const id = randomUUID();
      await tx.query(
        'insert into service_orders (id, account_number, type, priority, status, window_start, window_end, notes, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [
          id,
          account.number,
          t,
          priority,
          'scheduled',
          window.start,
          window.end,
          command.notes,
          ctx.now,
        ],
      );
      if (t === 'turn-on' || t === 'turn-off') {
        await tx.query('update accounts set status = $2 where number = $1', [
          account.number,
          t === 'turn-on' ? 'pending-start' : 'pending-stop',
        ]);
      }
      await changed(tx, account.number, 'serviceOrder', t === 'turn-on' || t === 'turn-off');
      return { serviceOrderId: id, priority, windowStart: window.start, windowEnd: window.end };
    }
    case 'postAdjustment': {
      const account = await lockAccount(tx, command.accountNumber);
      const policy = policyOf(account);
      const approver = approverFor(policy, command.amountCents);
      const within = rank[principal.role] >= rank[approver];
      const id = randomUUID();
      await tx.query(
        'insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver, requested_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [
          id,
          account.number,
          command.kind,
          command.amountCents,
          within ? 'posted' : 'pending',
          command.reason,
          approver,
          principal.userId,
          ctx.now,
        ],
      );
      if (within) await postToBalance(tx, account, command.amountCents);
      await audit(ctx, within ? 'adjustmentPosted' : 'adjustmentRequested', account.number, {
        adjustmentId: id,
        amountCents: command.amountCents,
        approver,
        limits: policy.adjustments.approvalLimits,
      });
      await changed(tx, account.number, 'adjustment', within);
      return { adjustmentId: id, status: within ? 'posted' : 'pending', approver };
    }
    case 'decideAdjustment': {
      const account = await lockAccount(tx, command.accountNumber);
      const { rows } = await tx.query<{
        status: string;
        approver: keyof typeof rank;
        amount_cents: number;
        requested_by: string;
      }>(
        'select status, approver, amount_cents, requested_by from adjustments where id = $1 and account_number = $2 for update',
        [command.adjustmentId, account.number],
      );
      const adj = rows[0];
      if (!adj) throw new Rejection('cis:rejected.noSuchAdjustment');
      if (adj.status !== 'pending')
        throw new Rejection('cis:rejected.adjustmentDecided', { status: adj.status });
      if (rank[principal.role] < rank[adj.approver] || principal.role === 'agent')
        throw new Rejection('cis:rejected.notYourApproval', { approver: adj.approver });
      const approve = command.decision === 'approve';
      await tx.query(
        'update adjustments set status = $2, decided_by = $3, decision_reason = $4 where id = $1',
        [command.adjustmentId, approve ? 'posted' : 'declined', principal.userId, command.reason],
      );
      if (approve) await postToBalance(tx, account, adj.amount_cents);
      await audit(ctx, approve ? 'adjustmentApproved' : 'adjustmentDeclined', account.number, {
        adjustmentId: command.adjustmentId,
        reason: command.reason,
        requestedBy: adj.requested_by,
      });
      await changed(tx, account.number, 'adjustment', approve);
      return { adjustmentId: command.adjustmentId, status: approve ? 'posted' : 'declined' };
    }
    case 'issueNotice': {
      const account = await lockAccount(tx, command.accountNumber);
      if (account.past_due_cents <= 0) throw new Rejection('cis:rejected.nothingPastDue');
      let earliest: string | null = null;
      if (command.kind === 'disconnection') {
        const policy = policyOf(account);
        const decision = evaluateDisconnection(
          policy,
          {
            class: account.class,
            pastDueCents: account.past_due_cents,
            daysPastDue: account.past_due_days,
            noticeServed: ctx.today.toString(),
            arrangement: 'none',
          },
          ctx.today,
        );
        const blocking = decision.rules.find(
          (r) =>
            r.outcome === 'fail' &&
            r.id !== 'notice' &&
            r.id !== 'days-past-due' &&
            r.id !== 'forbidden-days',
        );
        if (blocking) {
          throw new Rejection(
            `collections:${blocking.messageKey}`,
            { ruleId: blocking.id, params: blocking.params },
            { action: 'noticeRefused', details: { rules: rulesForAudit(decision.rules) } },
          );
        }
        earliest = decision.earliest;
        await audit(ctx, 'noticeIssued', account.number, {
          earliest,
          rules: rulesForAudit(decision.rules),
        });
      }
      const id = randomUUID();
      await tx.query(
        'insert into notices (id, account_number, kind, issued_on, amount_cents, earliest_disconnection, status) values ($1, $2, $3, $4, $5, $6, $7)',
        [
          id,
          account.number,
          command.kind,
          ctx.today.toString(),
          account.past_due_cents,
          earliest,
          'open',
        ],
      );
      await changed(tx, account.number, 'notice', true);
      return { noticeId: id, earliestDisconnection: earliest };
    }
    case 'updateContactInfo': {
      const account = await lockAccount(tx, command.accountNumber);
      const sets: string[] = [];
      const params: unknown[] = [account.customer_id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (command.phones) set('phones', JSON.stringify(command.phones));
      if (command.emails) set('emails', JSON.stringify(command.emails));
      if (command.mailingAddress) set('mailing_address', JSON.stringify(command.mailingAddress));
      if (command.preferredLanguage) set('preferred_language', command.preferredLanguage);
      if (!sets.length) throw new Rejection('cis:rejected.nothingToChange');
      await tx.query(`update customers set ${sets.join(', ')} where id = $1`, params);
      if (command.phones) {
        await tx.query('delete from account_phones where account_number = $1', [account.number]);
        for (const p of command.phones) {
          await tx.query(
            'insert into account_phones (account_number, digits) values ($1, $2) on conflict do nothing',
            [account.number, phoneDigits(p.number)],
          );
        }
      }
      await changed(tx, account.number, 'customer', true);
      return {
        updated: Object.keys(command).filter((k) => !['type', 'accountNumber'].includes(k)),
      };
    }
    case 'changeAccountHolder': {
      const account = await lockAccount(tx, command.accountNumber);
      if (account.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
      if (Temporal.PlainDate.compare(Temporal.PlainDate.from(command.effectiveOn), ctx.today) < 0)
        throw new Rejection('cis:rejected.dateInPast');
      const { rows: old } = await tx.query<{ mailing_address: unknown }>(
        'select mailing_address from customers where id = $1',
        [account.customer_id],
      );
      const customerId = randomUUID();
      const { rows: seq } = await tx.query<{ n: number }>(
        'select count(*)::int as n from accounts where utility_id = $1',
        [account.utility_id],
      );
      const newNumber = `${account.number.split('-')[0]}-${String(900000 + seq[0].n).padStart(7, '0')}`;
      await tx.query(
        `insert into customers (id, name, preferred_language, phones, emails, mailing_address, protections)
         values ($1, $2, $3, $4, '[]', $5, '{"medicalCertificate":null,"lifeSupport":false,"lowIncome":false,"bankruptcy":false}')`,
        [
          customerId,
          command.newHolderName,
          command.preferredLanguage,
          JSON.stringify([{ number: command.phone, kind: 'mobile' }]),
          JSON.stringify(old[0].mailing_address),
        ],
      );
      await tx.query(
        `insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ($1, $2, $3, $4, 'pending-start', $5, $6)`,
        [
          newNumber,
          account.utility_id,
          customerId,
          account.premise_id,
          account.class,
          command.effectiveOn,
        ],
      );
      await tx.query('insert into account_phones (account_number, digits) values ($1, $2)', [
        newNumber,
        phoneDigits(command.phone),
      ]);
      await tx.query("update accounts set status = 'pending-stop' where number = $1", [
        account.number,
      ]);
      await audit(ctx, 'accountHolderChanged', account.number, {
        newAccount: newNumber,
        effectiveOn: command.effectiveOn,
      });
      await changed(tx, account.number, 'account', true);
      await tx.query(
        "insert into change_log (account_number, kind, entity) values ($1, 'header', 'account')",
        [newNumber],
      );
      return { newAccountNumber: newNumber };
    }
  }
}

async function postToBalance(tx: Db, account: AccountRow, amountCents: number): Promise<void> {
  // A credit lowers the balance, and the past-due part first.
  const pastDue =
    amountCents < 0 ? Math.max(0, account.past_due_cents + amountCents) : account.past_due_cents;
  await tx.query(
    'update accounts set balance_cents = balance_cents + $2, past_due_cents = $3 where number = $1',
    [account.number, amountCents, pastDue],
  );
  account.balance_cents += amountCents;
  account.past_due_cents = pastDue;
}

const TIME_ZONES: Record<string, string> = {
  ME: 'America/New_York',
  PA: 'America/New_York',
  CA: 'America/Los_Angeles',
};

/**
 * Appointment windows from the utility's calendar: emergencies within 4 hours; others the
 * morning (8 to noon, the utility's local time) of the next business day, or of the day asked.
 */
function serviceWindow(
  ctx: CommandContext,
  priority: 'routine' | 'high' | 'emergency',
  state: string,
  preferred?: string,
): { start: string; end: string } {
  if (priority === 'emergency') {
    return {
      start: ctx.now.toISOString(),
      end: new Date(ctx.now.getTime() + 4 * 3600_000).toISOString(),
    };
  }
  const calendar = stateCalendar(state);
  let day = preferred ? Temporal.PlainDate.from(preferred) : ctx.today.add({ days: 1 });
  if (Temporal.PlainDate.compare(day, ctx.today) <= 0) day = ctx.today.add({ days: 1 });
  while (!calendar.isBusinessDay(day)) day = day.add({ days: 1 });
  const zone = TIME_ZONES[state] ?? 'America/New_York';
  const at = (hour: number) =>
    day.toPlainDateTime({ hour }).toZonedDateTime(zone).toInstant().toString();
  return { start: at(8), end: at(12) };
}

/** Writes the audit row of a refused command, after its effects were rolled back. */
export async function auditRejection(
  db: Db,
  principal: Principal,
  command: Command,
  err: Rejection,
): Promise<void> {
  await db.query(
    'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
    [
      principal.userId,
      err.audit?.action ?? 'commandRejected',
      'accountNumber' in command ? command.accountNumber : null,
      JSON.stringify({
        type: command.type,
        reasonKey: err.reasonKey,
        details: err.details,
        ...(err.audit?.details ?? {}),
      }),
    ],
  );
}

export function outcomeOfRejection(err: Rejection): CommandOutcome {
  return { status: 'rejected', reasonKey: err.reasonKey, details: err.details };
}
