import { randomUUID } from 'node:crypto';
import { LATE_FEE_LINE, LATE_FEE_WAIVED_LINE } from '../../shared/cis';
import {
  type AdjustmentDecision,
  approverFor,
  DEFAULT_TOTALS_WINDOW_DAYS,
  withTotals,
} from '../../shared/collections';
import { roleAtLeast } from '../../shared/ipc/roles';
import {
  BillInputError,
  computeBill,
  getUtilityProfile,
  type Unit,
  units,
} from '../../shared/rates';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  policyOf,
  recordOf,
  rulesForAudit,
} from '../commands/context';
import { postToBalance } from '../commands/handlers/adjustments';
import { movedBy, movedOn } from '../commands/money-moves';
import { Rejection } from '../commands/rejection';
import { applyVersion, type BillRow, billForUpdate, keepCurrentVersion } from './versions';

/** A rated bill's lines as the CIS stores them (code, key, quantity, unit, rate, cents, tier, params). */
export function storedLines(rated: ReturnType<typeof computeBill>): unknown[][] {
  return rated.lines.map((l) => [
    l.code,
    l.descriptionKey,
    l.quantity,
    l.unit,
    l.rate,
    l.amountCents,
    l.tier ?? 0,
    l.params,
  ]);
}

/** Why a bill was billed again: the explanation the customer reads names it. */
export type RebillCause = 'reread' | 'meter-test' | 'correction';

export interface RebillAsk {
  billId: string;
  /** The period's use from the corrected reads, in the bill's unit. */
  usage: string;
  cause: RebillCause;
  reason: string;
  /** The reads (or the test) the new version was computed from. */
  basis: Record<string, unknown>;
}

const KEPT_LINES = new Set([LATE_FEE_LINE, LATE_FEE_WAIVED_LINE]);

/** The bill's own period priced again by the rate engine at the corrected use. */
export async function ratedAgain(
  ctx: Applying,
  account: AccountRow,
  bill: Pick<BillRow, 'period_from' | 'period_to' | 'unit'>,
  usage: string,
) {
  const profile = getUtilityProfile(account.utility_id);
  if (!profile) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  const { rows } = await ctx.tx.query<{ size: string | null; municipality: string }>(
    `select (select m.size from meters m where m.account_number = a.number
              order by m.installed_on desc limit 1) as size, p.municipality
       from accounts a join premises p on p.id = a.premise_id where a.number = $1`,
    [account.number],
  );
  const unit = (units as readonly string[]).includes(bill.unit) ? (bill.unit as Unit) : undefined;
  const input = {
    class: account.class,
    usage,
    ...(unit ? { unit } : {}),
    period: { from: bill.period_from, to: bill.period_to },
    municipality: rows[0]?.municipality,
  };
  try {
    try {
      return computeBill(profile, { ...input, meterSize: rows[0]?.size ?? undefined });
    } catch (e) {
      // A meter size the profile does not price: the profile's own default size.
      if (e instanceof BillInputError && e.field === 'meterSize')
        return computeBill(profile, input);
      throw e;
    }
  } catch (e) {
    if (e instanceof BillInputError)
      throw new Rejection('cis:rejected.rebillNotRated', { field: e.field, reason: e.reason });
    throw e;
  }
}

/**
 * Cancels a bill and bills its period again from corrected reads: the rate engine prices the
 * bill's own period (its schedules, prorations, a rate change inside it), the late charges the
 * bill carried are kept, and both versions are kept. The difference is an adjustment weighed by
 * the adjustments' approval limits (shared/collections `withTotals`, with what the asker has
 * credited): within the asker's limit the new version is the bill at once and the difference is
 * posted; above it the version waits in the approvals queue and becomes the bill when approved.
 */
export async function rebill(ctx: Applying, account: AccountRow, ask: RebillAsk) {
  const bill = await billForUpdate(ctx.tx, account.number, ask.billId);
  if (!bill) throw new Rejection('cis:rejected.noSuchBill', { billId: ask.billId });
  const { rows: waiting } = await ctx.tx.query(
    "select 1 from bill_versions where bill_id = $1 and status = 'pending'",
    [bill.id],
  );
  if (waiting.length) throw new Rejection('cis:rejected.rebillPending', { billId: bill.id });
  const rated = await ratedAgain(ctx, account, bill, ask.usage);
  const kept = bill.lines.filter((l) => KEPT_LINES.has(String(l[0])));
  const lines = [...storedLines(rated), ...kept];
  const oldTotal = Number(bill.total_cents);
  const newTotal = rated.totalCents + kept.reduce((sum, l) => sum + Number(l[5]), 0);
  const difference = newTotal - oldTotal;

  const policy = policyOf(account);
  const record = await recordOf(ctx, account.number);
  const billEntity = record.bills.find((b) => b.id === bill.id);
  if (!billEntity) throw new Rejection('cis:rejected.noSuchBill', { billId: bill.id });
  const approver = approverFor(policy, difference);
  const role = ctx.principal.role;
  const days = policy.adjustments.approvalLimits.totalsWindowDays ?? DEFAULT_TOTALS_WINDOW_DAYS;
  const alone: AdjustmentDecision = {
    allowed: true,
    amountCents: difference,
    approver,
    withinRole: roleAtLeast(role, approver),
    rules: [],
  };
  const decision =
    difference < 0
      ? withTotals(
          policy,
          record,
          billEntity,
          alone,
          role,
          ctx.today,
          await movedBy(ctx, days),
          await movedOn(ctx, account.number, days),
        )
      : alone;
  const within = decision.withinRole;
  const version = bill.version + 1;
  const { rows: customer } = await ctx.tx.query<{ preferred_language: 'en' | 'es' }>(
    'select preferred_language from customers where id = $1',
    [account.customer_id],
  );
  const explanation = {
    key: `cis:rebill.explanation.${ask.cause}`,
    language: customer[0]?.preferred_language ?? 'en',
    params: {
      periodFrom: bill.period_from,
      periodTo: bill.period_to,
      oldUsage: bill.usage,
      newUsage: rated.usage.quantity,
      unit: bill.unit,
      oldTotalCents: oldTotal,
      newTotalCents: newTotal,
      differenceCents: difference,
    },
  };
  await keepCurrentVersion(ctx.tx, bill);
  const adjustmentId = difference === 0 ? null : randomUUID();
  if (adjustmentId) {
    await ctx.tx.query(
      `insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver, requested_by, created_at, basis)
       values ($1, $2, 'other', $3, $4, $5, $6, $7, $8, $9)`,
      [
        adjustmentId,
        account.number,
        difference,
        within ? 'posted' : 'pending',
        ask.reason,
        decision.approver,
        ctx.principal.userId,
        ctx.now,
        JSON.stringify({
          billId: bill.id,
          rebillOf: bill.id,
          version,
          cause: ask.cause,
          rules: rulesForAudit(decision.rules),
        }),
      ],
    );
  }
  await ctx.tx.query(
    `insert into bill_versions (bill_id, version, status, period_from, period_to, usage, unit, estimated,
       total_cents, lines, basis, difference_cents, reason, adjustment_id, created_by, created_at)
     values ($1, $2, 'pending', $3, $4, $5, $6, false, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      bill.id,
      version,
      bill.period_from,
      bill.period_to,
      rated.usage.quantity,
      bill.unit,
      newTotal,
      JSON.stringify(lines),
      JSON.stringify({
        ...ask.basis,
        cause: ask.cause,
        explanation,
        prorated: rated.prorated,
        split: rated.split,
      }),
      difference,
      ask.reason,
      adjustmentId,
      ctx.principal.userId,
      ctx.now,
    ],
  );
  if (within) {
    await applyVersion(ctx.tx, bill.id, version);
    if (difference !== 0) await postToBalance(ctx, account, difference);
  }
  await audit(ctx, within ? 'billRebilled' : 'rebillRequested', account.number, {
    billId: bill.id,
    version,
    cause: ask.cause,
    reason: ask.reason,
    oldUsage: bill.usage,
    newUsage: rated.usage.quantity,
    oldTotalCents: oldTotal,
    newTotalCents: newTotal,
    differenceCents: difference,
    approver: decision.approver,
    adjustmentId,
    limits: policy.adjustments.approvalLimits,
    rules: rulesForAudit(decision.rules),
  });
  await changed(ctx, account.number, 'bill', within);
  return {
    billId: bill.id,
    version,
    status:
      difference === 0
        ? ('unchanged' as const)
        : within
          ? ('posted' as const)
          : ('pending' as const),
    oldTotalCents: oldTotal,
    newTotalCents: newTotal,
    differenceCents: difference,
    approver: decision.approver,
    adjustmentId,
  };
}
