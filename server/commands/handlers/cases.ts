import { randomUUID } from 'node:crypto';
import { caseDueOn, getFollowUpSettings } from '../../../shared/follow-up';
import { audit, changed, type Handler, lockAccount } from '../context';
import { Rejection } from '../rejection';
import { letterOnAccount } from './letters';
import { closeCaseTasks } from './tasks';

/**
 * A case opened on an account, due by the utility's setting for its kind and owned by whoever
 * opened it. A dispute names one of the account's bills and at most its total; one open dispute
 * per bill. While it is open, its amount is not past due to collection (account-facts).
 */
export const openCase: Handler<'openCase'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const settings = getFollowUpSettings(account.utility_id);
  if (!settings) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  if (command.billId !== null) {
    const { rows } = await ctx.tx.query<{ total_cents: number }>(
      'select total_cents from bills where id = $1 and account_number = $2',
      [command.billId, account.number],
    );
    if (!rows[0]) throw new Rejection('cis:rejected.noSuchBill', { billId: command.billId });
    const total = Number(rows[0].total_cents);
    if (command.disputedCents > total)
      throw new Rejection('cis:rejected.disputeAboveBill', {
        amount: command.disputedCents,
        billTotal: total,
      });
  }
  if (command.kind === 'dispute') {
    const { rows } = await ctx.tx.query<{ id: string }>(
      "select id from cases where account_number = $1 and bill_id = $2 and kind = 'dispute' and status <> 'closed'",
      [account.number, command.billId],
    );
    if (rows[0]) throw new Rejection('cis:rejected.disputeOpen', { caseId: rows[0].id });
  }
  const id = randomUUID();
  const dueOn = caseDueOn(settings, command.kind, ctx.today);
  await ctx.tx.query(
    `insert into cases (id, account_number, kind, status, description, bill_id, disputed_cents, preferred_contact,
       language, opened_on, due_on, owner_id, team, opened_by, documents, created_at)
     values ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $13, $14)`,
    [
      id,
      account.number,
      command.kind,
      command.description,
      command.billId,
      command.disputedCents,
      command.preferredContact,
      command.language,
      ctx.today.toString(),
      dueOn,
      ctx.principal.userId,
      ctx.principal.team,
      JSON.stringify(command.documents),
      ctx.now,
    ],
  );
  const held = settings.holdDisputedAmount.holds ? command.disputedCents : 0;
  await audit(ctx, 'caseOpened', account.number, {
    caseId: id,
    kind: command.kind,
    billId: command.billId,
    disputedCents: command.disputedCents,
    heldCents: held,
    dueOn,
    dueSource: settings.caseDueDays[command.kind].source.citation,
    holdSource: settings.holdDisputedAmount.source.citation,
  });
  await changed(ctx, account.number, 'case', false);
  return { caseId: id, dueOn, ownerId: ctx.principal.userId, heldCents: held };
};

interface CaseRow {
  id: string;
  status: string;
  kind: string;
  disputed_cents: number;
}

async function openCaseOf(ctx: Parameters<Handler<'addCaseNote'>>[0], number: string, id: string) {
  const { rows } = await ctx.tx.query<CaseRow>(
    'select id, status, kind, disputed_cents from cases where id = $1 and account_number = $2 for update',
    [id, number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchCase', { caseId: id });
  if (rows[0].status === 'closed') throw new Rejection('cis:rejected.caseClosed', { caseId: id });
  return rows[0];
}

/** A note on an open case, with the documents it brought by reference. */
export const addCaseNote: Handler<'addCaseNote'> = async (ctx, command) => {
  await lockAccount(ctx.tx, command.accountNumber);
  await openCaseOf(ctx, command.accountNumber, command.caseId);
  const id = randomUUID();
  await ctx.tx.query(
    'insert into case_notes (id, case_id, text, author_id, author_name, documents, created_at) values ($1, $2, $3, $4, $5, $6, $7)',
    [
      id,
      command.caseId,
      command.text,
      ctx.principal.userId,
      ctx.principal.name,
      JSON.stringify(command.documents),
      ctx.now,
    ],
  );
  await audit(ctx, 'caseNoted', command.accountNumber, {
    caseId: command.caseId,
    noteId: id,
    documents: command.documents.length,
  });
  await changed(ctx, command.accountNumber, 'case', false);
  return { noteId: id };
};

/**
 * A lead closes a case: its resolution, the answer, and the letter that carried it (one of the
 * account's letters, or none). A dispute's held amount is due to collection again.
 */
export const closeCase: Handler<'closeCase'> = async (ctx, command) => {
  await lockAccount(ctx.tx, command.accountNumber);
  const row = await openCaseOf(ctx, command.accountNumber, command.caseId);
  if (command.letterId !== null)
    await letterOnAccount(ctx, command.accountNumber, command.letterId);
  const closedOn = ctx.today.toString();
  await ctx.tx.query(
    `update cases set status = 'closed', resolution = $2, resolution_text = $3, letter_id = $4, closed_on = $5, closed_by = $6
      where id = $1`,
    [
      command.caseId,
      command.resolution,
      command.resolutionText,
      command.letterId,
      closedOn,
      ctx.principal.userId,
    ],
  );
  await closeCaseTasks(ctx, command.caseId);
  const released = row.kind === 'dispute' ? Number(row.disputed_cents) : 0;
  await audit(ctx, 'caseClosed', command.accountNumber, {
    caseId: command.caseId,
    resolution: command.resolution,
    letterId: command.letterId,
    releasedCents: released,
  });
  await changed(ctx, command.accountNumber, 'case', false);
  return { caseId: command.caseId, closedOn, releasedCents: released };
};
