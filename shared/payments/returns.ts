import { check, type RuleCheck } from '../collections/rules';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import type { Cents } from '../money';
import type { PaymentSettings } from './settings';

/** Why a bank sent a payment back. */
export const RETURN_REASONS = [
  'insufficient-funds',
  'closed-account',
  'no-account',
  'stopped',
  'other',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export interface ReturnedPaymentCase {
  /** Items this customer's payments to the utility were returned before this one. */
  priorReturns: number;
  /** The days earlier items were returned on, for the cash-only window (none: counted as recent). */
  priorReturnDays?: string[];
  method: 'check' | 'ach';
  /** The returned payment had stopped a disconnection. */
  stoppedDisconnection: boolean;
}

export interface ReturnedPaymentDecision {
  feeCents: Cents;
  cashOnlyUntil: string | null;
  /** The disconnection decision must be taken again (the payment that stopped it is gone). */
  reconsiderDisconnection: boolean;
  rules: RuleCheck[];
}

/**
 * What a returned check or bank payment brings: the utility's returned-item fee (its first or a
 * later one) held to the state's cap, a cash-only period once the utility's count of returns is
 * reached within its window, and the disconnection decision taken again where the payment had
 * stopped one. A number not gathered charges nothing and says so.
 */
export function returnedPaymentDecision(
  settings: PaymentSettings,
  c: ReturnedPaymentCase,
  today: PlainDate,
): ReturnedPaymentDecision {
  const rules: RuleCheck[] = [];
  const later = c.priorReturns > 0;
  const which = later ? 'later' : 'first';
  const own = later ? settings.returnedItemFee.laterCents : settings.returnedItemFee.firstCents;
  const cap = later
    ? settings.returnedItemFeeCap.laterCents
    : settings.returnedItemFeeCap.firstCents;
  let feeCents = 0;
  if (own === null) {
    rules.push(
      check(
        'returned-item-fee',
        'not-applicable',
        settings.returnedItemFee.source,
        { which },
        `rules.returned-item-fee.${which}.not-applicable`,
      ),
    );
  } else {
    feeCents = own;
    rules.push(
      check(
        'returned-item-fee',
        'pass',
        settings.returnedItemFee.source,
        { which, fee: own },
        `rules.returned-item-fee.${which}.pass`,
      ),
    );
  }
  if (cap === null) {
    rules.push(
      check(
        'returned-item-fee-cap',
        'not-applicable',
        settings.returnedItemFeeCap.source,
        {
          which,
        },
        `rules.returned-item-fee-cap.${which}.not-applicable`,
      ),
    );
  } else if (feeCents > cap) {
    rules.push(
      check(
        'returned-item-fee-cap',
        'fail',
        settings.returnedItemFeeCap.source,
        {
          which,
          fee: feeCents,
          cap,
        },
        `rules.returned-item-fee-cap.${which}.fail`,
      ),
    );
    feeCents = cap;
  } else {
    rules.push(
      check(
        'returned-item-fee-cap',
        'pass',
        settings.returnedItemFeeCap.source,
        {
          which,
          fee: feeCents,
          cap,
        },
        `rules.returned-item-fee-cap.${which}.pass`,
      ),
    );
  }
  let cashOnlyUntil: string | null = null;
  const cashOnly = settings.cashOnly;
  if (!cashOnly) {
    rules.push(
      check('cash-only-period', 'not-applicable', {
        citation: `${settings.utilityName}: cash-only period after returned items not gathered (utility setting)`,
        utilitySetting: true,
      }),
    );
  } else {
    const since = today.subtract({ months: cashOnly.withinMonths });
    const recent = c.priorReturnDays
      ? c.priorReturnDays.filter((d) => {
          const day = parsePlainDate(d);
          return day !== null && compareDates(day, since) > 0 && compareDates(day, today) <= 0;
        }).length
      : c.priorReturns;
    const count = recent + 1;
    if (count >= cashOnly.afterReturns) {
      cashOnlyUntil = today.add({ months: cashOnly.forMonths }).toString();
      rules.push(
        check('cash-only-period', 'fail', cashOnly.source, {
          returns: count,
          after: cashOnly.afterReturns,
          months: cashOnly.withinMonths,
          until: cashOnlyUntil,
        }),
      );
    } else {
      rules.push(
        check('cash-only-period', 'pass', cashOnly.source, {
          returns: count,
          after: cashOnly.afterReturns,
          months: cashOnly.withinMonths,
        }),
      );
    }
  }
  rules.push(
    check('disconnection-reconsidered', c.stoppedDisconnection ? 'pass' : 'not-applicable', {
      citation: `${settings.utilityName}: a returned payment that had stopped a disconnection leaves the disconnection to be decided again under the utility's policy`,
      utilitySetting: true,
    }),
  );
  return { feeCents, cashOnlyUntil, reconsiderDisconnection: c.stoppedDisconnection, rules };
}

/**
 * The day a cash-only period from the account's returned items ends, or null: the returns on
 * record within the window ending on the latest one, counted as the rule counts them.
 */
export function cashOnlyUntilOf(
  settings: PaymentSettings,
  returnDays: string[],
  today: PlainDate,
): string | null {
  const cashOnly = settings.cashOnly;
  if (!cashOnly || returnDays.length === 0) return null;
  const sorted = [...returnDays].sort();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const last = parsePlainDate(sorted[i])!;
    const since = last.subtract({ months: cashOnly.withinMonths });
    const count = sorted
      .slice(0, i + 1)
      .filter((d) => compareDates(parsePlainDate(d)!, since) > 0).length;
    if (count >= cashOnly.afterReturns) {
      const until = last.add({ months: cashOnly.forMonths });
      return compareDates(until, today) >= 0 ? until.toString() : null;
    }
  }
  return null;
}
