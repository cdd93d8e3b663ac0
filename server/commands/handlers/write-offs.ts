import { writeOffDecision } from '../../../shared/payments';
import { ageAccounts } from '../../cis/aging';
import { audit, changed, type Handler, lockAccount, rulesForAudit } from '../context';
import { recordMove, requireMoveReach } from '../money-moves';
import { Rejection } from '../rejection';
import { settingsOf } from './payments';

/**
 * Writes off a final-billed account's unpaid balance once the utility's days past the final
 * bill's due date have passed: the whole balance, approved by amount and counted in the asker's
 * and the account's totals as a credit is.
 */
export const writeOffBalance: Handler<'writeOffBalance'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{ due_on: string }>(
    "select to_char(due_on, 'YYYY-MM-DD') as due_on from bills where account_number = $1 order by period_to desc, id desc limit 1",
    [account.number],
  );
  const finalBillDueOn = rows[0]?.due_on ?? null;
  const decision = writeOffDecision(
    settingsOf(account),
    { status: account.status, balanceCents: Number(account.balance_cents), finalBillDueOn },
    command.amountCents,
    ctx.today,
  );
  if (decision.refusal)
    throw new Rejection(decision.refusal.reasonKey, decision.refusal.details, {
      action: 'writeOffRefused',
      details: { amountCents: command.amountCents, rules: rulesForAudit(decision.rules) },
    });
  const limits = await requireMoveReach(ctx, account, command.amountCents, 'writeOffRefused');
  await ctx.tx.query('update accounts set balance_cents = balance_cents - $2 where number = $1', [
    account.number,
    command.amountCents,
  ]);
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
  await recordMove(ctx, {
    kind: 'write-off',
    account: account.number,
    cents: command.amountCents,
    reference: finalBillDueOn!,
  });
  const rules = [...decision.rules, ...limits.rules];
  await audit(ctx, 'balanceWrittenOff', account.number, {
    amountCents: command.amountCents,
    reason: command.reason,
    finalBillDueOn,
    approver: limits.approver,
    rules: rulesForAudit(rules),
  });
  await changed(ctx, account.number, 'write-off', true);
  return {
    accountNumber: account.number,
    writtenOffCents: command.amountCents,
    approver: limits.approver,
    finalBillDueOn: finalBillDueOn!,
    rules: rules.map((r) => ({
      id: r.id,
      messageKey: r.messageKey,
      params: r.params,
      citation: r.citation,
    })),
  };
};
