import {
  type MoneyMoveKind,
  type MoveDecision,
  moveApprover,
  totalsWindowDays,
} from '../../shared/collections';
import type { CommandContext } from './context';
import { type AccountRow, policyOf } from './context';
import { Rejection } from './rejection';

/** The first day within the policy's window as the totals count it: `days` days up to today. */
function windowStart(ctx: CommandContext, days: number): string {
  return ctx.today.subtract({ days: days - 1 }).toString();
}

/**
 * What a user moved on their own authority within the window, on every account: credits they
 * posted with no one else approving, and payments they transferred or reversed, refunds and
 * write-offs they authorized. One user's moves take turns (a lock on their id), so two at once
 * on two accounts cannot both pass under their limit.
 */
export async function movedBy(ctx: CommandContext, days: number): Promise<number> {
  await ctx.tx.query('select pg_advisory_xact_lock(7301013, hashtext($1))', [ctx.principal.userId]);
  const from = windowStart(ctx, days);
  const { rows } = await ctx.tx.query<{ cents: string | number }>(
    `select
       (select coalesce(sum(-amount_cents), 0) from adjustments
         where requested_by = $1 and status = 'posted' and decided_by is null and amount_cents < 0
           and created_at >= $2::date)
     + (select coalesce(sum(amount_cents), 0) from money_moves
         where moved_by = $1 and created_at >= $2::date) as cents`,
    [ctx.principal.userId, from],
  );
  return Number(rows[0].cents);
}

/**
 * What was moved off the account within the window other than by credits (the credits are in
 * its record): payments transferred or reversed, refunds, write-offs, by anyone. Lock the
 * account first.
 */
export async function movedOn(ctx: CommandContext, account: string, days: number): Promise<number> {
  const { rows } = await ctx.tx.query<{ cents: string | number }>(
    `select coalesce(sum(amount_cents), 0) as cents from money_moves
      where account_number = $1 and created_at >= $2::date`,
    [account, windowStart(ctx, days)],
  );
  return Number(rows[0].cents);
}

/** The credits posted or waiting on the account within the window (not a declined one). */
async function creditedOn(ctx: CommandContext, account: string, days: number): Promise<number> {
  const { rows } = await ctx.tx.query<{ cents: string | number }>(
    `select coalesce(sum(-amount_cents), 0) as cents from adjustments
      where account_number = $1 and status <> 'declined' and amount_cents < 0
        and created_at >= $2::date`,
    [account, windowStart(ctx, days)],
  );
  return Number(rows[0].cents);
}

/** Records a move, counted from now in its author's and its account's totals. */
export async function recordMove(
  ctx: CommandContext,
  move: {
    kind: Exclude<MoneyMoveKind, 'credit'>;
    account: string;
    cents: number;
    reference: string;
  },
): Promise<void> {
  await ctx.tx.query(
    'insert into money_moves (kind, account_number, amount_cents, moved_by, reference, created_at) values ($1, $2, $3, $4, $5, $6)',
    [move.kind, move.account, move.cents, ctx.principal.userId, move.reference, ctx.now],
  );
}

/**
 * Who must approve a move of this much off the account, weighed with the asker's and the
 * account's totals in the window (credits included).
 */
export async function moveDecision(
  ctx: CommandContext,
  account: AccountRow,
  amountCents: number,
): Promise<MoveDecision & { movedByCents: number; movedOnAccountCents: number }> {
  const policy = policyOf(account);
  const days = totalsWindowDays(policy);
  const movedByCents = await movedBy(ctx, days);
  const movedOnAccountCents =
    (await movedOn(ctx, account.number, days)) + (await creditedOn(ctx, account.number, days));
  return {
    ...moveApprover(policy, amountCents, movedByCents, movedOnAccountCents, ctx.principal.role),
    movedByCents,
    movedOnAccountCents,
  };
}

/**
 * The approver a move needs, if the asker reaches it; else a refusal, audited under `action`,
 * naming who must make it and the totals it was weighed with.
 */
export async function requireMoveReach(
  ctx: CommandContext,
  account: AccountRow,
  amountCents: number,
  action: string,
  details: Record<string, unknown> = {},
): Promise<MoveDecision> {
  const decision = await moveDecision(ctx, account, amountCents);
  if (!decision.withinRole)
    throw new Rejection(
      'cis:rejected.notYourApproval',
      { approver: decision.approver },
      {
        action,
        details: {
          ...details,
          amountCents,
          approver: decision.approver,
          movedByCents: decision.movedByCents,
          movedOnAccountCents: decision.movedOnAccountCents,
          limits: policyOf(account).adjustments.approvalLimits,
        },
      },
    );
  return decision;
}
