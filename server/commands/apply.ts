import { randomUUID } from 'node:crypto';
import { screenHousehold } from '../../shared/assistance';
import {
  type Command,
  type CommandOf,
  type CommandOutcome,
  commandRoles,
  containsCardNumber,
  type DepositFacts,
  type Principal,
  phoneDigits,
  type ServiceOrderType,
} from '../../shared/cis';
import {
  approverFor,
  averageMonthlyBillCents,
  billCycleOf,
  type CollectionPolicy,
  computeDeposit,
  type DepositDecision,
  disconnectionFacts,
  evaluateDisconnection,
  getCollectionPolicy,
  onTimePaymentMonths,
  planArrangement,
  priorArrangements,
  type RuleCheck,
} from '../../shared/collections';
import { compareDates, type PlainDate, Temporal } from '../../shared/dates';
import { getUtilityProfile } from '../../shared/rates';
import { getFieldServiceProfile, planServiceOrder } from '../../shared/service';
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

/** Applies one command inside the caller's transaction, or throws Rejection. */
export async function applyCommand(
  ctx: CommandContext,
  command: Command,
): Promise<Record<string, unknown>> {
  const { tx, principal } = ctx;
  const needed = commandRoles[command.type];
  if (rank[principal.role] < rank[needed])
    throw new Rejection('cis:rejected.roleNotAllowed', { role: needed });
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
      const { rows: dues } = await tx.query<{ due_on: string }>(
        'select due_on from bills where account_number = $1 order by due_on desc limit 1',
        [account.number],
      );
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
            dues.map((d) => ({ dueOn: d.due_on })),
            frequency,
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
        const decision = evaluateDisconnection(
          policy,
          await disconnectionFactsOf(tx, account),
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
      await changed(tx, account.number, 'serviceOrder', t === 'turn-on' || t === 'turn-off');
      return order;
    }
    case 'postAdjustment': {
      const account = await lockAccount(tx, command.accountNumber);
      const policy = policyOf(account);
      await refuseTooFrequent(ctx, account, policy, command.kind);
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
        'update adjustments set status = $2, decided_by = $3, decision_reason = $4, decided_at = $5 where id = $1',
        [
          command.adjustmentId,
          approve ? 'posted' : 'declined',
          principal.userId,
          command.reason,
          ctx.now,
        ],
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
      await changed(tx, account.number, 'account', true);
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
      await changed(tx, previous.number, 'account', false);
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
      await changed(tx, account.number, 'account', true);
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
      await changed(tx, from.number, 'account', true);
      await changed(tx, destination.number, 'account', false);
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
      await changed(tx, account.number, 'enrollment', true);
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
  if (compareDates(Temporal.PlainDate.from(day), ctx.today) < 0)
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

/** A new account in the utility's numbering, pending its start; the desktops hear of it. */
async function openAccount(
  ctx: CommandContext,
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
  const { rows: seq } = await ctx.tx.query<{ n: number }>(
    'select count(*)::int as n from accounts where utility_id = $1',
    [like.utility_id],
  );
  const number = `${like.number.split('-')[0]}-${String(900000 + seq[0].n).padStart(7, '0')}`;
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
  await ctx.tx.query(
    "insert into change_log (account_number, kind, entity) values ($1, 'header', 'account')",
    [number],
  );
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
  const [bills, payments] = await Promise.all([
    ctx.tx.query<{ period_from: string; period_to: string; total_cents: number; due_on: string }>(
      'select period_from, period_to, total_cents, due_on from bills where account_number = $1',
      [account.number],
    ),
    ctx.tx.query<{ paid_on: string; amount_cents: number; status: string }>(
      'select paid_on, amount_cents, status from payments where account_number = $1',
      [account.number],
    ),
  ]);
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

/**
 * A leak credit or a late-fee reversal at most once per the policy's months: one posted or
 * waiting for approval within them refuses another, with the rule.
 */
async function refuseTooFrequent(
  ctx: CommandContext,
  account: AccountRow,
  policy: CollectionPolicy,
  kind: CommandOf<'postAdjustment'>['kind'],
): Promise<void> {
  const rule =
    kind === 'leak'
      ? { id: 'leak-frequency', ...policy.adjustments.leak }
      : kind === 'late-fee-reversal'
        ? { id: 'late-fee-frequency', ...policy.adjustments.lateFeeReversal }
        : null;
  if (!rule) return;
  const since = ctx.today.subtract({ months: rule.oncePerMonths });
  const { rows } = await ctx.tx.query<{ created_at: Date | string }>(
    "select created_at from adjustments where account_number = $1 and kind = $2 and status in ('posted', 'pending') and created_at > $3 order by created_at desc limit 1",
    [account.number, kind, since.toString()],
  );
  if (!rows[0]) return;
  const last = new Date(rows[0].created_at).toISOString().slice(0, 10);
  throw new Rejection(
    `collections:rules.${rule.id}.fail`,
    {
      ruleId: rule.id,
      params: { months: rule.oncePerMonths, last },
      citation: rule.source.citation,
    },
    { action: 'adjustmentRefused', details: { rule: rule.id, last } },
  );
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

async function disconnectionFactsOf(tx: Db, account: AccountRow) {
  const [notices, arrangements, customer] = await Promise.all([
    tx.query<{ kind: string; status: string; issued_on: string }>(
      'select kind, status, issued_on from notices where account_number = $1',
      [account.number],
    ),
    tx.query<{ status: string; created_on: string }>(
      'select status, created_on from arrangements where account_number = $1',
      [account.number],
    ),
    tx.query<{ protections: { medicalCertificate: { certifiedOn: string } | null } }>(
      'select protections from customers where id = $1',
      [account.customer_id],
    ),
  ]);
  return disconnectionFacts({
    class: account.class,
    pastDueCents: account.past_due_cents,
    daysPastDue: account.past_due_days,
    notices: notices.rows.map((n) => ({ kind: n.kind, status: n.status, issuedOn: n.issued_on })),
    arrangements: arrangements.rows.map((a) => ({ status: a.status, createdOn: a.created_on })),
    medicalCertificate: customer.rows[0]?.protections.medicalCertificate ?? null,
  });
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
