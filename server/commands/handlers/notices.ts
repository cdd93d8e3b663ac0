import { randomUUID } from 'node:crypto';
import { disconnectionAccountOf, evaluateDisconnection } from '../../../shared/collections';
import {
  audit,
  changed,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
  rulesForAudit,
} from '../context';
import { Rejection } from '../rejection';

/**
 * A reminder, or a disconnection notice with the earliest day the rules give, one of a kind open
 * at a time. A disconnection notice is refused where a protection holds (an arrangement in good
 * standing, a medical certificate, ...): the account's facts as the desk's panel weighs them.
 */
export const issueNotice: Handler<'issueNotice'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  if (account.past_due_cents <= 0) throw new Rejection('cis:rejected.nothingPastDue');
  let earliest: string | null = null;
  let rules: ReturnType<typeof rulesForAudit> = [];
  if (command.kind === 'disconnection') {
    const policy = policyOf(account);
    const facts = disconnectionAccountOf(policy, await recordOf(ctx, account.number), ctx.today);
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
  const { rows: open } = await ctx.tx.query<{ issued_on: string }>(
    "select issued_on from notices where account_number = $1 and kind = $2 and status = 'open'",
    [account.number, command.kind],
  );
  if (open.length)
    throw new Rejection('cis:rejected.noticeOpen', { kind: command.kind, date: open[0].issued_on });
  const id = randomUUID();
  await ctx.tx.query(
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
};
