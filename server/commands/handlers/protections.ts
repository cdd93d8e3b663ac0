import { randomUUID } from 'node:crypto';
import type { Protections } from '../../../shared/cis/entities';
import { evaluateBankruptcy, prePetitionCentsOf } from '../../../shared/collections';
import { compareDates, plainDate } from '../../../shared/dates';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { ageAccounts } from '../../cis/aging';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
} from '../context';
import { fileOrder } from '../field-orders';
import { Rejection } from '../rejection';
import { insertTask } from './tasks';

async function protectionsOf(ctx: Applying, account: AccountRow): Promise<Protections> {
  const { rows } = await ctx.tx.query<{ protections: Protections }>(
    'select protections from customers where id = $1 for update',
    [account.customer_id],
  );
  return rows[0].protections;
}

async function saveProtections(
  ctx: Applying,
  account: AccountRow,
  protections: Protections,
): Promise<void> {
  await ctx.tx.query('update customers set protections = $2 where id = $1', [
    account.customer_id,
    JSON.stringify(protections),
  ]);
  await changed(ctx, account.number, 'protections', true);
}

function refuseFutureDate(ctx: Applying, day: string): void {
  if (compareDates(plainDate(day), ctx.today) > 0)
    throw new Rejection('cis:rejected.dateInFuture', { date: day });
}

/** A task for the recording user on the day a protection ends, so it is renewed or let go. */
async function expiryTask(
  ctx: Applying,
  account: AccountRow,
  expiresOn: string | null,
  note: string,
): Promise<string | null> {
  if (!expiresOn || compareDates(plainDate(expiresOn), ctx.today) < 0) return null;
  const id = randomUUID();
  await insertTask(ctx, {
    id,
    accountNumber: account.number,
    caseId: null,
    kind: 'certificate-expiring',
    assigneeId: ctx.principal.userId,
    team: null,
    dueOn: expiresOn,
    note,
  });
  return id;
}

/** A bankruptcy case from the court's notice: the open amount from before the filing is set apart. */
export const recordBankruptcy: Handler<'recordBankruptcy'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  refuseFutureDate(ctx, command.filedOn);
  const protections = await protectionsOf(ctx, account);
  const open = protections.bankruptcyCase;
  if (open && open.outcome === null)
    throw new Rejection('cis:rejected.bankruptcyOpen', { caseNumber: open.caseNumber });
  const record = await recordOf(ctx, account.number);
  const prePetitionCents = prePetitionCentsOf(record, command.filedOn);
  const decision = evaluateBankruptcy(
    { chapter: command.chapter, filedOn: plainDate(command.filedOn), assuranceGiven: false },
    ctx.today,
  );
  await saveProtections(ctx, account, {
    ...protections,
    bankruptcy: true,
    bankruptcyCase: {
      chapter: command.chapter,
      caseNumber: command.caseNumber,
      court: command.court,
      filedOn: command.filedOn,
      ...(command.documentRef ? { documentRef: command.documentRef } : {}),
      prePetitionCents,
      assurance: 'none',
      outcome: null,
      outcomeOn: null,
    },
  });
  await audit(ctx, 'bankruptcyRecorded', account.number, {
    chapter: command.chapter,
    caseNumber: command.caseNumber,
    court: command.court,
    filedOn: command.filedOn,
    documentRef: command.documentRef ?? null,
    prePetitionCents,
    assuranceDueBy: decision.assuranceDueBy,
    rules: decision.rules.map((r) => ({ id: r.id, outcome: r.outcome, citation: r.citation })),
  });
  return { prePetitionCents, assuranceDueBy: decision.assuranceDueBy };
};

/**
 * What became of the case. A discharge writes the old debt off (an adjustment, a lead's
 * decision); a dismissal ends the stay and the old debt is collectible again.
 */
export const recordBankruptcyOutcome: Handler<'recordBankruptcyOutcome'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  refuseFutureDate(ctx, command.on);
  const protections = await protectionsOf(ctx, account);
  const c = protections.bankruptcyCase;
  if (!c || c.outcome !== null) throw new Rejection('cis:rejected.noOpenBankruptcy');
  if (command.on < c.filedOn)
    throw new Rejection('cis:rejected.beforeFiling', { date: command.on, filed: c.filedOn });
  if (command.outcome === 'discharged' && !roleAtLeast(ctx.principal.role, 'lead'))
    throw new Rejection('cis:rejected.roleNotAllowed', { role: 'lead' });
  let writtenOffCents = 0;
  let next = c;
  if (command.outcome === 'assurance-received' || command.outcome === 'deposit-requested') {
    next = {
      ...c,
      assurance: command.outcome === 'assurance-received' ? 'received' : 'deposit-requested',
    };
  } else {
    next = { ...c, outcome: command.outcome, outcomeOn: command.on };
  }
  if (command.outcome === 'discharged') {
    writtenOffCents = Math.min(c.prePetitionCents, Math.max(account.balance_cents, 0));
    if (writtenOffCents > 0) {
      const id = randomUUID();
      const citation = '11 U.S.C. §524 (effect of discharge)';
      await ctx.tx.query(
        `insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver, requested_by, decided_by, created_at, basis)
         values ($1, $2, 'other', $3, 'posted', $4, 'lead', $5, $5, $6, $7)`,
        [
          id,
          account.number,
          -writtenOffCents,
          `bankruptcy discharge, case ${c.caseNumber}`,
          ctx.principal.userId,
          ctx.now,
          JSON.stringify({
            caseNumber: c.caseNumber,
            prePetitionCents: c.prePetitionCents,
            citation,
          }),
        ],
      );
      await ctx.tx.query(
        'update accounts set balance_cents = balance_cents - $2 where number = $1',
        [account.number, writtenOffCents],
      );
      await ageAccounts(ctx.tx, ctx.today, [account.number]);
    }
  }
  await saveProtections(ctx, account, {
    ...protections,
    bankruptcy: next.outcome === null,
    bankruptcyCase: next,
  });
  await audit(ctx, 'bankruptcyOutcomeRecorded', account.number, {
    caseNumber: c.caseNumber,
    outcome: command.outcome,
    on: command.on,
    documentRef: command.documentRef ?? null,
    writtenOffCents,
    prePetitionCents: c.prePetitionCents,
  });
  return { writtenOffCents };
};

/**
 * A medical certificate or its renewal. It lasts as the utility's rule says (the policy's
 * `certificateDays`; where that length was not gathered, while it is on file), and a task
 * reminds the recording user the day it ends.
 */
export const recordMedicalCertificate: Handler<'recordMedicalCertificate'> = async (
  ctx,
  command,
) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  refuseFutureDate(ctx, command.certifiedOn);
  const policy = policyOf(account);
  const medical = policy.disconnection.medical;
  if (!medical)
    throw new Rejection('cis:rejected.noMedicalRule', { utilityId: account.utility_id });
  const protections = await protectionsOf(ctx, account);
  const before = protections.medicalCertificate ?? null;
  const renewals = before ? (before.renewals ?? 0) + 1 : 0;
  const expiresOn =
    medical.certificateDays === null
      ? null
      : plainDate(command.certifiedOn).add({ days: medical.certificateDays }).toString();
  if (expiresOn && compareDates(plainDate(expiresOn), ctx.today) < 0)
    throw new Rejection('cis:rejected.certificateEnded', { date: expiresOn });
  await saveProtections(ctx, account, {
    ...protections,
    medicalCertificate: {
      certifiedOn: command.certifiedOn,
      expiresOn,
      ...(command.oral ? { writtenConfirmationOn: null } : {}),
      certifiedBy: command.certifiedBy,
      documentRef: command.documentRef,
      renewals,
    },
  });
  const taskId = await expiryTask(
    ctx,
    account,
    expiresOn,
    `medical certificate ${command.documentRef} ends`,
  );
  await audit(ctx, 'medicalCertificateRecorded', account.number, {
    certifiedBy: command.certifiedBy,
    certifiedOn: command.certifiedOn,
    documentRef: command.documentRef,
    oral: command.oral === true,
    expiresOn,
    renewals,
    citation: medical.source.citation,
  });
  return { expiresOn, renewals, taskId };
};

/** Life-support equipment on file, from its document, until a date or with no end. */
export const recordLifeSupport: Handler<'recordLifeSupport'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  if (command.expiresOn && compareDates(plainDate(command.expiresOn), ctx.today) < 0)
    throw new Rejection('cis:rejected.dateInPast', { date: command.expiresOn });
  const protections = await protectionsOf(ctx, account);
  await saveProtections(ctx, account, {
    ...protections,
    lifeSupport: true,
    lifeSupportRecord: {
      documentRef: command.documentRef,
      recordedOn: ctx.today.toString(),
      expiresOn: command.expiresOn,
    },
  });
  const taskId = await expiryTask(
    ctx,
    account,
    command.expiresOn,
    `life support ${command.documentRef} ends`,
  );
  await audit(ctx, 'lifeSupportRecorded', account.number, {
    documentRef: command.documentRef,
    expiresOn: command.expiresOn,
  });
  return { taskId };
};

/** One of SB 998's conditions (Health & Safety Code §116910), where the utility's rule weighs them. */
export const recordSb998Condition: Handler<'recordSb998Condition'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const medical = policyOf(account).disconnection.medical;
  if (!medical?.requiresFinancialInabilityAndPlan)
    throw new Rejection('cis:rejected.noSb998', { utilityId: account.utility_id });
  if (command.expiresOn && compareDates(plainDate(command.expiresOn), ctx.today) < 0)
    throw new Rejection('cis:rejected.dateInPast', { date: command.expiresOn });
  const protections = await protectionsOf(ctx, account);
  const others = (protections.sb998 ?? []).filter((r) => r.condition !== command.condition);
  await saveProtections(ctx, account, {
    ...protections,
    sb998: [
      ...others,
      {
        condition: command.condition,
        documentRef: command.documentRef,
        recordedOn: ctx.today.toString(),
        expiresOn: command.expiresOn,
      },
    ],
  });
  const taskId = await expiryTask(
    ctx,
    account,
    command.expiresOn,
    `SB 998 ${command.condition} ${command.documentRef} ends`,
  );
  await audit(ctx, 'sb998ConditionRecorded', account.number, {
    condition: command.condition,
    documentRef: command.documentRef,
    expiresOn: command.expiresOn,
    citation: medical.source.citation,
  });
  return { taskId };
};

/**
 * Unauthorized use or tampering: a field investigation is booked and the account's pending
 * actions (notices, field disconnections) wait until its finding is recorded.
 */
export const referUnauthorizedUse: Handler<'referUnauthorizedUse'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const protections = await protectionsOf(ctx, account);
  if (protections.investigation && protections.investigation.accountNumber === account.number)
    throw new Rejection('cis:rejected.investigationOpen', {
      date: protections.investigation.openedOn,
    });
  const booked = await fileOrder(ctx, account, 'unauthorized-use-investigation', command.notes);
  await saveProtections(ctx, account, {
    ...protections,
    investigation: {
      accountNumber: account.number,
      serviceOrderId: booked.serviceOrderId,
      openedOn: ctx.today.toString(),
      reason: command.reason,
    },
  });
  await audit(ctx, 'unauthorizedUseReferred', account.number, {
    reason: command.reason,
    serviceOrderId: booked.serviceOrderId,
  });
  await changed(ctx, account.number, 'service-order', false);
  return booked;
};

/** The field's finding: the investigation order is completed and the account's actions go on. */
export const recordInvestigationFinding: Handler<'recordInvestigationFinding'> = async (
  ctx,
  command,
) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const protections = await protectionsOf(ctx, account);
  const open = protections.investigation;
  if (!open || open.accountNumber !== account.number)
    throw new Rejection('cis:rejected.noInvestigation');
  await ctx.tx.query(
    "update service_orders set status = 'completed', notes = notes || $2 where id = $1",
    [open.serviceOrderId, `\n${command.finding}: ${command.notes}`],
  );
  await saveProtections(ctx, account, { ...protections, investigation: null });
  await audit(ctx, 'investigationFindingRecorded', account.number, {
    serviceOrderId: open.serviceOrderId,
    reason: open.reason,
    finding: command.finding,
    openedOn: open.openedOn,
  });
  return { serviceOrderId: open.serviceOrderId };
};
