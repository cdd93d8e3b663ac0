import type Decimal from 'decimal.js';
import { isoDaysBetween, type PlainDate, parsePlainDate } from '../dates';
import { Dec } from '../money';

/** A meter read as the CIS records it. */
export interface MeterRead {
  date: string;
  /** The register as read (what the dials show). */
  value: number;
  kind: 'actual' | 'estimated' | 'customer';
}

export interface Meter {
  /** Number of dials: the register rolls over to zero after 10^dials − 1. */
  dials: number;
  /** Usage per register unit (a meter that reads in tens has multiplier 10). */
  multiplier: number;
}

export interface Consumption {
  from: string;
  to: string;
  days: number;
  /** Usage in the utility's unit, exact. */
  usage: Decimal;
  rolledOver: boolean;
  estimated: boolean;
}

/**
 * Usage between two reads. A register lower than the previous one on a meter that has not been
 * changed rolled over: the usage is what the dials turned through zero.
 */
export function usageBetween(meter: Meter, previous: MeterRead, current: MeterRead): Consumption {
  let days: number;
  try {
    days = isoDaysBetween(previous.date, current.date);
  } catch {
    throw new RangeError('read dates must be YYYY-MM-DD');
  }
  if (days <= 0) throw new RangeError('reads must be in date order');
  const capacity = new Dec(10 ** meter.dials);
  let register = new Dec(current.value).minus(previous.value);
  const rolledOver = register.isNegative();
  if (rolledOver) register = register.plus(capacity);
  if (register.gte(capacity)) throw new RangeError('register difference exceeds the dials');
  return {
    from: previous.date,
    to: current.date,
    days,
    usage: register.times(meter.multiplier),
    rolledOver,
    estimated: current.kind === 'estimated' || previous.kind === 'estimated',
  };
}

/** Consumptions between each pair of consecutive reads (reads sorted by date). */
export function consumptionHistory(meter: Meter, reads: MeterRead[]): Consumption[] {
  const sorted = [...reads].sort((a, b) => a.date.localeCompare(b.date));
  return sorted.slice(1).map((read, i) => usageBetween(meter, sorted[i], read));
}

export function dailyUse(c: Consumption): Decimal {
  return c.usage.dividedBy(c.days);
}

export function toDate(text: string): PlainDate {
  const d = parsePlainDate(text);
  if (!d) throw new RangeError(`not a date: ${text}`);
  return d;
}
