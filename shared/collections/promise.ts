import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import type { Cents } from '../money';
import type { OutboundSettings } from './outbound';
import { check, type RuleCheck } from './rules';

/** A promise to pay as the account keeps it: the day and amount promised, the day it was made. */
export interface PromiseToPay {
  id: string;
  madeOn: string;
  promisedOn: string;
  amountCents: Cents;
  /** Stored `pending` until a later command ends it (`cancelled`); kept or broken is derived. */
  status: 'pending' | 'cancelled';
}

export type PromiseDecision =
  | { accepted: true; rules: RuleCheck[] }
  | { accepted: false; refusal: RuleCheck; rules: RuleCheck[] };

/**
 * Whether a customer may promise `amountCents` on `promisedOn`: not before today, at most the
 * utility's days ahead (the last day allowed is today plus that many days), and at most the
 * utility's count of promises made within the 365 days up to today (this one included).
 */
export function decidePromise(
  settings: OutboundSettings,
  ask: { promisedOn: PlainDate; amountCents: Cents; earlierMadeOn: string[] },
  today: PlainDate,
): PromiseDecision {
  const rules: RuleCheck[] = [];
  const { maxDaysAhead, maxPerYear } = settings.promises;
  const last = today.add({ days: maxDaysAhead.days });
  const ahead = ask.promisedOn.since(today).days;
  rules.push(
    check(
      'promise-date',
      compareDates(ask.promisedOn, today) >= 0 && compareDates(ask.promisedOn, last) <= 0
        ? 'pass'
        : 'fail',
      maxDaysAhead.source,
      { date: ask.promisedOn.toString(), last: last.toString(), days: maxDaysAhead.days, ahead },
    ),
  );
  const since = today.subtract({ days: 364 });
  const inYear = ask.earlierMadeOn.filter((d) => {
    const day = parsePlainDate(d);
    return day !== null && compareDates(day, since) >= 0 && compareDates(day, today) <= 0;
  }).length;
  rules.push(
    check('promise-count', inYear + 1 <= maxPerYear.count ? 'pass' : 'fail', maxPerYear.source, {
      count: inYear,
      max: maxPerYear.count,
    }),
  );
  rules.push(
    check('promise-amount', ask.amountCents > 0 ? 'pass' : 'fail', {
      citation: 'a promise is of some amount',
      utilitySetting: false,
    }),
  );
  const refusal = rules.find((r) => r.outcome === 'fail');
  return refusal ? { accepted: false, refusal, rules } : { accepted: true, rules };
}

export type PromiseStanding =
  | { status: 'pending'; paidCents: Cents; until: string }
  | { status: 'kept'; paidCents: Cents; keptOn: string }
  | { status: 'broken'; paidCents: Cents; brokenOn: string }
  | { status: 'cancelled'; paidCents: Cents };

/**
 * A promise's standing today, from the payments that arrived: kept the day posted payments made
 * on or after the day it was made reach the amount, no later than the promised date; pending
 * until the end of that date; broken the day after it when they fell short. A returned payment
 * does not count.
 */
export function promiseStanding(
  promise: PromiseToPay,
  payments: { paidOn: string; amountCents: Cents; status: string }[],
  today: PlainDate,
): PromiseStanding {
  const due = parsePlainDate(promise.promisedOn)!;
  const counted = payments
    .filter(
      (p) => p.status === 'posted' && p.paidOn >= promise.madeOn && p.paidOn <= promise.promisedOn,
    )
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  let paid = 0;
  for (const p of counted) {
    paid += p.amountCents;
    if (paid >= promise.amountCents && p.paidOn <= today.toString())
      return { status: 'kept', paidCents: paid, keptOn: p.paidOn };
  }
  const paidCents = counted
    .filter((p) => p.paidOn <= today.toString())
    .reduce((s, p) => s + p.amountCents, 0);
  if (promise.status === 'cancelled') return { status: 'cancelled', paidCents };
  if (compareDates(today, due) <= 0)
    return { status: 'pending', paidCents, until: promise.promisedOn };
  return { status: 'broken', paidCents, brokenOn: due.add({ days: 1 }).toString() };
}

/** The last day of the latest promise still pending today, or null. */
export function promisePendingUntil(
  promises: PromiseToPay[],
  payments: { paidOn: string; amountCents: Cents; status: string }[],
  today: PlainDate,
): string | null {
  return (
    promises
      .map((p) => promiseStanding(p, payments, today))
      .filter((s): s is Extract<PromiseStanding, { status: 'pending' }> => s.status === 'pending')
      .map((s) => s.until)
      .sort()
      .at(-1) ?? null
  );
}
