import { randomUUID } from 'node:crypto';
import { arrangementHistoryOf, planArrangement } from '../../../shared/collections';
import { getUtilityProfile } from '../../../shared/rates';
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
 * A payment arrangement planned under the policy from the account's record (its bill cycle, the
 * arrangements before it, the last year's bills), as the desk's panel planned it.
 */
export const createArrangement: Handler<'createArrangement'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  if (account.status !== 'active')
    throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
  const record = await recordOf(ctx, account.number);
  if (record.arrangements.some((a) => a.status === 'active'))
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
      ...arrangementHistoryOf(
        record,
        getUtilityProfile(account.utility_id)?.billFrequency,
        ctx.today,
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
  await ctx.tx.query(
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
};
