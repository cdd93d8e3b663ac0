import type { AccountHeader } from '../cis';

/** Why a customer calls a utility, as the IVR or the training simulator knows it. */
export const callReasons = [
  'high-bill',
  'billing-question',
  'past-due',
  'payment-arrangement',
  'disconnection-notice',
  'assistance',
  'leak',
  'start-service',
  'stop-service',
] as const;
export type CallReason = (typeof callReasons)[number];

type Weights = [CallReason, number][];

/** What an account's bills show a caller: the latest bill's total and the usual one before it. */
export interface BillTrend {
  latestCents: number;
  /** The average of the bills before the latest (up to a year's worth: twelve). */
  usualCents: number;
}

/** A latest bill this much above the usual is one a customer calls about. */
export const HIGH_BILL_RATIO = 1.25;

/** The trend of an account's bills, or null with fewer than two. */
export function billTrend(
  bills: readonly { periodTo: string; totalCents: number }[],
): BillTrend | null {
  if (bills.length < 2) return null;
  const ordered = [...bills].sort((a, b) => a.periodTo.localeCompare(b.periodTo));
  const latest = ordered[ordered.length - 1];
  const before = ordered.slice(-13, -1);
  const usualCents = Math.round(before.reduce((a, b) => a + b.totalCents, 0) / before.length);
  return { latestCents: latest.totalCents, usualCents };
}

/**
 * A high bill is one to call about: the latest clearly above the usual (by `HIGH_BILL_RATIO`),
 * with a balance still to pay. Without the bills (the account's detail not at hand) it is not
 * known to be high.
 */
export function isHighBill(h: AccountHeader, trend: BillTrend | null): boolean {
  return (
    trend !== null && trend.latestCents > trend.usualCents * HIGH_BILL_RATIO && h.balanceCents > 0
  );
}

/**
 * The reasons an account's situation makes likely, with weights: a customer with a disconnection
 * notice calls about it, a past-due one about paying or help, a closed account to start service,
 * a current one with the everyday questions — a high bill first of all, but only when its bills
 * show one (`isHighBill`).
 */
export function likelyReasons(h: AccountHeader, trend: BillTrend | null = null): Weights {
  const highBill = isHighBill(h, trend);
  if (h.status === 'pending-stop') return [['stop-service', 1]];
  if (h.status !== 'active') return [['start-service', 1]];
  const lowIncome = h.protections.includes('low-income');
  if (h.openNotices > 0)
    return [
      ['disconnection-notice', 6],
      ['payment-arrangement', 2],
      ['assistance', lowIncome ? 3 : 1],
    ];
  if (h.pastDueCents > 0) {
    const pastDue: Weights = [
      ['past-due', 5],
      ['payment-arrangement', 3],
      ['assistance', lowIncome ? 4 : 1],
    ];
    return highBill ? [...pastDue, ['high-bill', 1]] : pastDue;
  }
  const everyday: Weights = [
    ['billing-question', 6],
    ['leak', 3],
    ['stop-service', 2],
    ['start-service', 2],
  ];
  return highBill ? [['high-bill', 7], ...everyday] : everyday;
}

/** A reason for this account's holder to call, drawn from its likely reasons. */
export function callReasonFor(
  h: AccountHeader,
  random: () => number,
  trend: BillTrend | null = null,
): CallReason {
  const weights = likelyReasons(h, trend);
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let r = random() * total;
  for (const [reason, w] of weights) {
    r -= w;
    if (r < 0) return reason;
  }
  return weights[weights.length - 1][0];
}
