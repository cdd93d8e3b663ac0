import type { CommandOf } from '../../../shared/cis';
import { disconnectionAccountOf, evaluateDisconnection } from '../../../shared/collections';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  firstFailure,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
  rulesForAudit,
} from '../context';
import { fileOrder, OPEN_ORDER } from '../field-orders';
import { Rejection } from '../rejection';

/**
 * A field disconnection decided on the account's facts (shared/collections account-facts, as
 * the desk's panel weighs them) and on what the agent screened on the call (California's three
 * medical conditions: income or public assistance, and willingness to enter a plan). Where the
 * policy weighs those and a certificate is on file, a command without them is refused: the
 * server never decides on less than the panel showed the agent.
 */
async function mayDisconnect(
  ctx: Applying,
  account: AccountRow,
  command: CommandOf<'requestServiceOrder'>,
) {
  const policy = policyOf(account);
  const facts = disconnectionAccountOf(policy, await recordOf(ctx, account.number), ctx.today);
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

/**
 * Field work on the utility's calendar: a turn-on or turn-off moves the account to pending, a
 * field disconnection only when the rules allow it today, one open order of a type at a time.
 */
export const requestServiceOrder: Handler<'requestServiceOrder'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const t = command.orderType;
  if (t === 'turn-on' && account.status === 'active') throw new Rejection('cis:rejected.alreadyOn');
  if ((t === 'turn-off' || t === 'field-disconnect') && account.status !== 'active')
    throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
  const decision = t === 'field-disconnect' ? await mayDisconnect(ctx, account, command) : null;
  const { rows: open } = await ctx.tx.query(
    `select 1 from service_orders where account_number = $1 and type = $2 and ${OPEN_ORDER}`,
    [account.number, t],
  );
  if (open.length) throw new Rejection('cis:rejected.orderOpen', { orderType: t });
  const order = await fileOrder(ctx, account, t, command.notes, command.preferredDate);
  if (t === 'turn-on' || t === 'turn-off') {
    await ctx.tx.query('update accounts set status = $2 where number = $1', [
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
};
