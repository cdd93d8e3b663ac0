import type Decimal from 'decimal.js';
import { daysBetween } from '../dates';
import { Dec } from '../money';
import { type Consumption, dailyUse, toDate } from './reads';

export type EstimateMethod = 'same-period-last-year' | 'recent-average';

export interface Estimate {
  usage: Decimal;
  method: EstimateMethod;
  /** The average daily use the estimate multiplies by the days. */
  dailyUse: Decimal;
  /** The history periods it was computed from. */
  basedOn: { from: string; to: string }[];
}

/**
 * An estimated read's usage: the average daily use of the same period last year (the periods
 * that overlap it, one year back), else of the most recent `recentPeriods` periods, times the
 * days of the period. The method is named on the result, as the customer may ask.
 */
export function estimateUsage(
  history: Consumption[],
  period: { from: string; to: string },
  recentPeriods = 3,
): Estimate | null {
  const from = toDate(period.from);
  const to = toDate(period.to);
  const days = daysBetween(from, to);
  if (days <= 0) throw new RangeError('the period must end after it starts');
  // ISO days compare as text: the year-ago bounds are made once, the history's never.
  const lastYearFrom = from.subtract({ years: 1 }).toString();
  const lastYearTo = to.subtract({ years: 1 }).toString();
  const overlapping = history.filter(
    (c) => !c.estimated && c.from < lastYearTo && c.to > lastYearFrom,
  );
  const pick = (periods: Consumption[], method: EstimateMethod): Estimate | null => {
    if (periods.length === 0) return null;
    const totalUse = periods.reduce((a, c) => a.plus(c.usage), new Dec(0));
    const totalDays = periods.reduce((a, c) => a + c.days, 0);
    const daily = totalUse.dividedBy(totalDays);
    return {
      usage: daily.times(days),
      method,
      dailyUse: daily,
      basedOn: periods.map((c) => ({ from: c.from, to: c.to })),
    };
  };
  const actual = history
    .filter((c) => !c.estimated && c.to <= period.from)
    .sort((a, b) => a.to.localeCompare(b.to));
  return (
    pick(overlapping, 'same-period-last-year') ??
    pick(actual.slice(-recentPeriods), 'recent-average')
  );
}

export { dailyUse };
