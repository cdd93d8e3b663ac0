import { lateFeeOnBill } from '../cis/entities';
import type { Cents } from '../money';
import type { AllocationBucket } from './settings';

/** What a payment's cents went to: a bucket, and the charge (a bill's charges or fees) they paid. */
export interface AllocationLine {
  bucket: AllocationBucket | 'credit';
  /** `bill:<id>:charge`, `bill:<id>:fee`, `adj:<id>`; null for a credit balance. */
  itemId: string | null;
  billId: string | null;
  cents: Cents;
}

/** One thing the account owes: a bill's charges, a bill's late fees, or a fee posted by itself. */
export interface ChargeItem {
  id: string;
  billId: string | null;
  kind: 'charge' | 'fee';
  dueOn: string;
  amountCents: Cents;
}

export interface OpenItem extends ChargeItem {
  openCents: Cents;
}

interface LedgerBill {
  id: string;
  dueOn: string;
  totalCents: Cents;
  lines: { code: string; amountCents: Cents }[];
}
interface LedgerPayment {
  status: string;
  amountCents: Cents;
  allocations?: AllocationLine[];
}
interface LedgerAdjustment {
  id: string;
  status: string;
  amountCents: Cents;
  createdAt: string;
}

/** Oldest due first; on one day, a bill's charges before its fees. */
function byAge(a: ChargeItem, b: ChargeItem): number {
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'charge' ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The account's charges: each bill split into its late fees and its other charges, and each
 * posted debit adjustment (a returned-item fee) as a fee of its own, oldest due first.
 */
export function chargeItems(bills: LedgerBill[], adjustments: LedgerAdjustment[]): ChargeItem[] {
  const items: ChargeItem[] = [];
  for (const b of bills) {
    const fee = Math.min(Math.max(0, lateFeeOnBill(b.lines)), Math.max(0, b.totalCents));
    const charge = b.totalCents - fee;
    if (charge > 0)
      items.push({
        id: `bill:${b.id}:charge`,
        billId: b.id,
        kind: 'charge',
        dueOn: b.dueOn,
        amountCents: charge,
      });
    if (fee > 0)
      items.push({
        id: `bill:${b.id}:fee`,
        billId: b.id,
        kind: 'fee',
        dueOn: b.dueOn,
        amountCents: fee,
      });
  }
  for (const a of adjustments)
    if (a.status === 'posted' && a.amountCents > 0)
      items.push({
        id: `adj:${a.id}`,
        billId: null,
        kind: 'fee',
        dueOn: a.createdAt.slice(0, 10),
        amountCents: a.amountCents,
      });
  return items.sort(byAge);
}

/**
 * What is still open on each charge, and the credit balance. A posted payment's allocations pay
 * the charges they name; what is not allocated to a charge (a payment from before allocations
 * were kept, a credit balance left by an overpayment, a posted credit adjustment) pays the
 * oldest open charges first, as the account's aging does. A payment that is not posted
 * (returned, reversed) pays nothing, so its charges open again.
 */
export function openItemsOf(
  bills: LedgerBill[],
  payments: LedgerPayment[],
  adjustments: LedgerAdjustment[],
): { items: OpenItem[]; creditCents: Cents } {
  const items: OpenItem[] = chargeItems(bills, adjustments).map((i) => ({
    ...i,
    openCents: i.amountCents,
  }));
  const byId = new Map(items.map((i) => [i.id, i]));
  let unallocated = 0;
  for (const p of payments) {
    if (p.status !== 'posted') continue;
    const lines = p.allocations ?? [];
    if (lines.length === 0) {
      unallocated += p.amountCents;
      continue;
    }
    for (const line of lines) {
      const item = line.itemId ? byId.get(line.itemId) : undefined;
      if (!item) {
        unallocated += line.cents;
        continue;
      }
      const paid = Math.min(item.openCents, line.cents);
      item.openCents -= paid;
      unallocated += line.cents - paid;
    }
  }
  for (const a of adjustments)
    if (a.status === 'posted' && a.amountCents < 0) unallocated -= a.amountCents;
  for (const item of items) {
    const paid = Math.min(item.openCents, unallocated);
    item.openCents -= paid;
    unallocated -= paid;
  }
  return { items, creditCents: unallocated };
}

/** The charges a bucket pays, in the order it pays them. */
function inBucket(bucket: AllocationBucket, item: OpenItem, today: string): boolean {
  switch (bucket) {
    case 'installment':
      return true;
    case 'pastDue':
      return item.kind === 'charge' && item.dueOn < today;
    case 'current':
      return item.kind === 'charge' && item.dueOn >= today;
    case 'fees':
      return item.kind === 'fee';
  }
}

/**
 * Applies a payment in the utility's order: each bucket pays its open charges oldest first (the
 * arrangement's installment due pays the oldest charges, up to the installment), never more than
 * a charge still owes; what is left is a credit balance. The lines add up to the payment exactly.
 */
export function allocatePayment(
  order: readonly AllocationBucket[],
  open: readonly OpenItem[],
  installmentDueCents: Cents,
  amountCents: Cents,
  today: string,
): AllocationLine[] {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
    throw new RangeError('a payment is a positive number of cents');
  const owed = new Map(open.map((i) => [i.id, i.openCents]));
  const lines: AllocationLine[] = [];
  let remaining = amountCents;
  for (const bucket of order) {
    let limit =
      bucket === 'installment' ? Math.max(0, installmentDueCents) : Number.POSITIVE_INFINITY;
    for (const item of open) {
      if (remaining === 0 || limit === 0) break;
      if (!inBucket(bucket, item, today)) continue;
      const cents = Math.min(owed.get(item.id) ?? 0, remaining, limit);
      if (cents <= 0) continue;
      owed.set(item.id, (owed.get(item.id) ?? 0) - cents);
      remaining -= cents;
      limit -= cents;
      const last = lines.at(-1);
      if (last && last.bucket === bucket && last.itemId === item.id) last.cents += cents;
      else lines.push({ bucket, itemId: item.id, billId: item.billId, cents });
    }
  }
  if (remaining > 0) lines.push({ bucket: 'credit', itemId: null, billId: null, cents: remaining });
  return lines;
}
