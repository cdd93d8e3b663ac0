import type Decimal from 'decimal.js';
import { Dec } from '../money';
import type { Consumption } from './reads';
import { dailyUse, toDate } from './reads';

export interface UsageThresholds {
  /** Daily use above this many times the 12-month average is high. */
  highRatio: string;
  /** ... below this many times it is low. */
  lowRatio: string;
  /** Sustained use above this many times the average (this period and the one before) is a probable leak. */
  leakRatio: string;
}

export type UsageFlag = 'high' | 'low' | 'zero' | 'estimated' | 'probable-leak' | 'vacant-use';

export interface UsageComparison {
  period: { from: string; to: string; days: number };
  thisPeriod: { usage: string; dailyUse: string };
  sameLastYear: { usage: string; dailyUse: string } | null;
  twelveMonthAverage: { dailyUse: string; periods: number } | null;
  /** This period's daily use against the 12-month average, as a ratio (e.g. "1.82"). */
  ratioToAverage: string | null;
  ratioToLastYear: string | null;
  flags: UsageFlag[];
}

function twelveMonthsBefore(history: Consumption[], current: Consumption): Consumption[] {
  const start = toDate(current.from).subtract({ months: 12 }).toString();
  return history.filter((c) => c.to <= current.from && c.from >= start);
}

function averageDaily(periods: Consumption[]): Decimal | null {
  const days = periods.reduce((a, c) => a + c.days, 0);
  if (days === 0) return null;
  return periods.reduce((a, c) => a.plus(c.usage), new Dec(0)).dividedBy(days);
}

/**
 * "This period vs the same period last year vs the 12-month average", with the high, low, zero,
 * estimated and probable-leak flags the consumption chart marks, all against the account's own
 * history and the thresholds of the utility's profile.
 */
export function compareUsage(
  history: Consumption[],
  current: Consumption,
  thresholds: UsageThresholds,
  premise: { vacant?: boolean } = {},
): UsageComparison {
  const prior = twelveMonthsBefore(history, current);
  const average = averageDaily(prior);
  const lastYearFrom = toDate(current.from).subtract({ years: 1 }).toString();
  const lastYearTo = toDate(current.to).subtract({ years: 1 }).toString();
  const lastYear = history.filter((c) => c.from < lastYearTo && c.to > lastYearFrom);
  const lastYearDaily = averageDaily(lastYear);
  const daily = dailyUse(current);
  const flags: UsageFlag[] = [];
  if (current.estimated) flags.push('estimated');
  if (current.usage.isZero()) {
    flags.push('zero');
  } else if (premise.vacant) {
    flags.push('vacant-use');
  }
  if (average && !average.isZero() && !current.usage.isZero()) {
    const ratio = daily.dividedBy(average);
    if (ratio.gt(thresholds.highRatio)) flags.push('high');
    if (ratio.lt(thresholds.lowRatio)) flags.push('low');
    const before = [...prior].sort((a, b) => a.to.localeCompare(b.to)).at(-1);
    if (
      ratio.gte(thresholds.leakRatio) &&
      before &&
      dailyUse(before).dividedBy(average).gte(thresholds.highRatio)
    ) {
      flags.push('probable-leak');
    }
  }
  if (premise.vacant && !current.usage.isZero() && !flags.includes('probable-leak')) {
    flags.push('probable-leak');
  }
  const fixed = (d: Decimal) => d.toDecimalPlaces(4).toString();
  return {
    period: { from: current.from, to: current.to, days: current.days },
    thisPeriod: { usage: current.usage.toString(), dailyUse: fixed(daily) },
    sameLastYear: lastYearDaily
      ? {
          usage: fixed(lastYearDaily.times(current.days)),
          dailyUse: fixed(lastYearDaily),
        }
      : null,
    twelveMonthAverage: average ? { dailyUse: fixed(average), periods: prior.length } : null,
    ratioToAverage: average && !average.isZero() ? fixed(daily.dividedBy(average)) : null,
    ratioToLastYear:
      lastYearDaily && !lastYearDaily.isZero() ? fixed(daily.dividedBy(lastYearDaily)) : null,
    flags,
  };
}
