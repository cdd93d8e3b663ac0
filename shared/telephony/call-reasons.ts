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

/**
 * The reasons an account's situation makes likely, with weights: a customer with a disconnection
 * notice calls about it, a past-due one about paying or help, a closed account to start service,
 * a current one with the everyday questions (a high bill first of all).
 */
export function likelyReasons(h: AccountHeader): Weights {
  if (h.status === 'pending-stop') return [['stop-service', 1]];
  if (h.status !== 'active') return [['start-service', 1]];
  const lowIncome = h.protections.includes('low-income');
  if (h.openNotices > 0)
    return [
      ['disconnection-notice', 6],
      ['payment-arrangement', 2],
      ['assistance', lowIncome ? 3 : 1],
    ];
  if (h.pastDueCents > 0)
    return [
      ['past-due', 5],
      ['payment-arrangement', 3],
      ['assistance', lowIncome ? 4 : 1],
      ['high-bill', 1],
    ];
  return [
    ['high-bill', 7],
    ['billing-question', 6],
    ['leak', 3],
    ['stop-service', 2],
    ['start-service', 2],
  ];
}

/** A reason for this account's holder to call, drawn from its likely reasons. */
export function callReasonFor(h: AccountHeader, random: () => number): CallReason {
  const weights = likelyReasons(h);
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let r = random() * total;
  for (const [reason, w] of weights) {
    r -= w;
    if (r < 0) return reason;
  }
  return weights[weights.length - 1][0];
}
