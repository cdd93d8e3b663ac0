import { randomUUID } from 'node:crypto';
import { screenHousehold } from '../../shared/assistance';
import {
  type Command,
  type CommandOf,
  type CommandOutcome,
  commandRoles,
  containsCardNumber,
  type DepositFacts,
  lateFeeOnBill,
  type Principal,
  type Protections,
  phoneDigits,
  type ServiceOrderType,
} from '../../shared/cis';
import {
  type AdjustmentDecision,
  type ArrangementPlan,
  arrangementStanding,
  averageMonthlyBillCents,
  billCycleOf,
  type CollectionPolicy,
  computeDeposit,
  type DepositDecision,
  type DisconnectionAccount,
  disconnectionFacts,
  evaluateDisconnection,
  getCollectionPolicy,
  type Household,
  householdOnFile,
  lastYearBilledCents,
  lateFeeReversal,
  lateFeeWaiverDates,
  leakAdjustment,
  onTimePaymentMonths,
  percentageAdjustment,
  planArrangement,
  priorArrangements,
  type RuleCheck,
} from '../../shared/collections';
import { compareDates, type PlainDate, plainDate } from '../../shared/dates';
import { getUtilityProfile } from '../../shared/rates';
import { marginalRate } from '../../shared/rates/calculator';
import { getFieldServiceProfile, planServiceOrder } from '../../shared/service';
import { ageAccounts } from '../cis/aging';
import { billLines } from '../cis/reads';
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

interface Change {
  accountNumber: string;
  kind: 'header' | 'detail';
  entity: string;
}

/** A command being applied: the changes it made, appended to the change log as it ends. */
interface Applying extends CommandContext {
  changes: Change[];
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

/** Records that an account changed: its version now, its change-log row as the command ends. */
async function changed(
  ctx: Applying,
  number: string,
  entity: string,
  header: boolean,
): Promise<void> {
  await ctx.tx.query('update accounts set version = version + 1 where number = $1', [number]);
  ctx.changes.push({ accountNumber: number, kind: header ? 'header' : 'detail', entity });
}

/**
 * One key for every writer of the change log. A desktop pulls the rows after its cursor, so a
 * row must never become visible after a later one: a transaction takes this lock before it
 * draws its sequence numbers and keeps it until it commits, so appends commit in their order.
 */
const CHANGE_LOG_LOCK = 7_301_002;

/** Appends changes to the change log, in the order of commits (see CHANGE_LOG_LOCK). */
export async function appendChanges(tx: Db, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.query('select pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  await tx.query(
    `insert into change_log (account_number, kind, entity)
     select * from unnest($1::text[], $2::text[], $3::text[])`,
    [changes.map((c) => c.accountNumber), changes.map((c) => c.kind), changes.map((c) => c.entity)],
  );
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

/** Open (or booked) orders of one type already answer a new request for the same work. */
const OPEN_ORDER = "status in ('open', 'scheduled')";

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

/**
 * Any text of the command that carries what looks like a card number, wherever it was typed
 * (a note, an order's notes, a reason, a decision), each field on its own as the desktop's
 * outbox checks the whole command.
 */
function cardNumberIn(value: unknown): boolean {
  if (typeof value === 'string') return containsCardNumber(value);
  if (Array.isArray(value)) return value.some(cardNumberIn);
  if (value && typeof value === 'object') return Object.values(value).some(cardNumberIn);
  return false;
}

/**
 * Applies one command inside the caller's transaction, or throws Rejection. Its changes reach
 * the change log last, so the log's lock is held only while the transaction ends.
 */
export async function applyCommand(
  ctx: CommandContext,
  command: Command,
): Promise<Record<string, unknown>> {
  const needed = commandRoles[command.type];
  if (rank[ctx.principal.role] < rank[needed])
    throw new Rejection('cis:rejected.roleNotAllowed', { role: needed });
  if (cardNumberIn(command)) throw new Rejection('cis:rejected.cardNumber');
  const applying: Applying = { ...ctx, changes: [] };
  const result = await applyOne(applying, command);
  await appendChanges(ctx.tx, applying.changes);
  return result;
}

async function applyOne(ctx: Applying, command: Command): Promise<Record<string, unknown>> {
  const { tx, principal } = ctx;
  switch (command.type) {
    case 'addNote': {
      await lockAccount(tx, command.accountNumber);
      const id = randomUUID();
      await tx.query(
        'insert into notes (id, account_number, text, author_id, author_name, created_at) values ($1, $2, $3, $4, $5, $6)',
        [id, command.accountNumber, command.text, principal.userId, principal.name, ctx.now],
      );
      await changed(ctx, command.accountNumber, 'note', false);
      return { noteId: id };
    }
    case 'recordInteraction': {
      if (command.accountNumber) await lockAccount(tx, command.accountNumber);
      if (Date.parse(command.endedAt) < Date.parse(command.startedAt))
        throw new Rejection('cis:rejected.interactionTimes');
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
      if (command.accountNumber) await changed(ctx, command.accountNumber, 'interaction', false);
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
      const { rows: billed } = await tx.query<{
        due_on: string;
        period_to: string;
        total_cents: number | string;
      }>('select due_on, period_to, total_cents from bills where account_number = $1', [
        account.number,
      ]);
      const frequency = getUtilityProfile(account.utility_id)?.billFrequency ?? 'monthly';
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
          billCycle: billCycleOf(
            billed.map((b) => ({ dueOn: b.due_on })),
            frequency,
          ),
          // Levelized budget billing spreads the last year's bills, as the desktop does.
          annualBilledCents: lastYearBilledCents(
            billed.map((b) => ({ periodTo: b.period_to, totalCents: Number(b.total_cents) })),
            ctx.today,
          ),
          prior: priorArrangements(
            existing.map((a) => ({ status: a.status, createdOn: a.created_on })),
          ),
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
      await changed(ctx, account.number, 'arrangement', true);
      return { arrangementId: id, plan };
    }
    case 'requestServiceOrder': {
      const account = await lockAccount(tx, command.accountNumber);
      const t = command.orderType;
      if (t === 'turn-on' && account.status === 'active')
        throw new Rejection('cis:rejected.alreadyOn');
      if ((t === 'turn-off' || t === 'field-disconnect') && account.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
      const decision = t === 'field-disconnect' ? await mayDisconnect(ctx, account, command) : null;
      const { rows: open } = await tx.query(
        `select 1 from service_orders where account_number = $1 and type = $2 and ${OPEN_ORDER}`,
        [account.number, t],
      );
      if (open.length) throw new Rejection('cis:rejected.orderOpen', { orderType: t });
      const order = await fileOrder(ctx, account, t, command.notes, command.preferredDate);
      if (t === 'turn-on' || t === 'turn-off') {
        await tx.query('update accounts set status = $2 where number = $1', [
          account.number,
          t === 'turn-on' ? 'pending-start' : 'pending-stop',
        ]);
      }
      if (decision) {
        await audit(ctx, 'disconnectionScheduled', account.number, {
          serviceOrderId: order.serviceOrderId,
          screening: command.screening ?? null,
          rules: rulesForAudit(decision.rules),
        });
      } else if (order.priority !== 'emergency') {
        await audit(ctx, 'serviceOrderRequested', account.number, {
          serviceOrderId: order.serviceOrderId,
          type: t,
          priority: order.priority,
          windowStart: order.windowStart,
          windowEnd: order.windowEnd,
          statusTo: t === 'turn-on' ? 'pending-start' : t === 'turn-off' ? 'pending-stop' : null,
        });
      }
      await changed(ctx, account.number, 'serviceOrder', t === 'turn-on' || t === 'turn-off');
      return order;
    }
    case 'postAdjustment': {
      const account = await lockAccount(tx, command.accountNumber);
      const policy = policyOf(account);
      const { decision, basis } = await adjustmentOf(ctx, account, policy, command);
      const refused = (reasonKey: string, details: Record<string, unknown>) =>
        new Rejection(reasonKey, details, {
          action: 'adjustmentRefused',
          details: {
            kind: command.kind,
            basis,
            computedCents: decision.amountCents,
            askedCents: command.amountCents,
            rules: rulesForAudit(decision.rules),
          },
        });
      if (!decision.allowed) {
        const failed = firstFailure(decision.rules);
        throw refused(
          failed ? `collections:${failed.messageKey}` : 'cis:rejected.adjustmentNotAllowed',
          { ruleId: failed?.id, params: failed?.params, citation: failed?.citation },
        );
      }
      if (decision.amountCents !== command.amountCents) {
        throw refused('cis:rejected.adjustmentMismatch', {
          amount: Math.abs(decision.amountCents),
          computedCents: decision.amountCents,
          askedCents: command.amountCents,
        });
      }
      const within = decision.withinRole;
      const id = randomUUID();
      await tx.query(
        'insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver, requested_by, created_at, basis) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
          id,
          account.number,
          command.kind,
          decision.amountCents,
          within ? 'posted' : 'pending',
          command.reason,
          decision.approver,
          principal.userId,
          ctx.now,
          JSON.stringify({ ...basis, rules: rulesForAudit(decision.rules) }),
        ],
      );
      if (within) await postToBalance(ctx, account, decision.amountCents);
      await audit(ctx, within ? 'adjustmentPosted' : 'adjustmentRequested', account.number, {
        adjustmentId: id,
        kind: command.kind,
        amountCents: decision.amountCents,
        approver: decision.approver,
        basis,
        rules: rulesForAudit(decision.rules),
        limits: policy.adjustments.approvalLimits,
      });
      await changed(ctx, account.number, 'adjustment', within);
      return {
        adjustmentId: id,
        status: within ? 'posted' : 'pending',
        approver: decision.approver,
      };
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
        'update adjustments set status = $2, decided_by = $3, decision_reason = $4, decided_at = $5 where id = $1',
        [
          command.adjustmentId,
          approve ? 'posted' : 'declined',
          principal.userId,
          command.reason,
          ctx.now,
        ],
      );
      if (approve) await postToBalance(ctx, account, adj.amount_cents);
      await audit(ctx, approve ? 'adjustmentApproved' : 'adjustmentDeclined', account.number, {
        adjustmentId: command.adjustmentId,
        reason: command.reason,
        requestedBy: adj.requested_by,
      });
      await changed(ctx, account.number, 'adjustment', approve);
      return { adjustmentId: command.adjustmentId, status: approve ? 'posted' : 'declined' };
    }
    case 'issueNotice': {
      const account = await lockAccount(tx, command.accountNumber);
      if (account.past_due_cents <= 0) throw new Rejection('cis:rejected.nothingPastDue');
      let earliest: string | null = null;
      let rules: ReturnType<typeof rulesForAudit> = [];
      if (command.kind === 'disconnection') {
        const policy = policyOf(account);
        // The account's own facts (its arrangement's standing, a medical certificate), with the
        // notice served today.
        const facts = await disconnectionFactsOf(ctx, account, policy);
        const decision = evaluateDisconnection(
          policy,
          { ...facts, noticeServed: ctx.today.toString() },
          ctx.today,
        );
        rules = rulesForAudit(decision.rules);
        // A notice may go out before the amount is old enough and the notice period has run:
        // those only set the earliest date. Any other failing rule protects the customer.
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
            { ruleId: blocking.id, params: blocking.params, citation: blocking.citation },
            { action: 'noticeRefused', details: { kind: command.kind, rules } },
          );
        }
        earliest = decision.earliest;
      }
      const { rows: open } = await tx.query<{ issued_on: string }>(
        "select issued_on from notices where account_number = $1 and kind = $2 and status = 'open'",
        [account.number, command.kind],
      );
      if (open.length)
        throw new Rejection('cis:rejected.noticeOpen', {
          kind: command.kind,
          date: open[0].issued_on,
        });
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
      await audit(ctx, 'noticeIssued', account.number, {
        noticeId: id,
        kind: command.kind,
        amountCents: account.past_due_cents,
        daysPastDue: account.past_due_days,
        earliest,
        rules,
      });
      await changed(ctx, account.number, 'notice', true);
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
      const updated = Object.keys(command).filter((k) => !['type', 'accountNumber'].includes(k));
      // Which details changed, not their values: the customer record keeps those.
      await audit(ctx, 'contactInfoUpdated', account.number, { updated });
      await changed(ctx, account.number, 'customer', true);
      return { updated };
    }
    case 'changeAccountHolder': {
      const account = await lockAccount(tx, command.accountNumber);
      if (account.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
      refusePastDate(ctx, command.effectiveOn);
      const { rows: old } = await tx.query<{ mailing_address: unknown }>(
        'select mailing_address from customers where id = $1',
        [account.customer_id],
      );
      const customerId = await newCustomer(
        ctx,
        {
          name: command.newHolderName,
          preferredLanguage: command.preferredLanguage,
          phone: command.phone,
        },
        old[0].mailing_address,
      );
      const deposit = await depositFor(
        ctx,
        account,
        account.premise_id,
        account.class,
        command.deposit ?? {},
      );
      const newNumber = await openAccount(ctx, account, {
        customerId,
        premiseId: account.premise_id,
        class: account.class,
        openedOn: command.effectiveOn,
        depositCents: 0,
        depositDueCents: deposit.amountCents,
        phone: command.phone,
      });
      await tx.query("update accounts set status = 'pending-stop' where number = $1", [
        account.number,
      ]);
      const finalRead = command.finalRead
        ? await fileOrder(ctx, account, 'final-read', '', command.effectiveOn)
        : null;
      await audit(ctx, 'accountHolderChanged', account.number, {
        newAccount: newNumber,
        effectiveOn: command.effectiveOn,
        deposit: depositAudit(deposit),
        finalReadOrderId: finalRead?.serviceOrderId ?? null,
      });
      await changed(ctx, account.number, 'account', true);
      return { newAccountNumber: newNumber, deposit: depositResult(deposit), finalRead };
    }
    case 'startService': {
      const previous = await lockAccount(tx, command.accountNumber);
      refusePastDate(ctx, command.startOn);
      const { rows: served } = await tx.query<{ number: string }>(
        "select number from accounts where premise_id = $1 and status in ('active', 'pending-start')",
        [previous.premise_id],
      );
      if (served.length)
        throw new Rejection('cis:rejected.premiseServed', { accountNumber: served[0].number });
      const { rows: premise } = await tx.query<{ address: unknown }>(
        'select address from premises where id = $1',
        [previous.premise_id],
      );
      const customerId = await newCustomer(ctx, command.holder, premise[0].address);
      const deposit = await depositFor(
        ctx,
        previous,
        previous.premise_id,
        command.class,
        command.deposit,
      );
      const newNumber = await openAccount(ctx, previous, {
        customerId,
        premiseId: previous.premise_id,
        class: command.class,
        openedOn: command.startOn,
        depositCents: 0,
        depositDueCents: deposit.amountCents,
        phone: command.holder.phone,
      });
      const started = await lockAccount(tx, newNumber);
      const turnOn = await fileOrder(ctx, started, 'turn-on', '', command.startOn);
      await audit(ctx, 'serviceStarted', newNumber, {
        premiseOf: previous.number,
        startOn: command.startOn,
        deposit: depositAudit(deposit),
        turnOnOrderId: turnOn.serviceOrderId,
      });
      await changed(ctx, previous.number, 'account', false);
      return { newAccountNumber: newNumber, deposit: depositResult(deposit), turnOn };
    }
    case 'stopService': {
      const account = await lockAccount(tx, command.accountNumber);
      if (account.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
      refusePastDate(ctx, command.stopOn);
      const turnOff = await fileOrder(ctx, account, 'turn-off', command.notes, command.stopOn);
      await tx.query(
        "update accounts set status = 'pending-stop', final_bill_address = $2 where number = $1",
        [
          account.number,
          command.forwardingAddress ? JSON.stringify(command.forwardingAddress) : null,
        ],
      );
      await audit(ctx, 'serviceStopped', account.number, {
        stopOn: command.stopOn,
        turnOffOrderId: turnOff.serviceOrderId,
        forwardingAddress: command.forwardingAddress ?? null,
      });
      await changed(ctx, account.number, 'account', true);
      return { turnOff };
    }
    case 'transferService': {
      const from = await lockAccount(tx, command.accountNumber);
      if (from.status !== 'active')
        throw new Rejection('cis:rejected.accountNotActive', { status: from.status });
      refusePastDate(ctx, command.moveOn);
      const destination = await lockAccount(tx, command.destinationAccountNumber);
      if (destination.premise_id === from.premise_id)
        throw new Rejection('cis:rejected.samePremise');
      const { rows: served } = await tx.query<{ number: string }>(
        "select number from accounts where premise_id = $1 and status in ('active', 'pending-start')",
        [destination.premise_id],
      );
      if (served.length)
        throw new Rejection('cis:rejected.premiseServed', { accountNumber: served[0].number });
      const history = await paymentHistoryMonths(ctx, from);
      const { rows: held } = await tx.query<{ deposit_cents: number }>(
        'select deposit_cents from accounts where number = $1',
        [from.number],
      );
      const carried = Number(held[0].deposit_cents);
      // The record decides the payment history, not what is said on the call.
      const deposit = await depositFor(ctx, from, destination.premise_id, from.class, {
        ...(command.deposit ?? {}),
        onTimePaymentMonths: history,
      });
      const newNumber = await openAccount(ctx, from, {
        customerId: from.customer_id,
        premiseId: destination.premise_id,
        class: from.class,
        openedOn: command.moveOn,
        depositCents: carried,
        depositDueCents: Math.max(0, deposit.amountCents - carried),
        phone: null,
      });
      await tx.query(
        "update accounts set status = 'pending-stop', deposit_cents = 0 where number = $1",
        [from.number],
      );
      const turnOff = await fileOrder(ctx, from, 'turn-off', '', command.moveOn);
      const turnOn = await fileOrder(
        ctx,
        await lockAccount(tx, newNumber),
        'turn-on',
        '',
        command.moveOn,
      );
      await audit(ctx, 'serviceTransferred', from.number, {
        newAccount: newNumber,
        moveOn: command.moveOn,
        depositCarriedCents: carried,
        deposit: depositAudit(deposit),
        onTimePaymentMonths: history,
      });
      await changed(ctx, from.number, 'account', true);
      await changed(ctx, destination.number, 'account', false);
      return {
        newAccountNumber: newNumber,
        deposit: depositResult(deposit),
        depositCarriedCents: carried,
        depositDueCents: Math.max(0, deposit.amountCents - carried),
        turnOff,
        turnOn,
      };
    }
    case 'enrollAssistance': {
      const account = await lockAccount(tx, command.accountNumber);
      const policy = policyOf(account);
      const screening = screenHousehold(
        policy,
        {
          householdSize: command.household.size,
          annualIncomeCents: command.household.annualIncomeCents,
          senior: command.senior,
        },
        ctx.today,
      );
      const program = screening.programs.find((p) => p.id === command.program);
      if (!program) throw new Rejection('cis:rejected.noSuchProgram', { program: command.program });
      if (program.qualifies !== true) {
        throw new Rejection(
          `collections:${program.reasonKey}`,
          { params: program.params, citation: program.citation },
          {
            action: 'enrollmentRefused',
            details: { program: program.id, percentOfPoverty: screening.percentOfPoverty },
          },
        );
      }
      const { rows: enrolled } = await tx.query(
        "select 1 from enrollments where account_number = $1 and program = $2 and status = 'active'",
        [account.number, program.id],
      );
      if (enrolled.length)
        throw new Rejection('cis:rejected.alreadyEnrolled', { program: program.id });
      const id = randomUUID();
      await tx.query(
        `insert into enrollments (id, account_number, program, enrolled_on, status, household_size, annual_income_cents, percent_of_poverty)
         values ($1, $2, $3, $4, 'active', $5, $6, $7)`,
        [
          id,
          account.number,
          program.id,
          ctx.today.toString(),
          command.household.size,
          command.household.annualIncomeCents,
          screening.percentOfPoverty,
        ],
      );
      if (program.params.limit) {
        // An income-tested program: the customer is low income for the protections that weigh it.
        await tx.query(
          `update customers set protections = jsonb_set(protections, '{lowIncome}', 'true') where id = $1`,
          [account.customer_id],
        );
      }
      await audit(ctx, 'assistanceEnrolled', account.number, {
        enrollmentId: id,
        program: program.id,
        percentOfPoverty: screening.percentOfPoverty,
        guideline: screening.guideline.year,
        citation: program.citation,
      });
      await changed(ctx, account.number, 'enrollment', true);
      return {
        enrollmentId: id,
        program: program.id,
        percentOfPoverty: screening.percentOfPoverty,
      };
    }
    case 'recordRightsInformed': {
      const account = await lockAccount(tx, command.accountNumber);
      const policy = policyOf(account);
      await audit(ctx, 'rightsInformed', account.number, {
        rightsKey: policy.rightsKey,
        language: command.language,
        channel: command.channel,
        sources: policy.sources.map((s) => s.title),
      });
      return { informedOn: ctx.today.toString(), rightsKey: policy.rightsKey };
    }
  }
}

function refusePastDate(ctx: CommandContext, day: string): void {
  if (compareDates(plainDate(day), ctx.today) < 0)
    throw new Rejection('cis:rejected.dateInPast', { date: day });
}

async function newCustomer(
  ctx: CommandContext,
  holder: { name: string; preferredLanguage: string; phone: string; email?: string },
  mailingAddress: unknown,
): Promise<string> {
  const id = randomUUID();
  await ctx.tx.query(
    `insert into customers (id, name, preferred_language, phones, emails, mailing_address, protections)
     values ($1, $2, $3, $4, $5, $6, '{"medicalCertificate":null,"lifeSupport":false,"lowIncome":false,"bankruptcy":false}')`,
    [
      id,
      holder.name,
      holder.preferredLanguage,
      JSON.stringify([{ number: holder.phone, kind: 'mobile' }]),
      JSON.stringify(holder.email ? [holder.email] : []),
      JSON.stringify(mailingAddress),
    ],
  );
  return id;
}

/**
 * The next free account number in the utility's numbering (its prefix, seven digits or more),
 * from the database's sequence: concurrent starts never share one. Numbers written without the
 * sequence (an import) move it past them once, the first time one is met.
 */
async function nextAccountNumber(tx: Db, prefix: string): Promise<string> {
  const draw = async () => {
    const { rows } = await tx.query<{ n: number }>("select nextval('account_numbers') as n");
    return `${prefix}-${String(rows[0].n).padStart(7, '0')}`;
  };
  const taken = async (number: string) =>
    (await tx.query('select 1 from accounts where number = $1', [number])).rows.length > 0;
  let number = await draw();
  if (!(await taken(number))) return number;
  await tx.query(
    `select setval('account_numbers', greatest(nextval('account_numbers'),
       (select max(substring(number from '-([0-9]{1,15})$')::bigint) from accounts where number like $1 || '-%')))`,
    [prefix],
  );
  number = await draw();
  if (await taken(number)) throw new Error(`account number ${number} is taken`);
  return number;
}

/** A new account in the utility's numbering, pending its start; the desktops hear of it. */
async function openAccount(
  ctx: Applying,
  like: AccountRow,
  a: {
    customerId: string;
    premiseId: string;
    class: 'residential' | 'commercial';
    openedOn: string;
    depositCents: number;
    depositDueCents: number;
    phone: string | null;
  },
): Promise<string> {
  const number = await nextAccountNumber(ctx.tx, like.number.split('-')[0]);
  await ctx.tx.query(
    `insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on, deposit_cents, deposit_due_cents)
     values ($1, $2, $3, $4, 'pending-start', $5, $6, $7, $8)`,
    [
      number,
      like.utility_id,
      a.customerId,
      a.premiseId,
      a.class,
      a.openedOn,
      a.depositCents,
      a.depositDueCents,
    ],
  );
  const { rows: phones } = a.phone
    ? { rows: [{ number: a.phone }] }
    : await ctx.tx
        .query<{ phones: { number: string }[] }>('select phones from customers where id = $1', [
          a.customerId,
        ])
        .then((r) => ({ rows: r.rows[0]?.phones ?? [] }));
  for (const p of phones) {
    await ctx.tx.query(
      'insert into account_phones (account_number, digits) values ($1, $2) on conflict do nothing',
      [number, phoneDigits(p.number)],
    );
  }
  ctx.changes.push({ accountNumber: number, kind: 'header', entity: 'account' });
  return number;
}

/** The deposit the policy asks of a service at a premise, from the premise's last year of bills. */
async function depositFor(
  ctx: CommandContext,
  account: AccountRow,
  premiseId: string,
  cls: 'residential' | 'commercial',
  facts: DepositFacts,
): Promise<DepositDecision> {
  const { rows } = await ctx.tx.query<{
    period_from: string;
    period_to: string;
    total_cents: number;
  }>(
    `select b.period_from, b.period_to, b.total_cents from bills b join accounts a on a.number = b.account_number
      where a.premise_id = $1 and b.period_to > $2`,
    [premiseId, ctx.today.subtract({ years: 1 }).toString()],
  );
  const average = averageMonthlyBillCents(
    rows.map((r) => ({
      periodFrom: r.period_from,
      periodTo: r.period_to,
      totalCents: Number(r.total_cents),
    })),
    ctx.today,
  );
  return computeDeposit(
    policyOf(account),
    { class: cls, averageMonthlyBillCents: average, ...facts },
    ctx.today,
  );
}

function depositResult(d: DepositDecision) {
  return {
    amountCents: d.amountCents,
    waived: d.waived,
    rules: d.rules.map((r) => ({
      id: r.id,
      messageKey: r.messageKey,
      params: r.params,
      citation: r.citation,
    })),
  };
}

function depositAudit(d: DepositDecision) {
  return { amountCents: d.amountCents, waived: d.waived, rules: rulesForAudit(d.rules) };
}

/** Months of on-time payment on an account's record (bills paid in full by their due date). */
async function paymentHistoryMonths(ctx: CommandContext, account: AccountRow): Promise<number> {
  // One query at a time: a transaction's connection runs them in turn anyway.
  const bills = await ctx.tx.query<{
    period_from: string;
    period_to: string;
    total_cents: number;
    due_on: string;
  }>('select period_from, period_to, total_cents, due_on from bills where account_number = $1', [
    account.number,
  ]);
  const payments = await ctx.tx.query<{ paid_on: string; amount_cents: number; status: string }>(
    'select paid_on, amount_cents, status from payments where account_number = $1',
    [account.number],
  );
  return onTimePaymentMonths(
    bills.rows.map((b) => ({
      periodFrom: b.period_from,
      periodTo: b.period_to,
      totalCents: Number(b.total_cents),
      dueOn: b.due_on,
    })),
    payments.rows.map((p) => ({
      paidOn: p.paid_on,
      amountCents: Number(p.amount_cents),
      status: p.status,
    })),
    getUtilityProfile(account.utility_id)?.billFrequency ?? 'monthly',
    ctx.today,
  );
}

/**
 * Posts an amount to the balance and ages the past due again from the ledger: a credit pays the
 * oldest amounts first, so the buckets and the age follow.
 */
async function postToBalance(
  ctx: Applying,
  account: AccountRow,
  amountCents: number,
): Promise<void> {
  await ctx.tx.query('update accounts set balance_cents = balance_cents + $2 where number = $1', [
    account.number,
    amountCents,
  ]);
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
  const { rows } = await ctx.tx.query<AccountRow>('select * from accounts where number = $1', [
    account.number,
  ]);
  Object.assign(account, rows[0]);
}

/** Posted or waiting adjustments of a kind, by the day they were asked. */
async function previousAdjustments(
  ctx: Applying,
  account: AccountRow,
  kind: string,
): Promise<string[]> {
  const { rows } = await ctx.tx.query<{ created_at: Date | string }>(
    "select created_at from adjustments where account_number = $1 and kind = $2 and status in ('posted', 'pending')",
    [account.number, kind],
  );
  return rows.map((r) => new Date(r.created_at).toISOString().slice(0, 10));
}

/**
 * The adjustment the policy gives, computed here from the account's own bill and history (never
 * from an amount the desktop sends): a leak credit on the bill's use above the account's normal
 * at the bill's own top rates, the reversal of the late fee that bill actually carries (once per
 * bill), or a percentage of the bill. The basis is what it was computed from, kept and audited.
 */
async function adjustmentOf(
  ctx: Applying,
  account: AccountRow,
  policy: CollectionPolicy,
  command: CommandOf<'postAdjustment'>,
): Promise<{ decision: AdjustmentDecision; basis: Record<string, unknown> }> {
  // This CIS numbers its bills; another's ids (an adapter's) are no bill here.
  const { rows } = /^[1-9][0-9]{0,17}$/.test(command.billId)
    ? await ctx.tx.query<{
        period_to: string;
        usage: string | number;
        unit: string;
        total_cents: number;
        lines: unknown;
      }>(
        'select period_to, usage, unit, total_cents, lines from bills where id = $1 and account_number = $2',
        [command.billId, account.number],
      )
    : { rows: [] };
  const bill = rows[0];
  if (!bill) throw new Rejection('cis:rejected.noSuchBill', { billId: command.billId });
  const lines = billLines(bill.lines);
  const role = ctx.principal.role;
  switch (command.kind) {
    case 'leak': {
      const { rows: earlier } = await ctx.tx.query<{ usage: string | number }>(
        'select usage from bills where account_number = $1 and period_to < $2 order by period_to desc limit $3',
        [account.number, bill.period_to, policy.adjustments.leak.averageMonths],
      );
      const request = {
        leakUsage: String(bill.usage),
        history: earlier.map((r) => String(r.usage)).reverse(),
        ratePerUnit: marginalRate(lines, bill.unit),
        proofOfRepair: command.proofOfRepair === true,
        previousLeakAdjustments: await previousAdjustments(ctx, account, 'leak'),
      };
      return {
        decision: leakAdjustment(policy, request, role, ctx.today),
        basis: {
          billId: command.billId,
          leakUsage: request.leakUsage,
          history: request.history,
          ratePerUnit: request.ratePerUnit,
          proofOfRepair: request.proofOfRepair,
        },
      };
    }
    case 'late-fee-reversal': {
      const lateFeeCents = lateFeeOnBill(lines);
      if (lateFeeCents <= 0)
        throw new Rejection('cis:rejected.noLateFee', { billId: command.billId });
      const { rows: reversed } = await ctx.tx.query(
        "select 1 from adjustments where account_number = $1 and kind = 'late-fee-reversal' and status in ('posted', 'pending') and basis ->> 'billId' = $2",
        [account.number, command.billId],
      );
      if (reversed.length)
        throw new Rejection('cis:rejected.lateFeeReversed', { billId: command.billId });
      const previousReversals = await previousAdjustments(ctx, account, 'late-fee-reversal');
      const waiver = await lateFeeWaiverFacts(ctx, account, previousReversals);
      const decision = lateFeeReversal(
        policy,
        { lateFeeCents, previousReversals, waiver },
        role,
        ctx.today,
      );
      return {
        decision,
        basis: {
          billId: command.billId,
          lateFeeCents,
          lowIncomeWaiver: decision.rules.some(
            (r) => r.id === 'late-fee-waiver' && r.outcome === 'pass',
          ),
        },
      };
    }
    case 'percentage': {
      const percent = command.percent ?? '0';
      return {
        decision: percentageAdjustment(
          policy,
          { baseCents: Number(bill.total_cents), percent },
          role,
        ),
        basis: { billId: command.billId, baseCents: Number(bill.total_cents), percent },
      };
    }
  }
}

/**
 * What a late charge's low-income waiver weighs, from the account's records: the household its
 * latest active assistance enrolment was screened on, and the days a late charge was waived on a
 * bill or reversed (the same derivation the desktop shows).
 */
async function lateFeeWaiverFacts(
  ctx: Applying,
  account: AccountRow,
  previousReversals: string[],
): Promise<{ household?: Household; previousWaivers: string[] }> {
  const { rows: enrolled } = await ctx.tx.query<{
    status: string;
    enrolled_on: string;
    household_size: number | null;
    annual_income_cents: number | string | null;
  }>(
    'select status, enrolled_on, household_size, annual_income_cents from enrollments where account_number = $1',
    [account.number],
  );
  const { rows: bills } = await ctx.tx.query<{ period_to: string; lines: unknown }>(
    'select period_to, lines from bills where account_number = $1',
    [account.number],
  );
  const household = householdOnFile(
    enrolled.map((e) => ({
      status: e.status,
      enrolledOn: e.enrolled_on,
      household:
        e.household_size !== null && e.annual_income_cents !== null
          ? { size: Number(e.household_size), annualIncomeCents: Number(e.annual_income_cents) }
          : null,
    })),
  );
  const previousWaivers = lateFeeWaiverDates(
    bills.map((b) => ({ periodTo: String(b.period_to), lines: billLines(b.lines) })),
    [],
  ).concat(previousReversals);
  return { ...(household ? { household } : {}), previousWaivers };
}

function fieldServiceOf(account: AccountRow) {
  const profile = getFieldServiceProfile(account.utility_id);
  if (!profile) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  return profile;
}

/**
 * Files a service order with the priority, appointment window and escalation of the utility's
 * field service profile (an emergency it does not dispatch is refused); emergencies are audited.
 */
async function fileOrder(
  ctx: CommandContext,
  account: AccountRow,
  type: ServiceOrderType,
  notes: string,
  preferred?: string,
): Promise<{
  serviceOrderId: string;
  priority: string;
  windowStart: string;
  windowEnd: string;
  escalateTo: string[];
}> {
  const plan = planServiceOrder(fieldServiceOf(account), type, {
    now: ctx.now,
    today: ctx.today,
    preferred,
  });
  if (!plan.offered) throw new Rejection('cis:rejected.orderNotOffered', { orderType: type });
  const id = randomUUID();
  const escalation = plan.escalateTo.length ? plan.escalateTo.join(',') : null;
  await ctx.tx.query(
    `insert into service_orders (id, account_number, type, priority, status, window_start, window_end, notes, created_at, escalation, respond_by, requested_by)
     values ($1, $2, $3, $4, 'scheduled', $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      account.number,
      type,
      plan.priority,
      plan.windowStart,
      plan.windowEnd,
      notes,
      ctx.now,
      escalation,
      plan.respondWithinMinutes === null ? null : plan.windowEnd,
      ctx.principal.userId,
    ],
  );
  if (plan.priority === 'emergency') {
    await audit(ctx, 'emergencyDispatched', account.number, {
      serviceOrderId: id,
      type,
      escalateTo: plan.escalateTo,
      respondBy: plan.windowEnd,
      citation: plan.source.citation,
      utilitySetting: plan.source.utilitySetting,
    });
  }
  return {
    serviceOrderId: id,
    priority: plan.priority,
    windowStart: plan.windowStart,
    windowEnd: plan.windowEnd,
    escalateTo: plan.escalateTo,
  };
}

/**
 * The facts a disconnection decision weighs, from the account's records: the latest open
 * disconnection notice; the standing of an active arrangement, from the payments made since it
 * was made (an installment unpaid past the policy's grace breaks it); a medical certificate on
 * file that has not expired, with its written confirmation where it was given orally; and
 * life-support equipment on file.
 */
async function disconnectionFactsOf(
  ctx: Applying,
  account: AccountRow,
  policy: CollectionPolicy,
): Promise<DisconnectionAccount> {
  const { tx } = ctx;
  const notices = await tx.query<{ kind: string; status: string; issued_on: string }>(
    'select kind, status, issued_on from notices where account_number = $1',
    [account.number],
  );
  const arrangements = await tx.query<{
    kind: string;
    status: string;
    created_on: string;
    down_payment_cents: number;
    total_cents: number;
    installments: ArrangementPlan['installments'];
  }>(
    'select kind, status, created_on, down_payment_cents, total_cents, installments from arrangements where account_number = $1',
    [account.number],
  );
  const customer = await tx.query<{ protections: Protections }>(
    'select protections from customers where id = $1',
    [account.customer_id],
  );
  const standings = [];
  for (const a of arrangements.rows) {
    if (a.status !== 'active') {
      standings.push({ status: a.status, createdOn: a.created_on });
      continue;
    }
    const { rows: paid } = await tx.query<{ paid_on: string; amount_cents: number }>(
      "select paid_on, amount_cents from payments where account_number = $1 and status = 'posted' and paid_on >= $2",
      [account.number, a.created_on],
    );
    const plan: ArrangementPlan = {
      kind: a.kind as ArrangementPlan['kind'],
      downPaymentCents: Number(a.down_payment_cents),
      amountArrangedCents: Number(a.total_cents) - Number(a.down_payment_cents),
      installments: a.installments,
      totalCents: Number(a.total_cents),
      currentBillsMustBePaid: false,
      writtenConfirmationBy: null,
      notes: [],
    };
    const standing = arrangementStanding(
      policy,
      plan,
      paid.map((p) => ({ date: p.paid_on, amountCents: Number(p.amount_cents) })),
      ctx.today,
    );
    standings.push({
      status: standing.status === 'good' ? 'active' : standing.status,
      createdOn: a.created_on,
    });
  }
  const protections = customer.rows[0]?.protections;
  const certificate = protections?.medicalCertificate ?? null;
  const expired =
    certificate?.expiresOn != null && compareDates(plainDate(certificate.expiresOn), ctx.today) < 0;
  return disconnectionFacts({
    class: account.class,
    pastDueCents: account.past_due_cents,
    daysPastDue: account.past_due_days,
    notices: notices.rows.map((n) => ({ kind: n.kind, status: n.status, issuedOn: n.issued_on })),
    arrangements: standings,
    medicalCertificate: expired ? null : certificate,
    // The record says yes or no; a customer row written without it (an import) says neither.
    ...(typeof protections?.lifeSupport === 'boolean'
      ? { lifeSupport: protections.lifeSupport }
      : {}),
  });
}

/**
 * A field disconnection decided on the account's facts and on what the agent screened on the
 * call (California's three medical conditions: income or public assistance, and willingness to
 * enter a plan). Where the policy weighs those and a certificate is on file, a command without
 * them is refused: the server never decides on less than the panel showed the agent.
 */
async function mayDisconnect(
  ctx: Applying,
  account: AccountRow,
  command: CommandOf<'requestServiceOrder'>,
) {
  const policy = policyOf(account);
  const facts = await disconnectionFactsOf(ctx, account, policy);
  const screening = command.screening;
  if (
    policy.disconnection.medical?.requiresFinancialInabilityAndPlan &&
    facts.medical &&
    !screening
  ) {
    throw new Rejection(
      'cis:rejected.screeningRequired',
      {},
      {
        action: 'disconnectionRefused',
        details: { screening: null, citation: policy.disconnection.medical.source.citation },
      },
    );
  }
  const decision = evaluateDisconnection(policy, { ...facts, ...(screening ?? {}) }, ctx.today);
  if (!decision.allowed) {
    const failed = firstFailure(decision.rules);
    throw new Rejection(
      failed ? `collections:${failed.messageKey}` : 'cis:rejected.disconnectionNotAllowed',
      { ruleId: failed?.id, params: failed?.params, earliest: decision.earliest },
      {
        action: 'disconnectionRefused',
        details: {
          earliest: decision.earliest,
          screening: screening ?? null,
          rules: rulesForAudit(decision.rules),
        },
      },
    );
  }
  return decision;
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

/**
 * SQLSTATE classes that say "try again" (connection lost, a deadlock or serialisation failure,
 * out of resources, the server shutting down), not that the command is wrong.
 */
const TRANSIENT = /^(08|40|53|57)/;

export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

/**
 * A command that failed for a reason no rule names (a fault of this server, found on this
 * command): refused and recorded like any refusal, so the desktop shows it and goes on with the
 * next command instead of sending this one again forever.
 */
export function failedCommand(err: unknown): Rejection {
  const code = (err as { code?: unknown } | null)?.code;
  return new Rejection(
    'cis:rejected.internal',
    { code: typeof code === 'string' ? code : null },
    {
      action: 'commandFailed',
      details: { error: err instanceof Error ? err.message : String(err) },
    },
  );
}
