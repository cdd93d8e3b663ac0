import { randomUUID } from 'node:crypto';
import { decidePromise, promiseStanding } from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';
import { getUtility } from '../../../shared/utilities';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
  recordOf,
  rulesForAudit,
} from '../context';
import { Rejection } from '../rejection';

/**
 * Records a promise to pay on a locked account, or refuses it: the account active and past due,
 * no other promise pending, the day and the count within the utility's settings. Shared by
 * `recordPromise` and a worklist call whose outcome is a promise.
 */
export async function promiseOn(
  ctx: Applying,
  account: AccountRow,
  ask: { promisedOn: string; amountCents: number },
) {
  if (account.status !== 'active')
    throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
  if (account.past_due_cents <= 0) throw new Rejection('cis:rejected.nothingPastDue');
  const settings = getUtility(account.utility_id)?.outbound;
  if (!settings) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  const record = await recordOf(ctx, account.number);
  const standing = (record.promises ?? []).filter((p) => p.status === 'pending');
  const pending = standing.find(
    (p) => promiseStanding(p, record.payments, ctx.today).status === 'pending',
  );
  if (pending) throw new Rejection('cis:rejected.promisePending', { until: pending.promisedOn });
  const decision = decidePromise(
    settings,
    {
      promisedOn: plainDate(ask.promisedOn),
      amountCents: ask.amountCents,
      earlierMadeOn: standing.map((p) => p.madeOn),
    },
    ctx.today,
  );
  if (!decision.accepted)
    throw new Rejection(
      `collections:${decision.refusal.messageKey}`,
      {
        ruleId: decision.refusal.id,
        params: decision.refusal.params,
        citation: decision.refusal.citation,
      },
      {
        action: 'promiseRefused',
        details: { rule: decision.refusal.id, rules: rulesForAudit(decision.rules) },
      },
    );
  const id = randomUUID();
  await ctx.tx.query(
    'insert into promises (id, account_number, made_on, promised_on, amount_cents, made_by) values ($1, $2, $3, $4, $5, $6)',
    [
      id,
      account.number,
      ctx.today.toString(),
      ask.promisedOn,
      ask.amountCents,
      ctx.principal.userId,
    ],
  );
  await audit(ctx, 'promiseRecorded', account.number, {
    promiseId: id,
    promisedOn: ask.promisedOn,
    amountCents: ask.amountCents,
    rules: rulesForAudit(decision.rules),
  });
  await changed(ctx, account.number, 'promise', false);
  return {
    promiseId: id,
    promisedOn: ask.promisedOn,
    amountCents: ask.amountCents,
    holdsDisconnectionUntil: plainDate(ask.promisedOn).add({ days: 1 }).toString(),
    rules: decision.rules.map(({ id, messageKey, params, citation }) => ({
      id,
      messageKey,
      params,
      citation,
    })),
  };
}

/** The customer promises to pay an amount by a day; a pending disconnection waits for it. */
export const recordPromise: Handler<'recordPromise'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  return promiseOn(ctx, account, command);
};
