import { randomUUID } from 'node:crypto';
import type { BookedOrder, ServiceOrderType } from '../../shared/cis';
import { getFieldServiceProfile, planServiceOrder } from '../../shared/service';
import { type AccountRow, audit, type CommandContext } from './context';
import { Rejection } from './rejection';

/** Open (or booked) orders of one type already answer a new request for the same work. */
export const OPEN_ORDER = "status in ('open', 'scheduled')";

function fieldServiceOf(account: AccountRow) {
  const profile = getFieldServiceProfile(account.utility_id);
  if (!profile) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  return profile;
}

/**
 * Files a service order with the priority, appointment window and escalation of the utility's
 * field service profile (an emergency it does not dispatch is refused); emergencies are audited.
 */
export async function fileOrder(
  ctx: CommandContext,
  account: AccountRow,
  type: ServiceOrderType,
  notes: string,
  preferred?: string,
): Promise<BookedOrder> {
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
