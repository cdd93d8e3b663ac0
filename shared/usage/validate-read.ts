import type Decimal from 'decimal.js';
import { isoDaysBetween } from '../dates';
import { Dec } from '../money';
import { type Estimate, estimateUsage } from './estimate';
import { consumptionHistory, type Meter, type MeterRead, toDate } from './reads';

/**
 * The window a new read's use must fall in, as ratios of the use expected for its days (the
 * estimate the CIS would post: same period last year, else the recent average). Outside it, the
 * read needs a reason or goes to the exception queue.
 */
export interface ReadWindow {
  highRatio: string;
  lowRatio: string;
}

/** A meter with what validating a read needs beside its dials: when it was set. */
export interface ValidatedMeter extends Meter {
  installedOn: string;
}

export interface ReadToValidate {
  date: string;
  /** The register as read: what the dials show, at most three decimals. */
  value: number;
  kind: MeterRead['kind'];
}

/**
 * What the check found. `refused` findings stop the read (it cannot be a read of this meter on
 * this day); `reason` findings let it post only with the reader's or agent's reason, else it waits
 * in the exception queue; `info` findings are said and nothing more.
 */
export type ReadFinding =
  | { code: 'in-future'; severity: 'refused' }
  | { code: 'before-installed'; severity: 'refused'; installedOn: string }
  | { code: 'not-after-last'; severity: 'refused'; lastDate: string }
  | { code: 'exceeds-dials'; severity: 'refused'; dials: number }
  | { code: 'first-read-on-meter'; severity: 'info' }
  | {
      code: 'lower-than-last';
      severity: 'reason';
      last: number;
      /** The use if the dials rolled over through zero. */
      usageIfRollover: string;
      /** Whether that use falls inside the window (a rollover, not a misread, is likely). */
      rolloverLikely: boolean | null;
    }
  | { code: 'zero-on-occupied'; severity: 'reason' }
  | { code: 'high'; severity: 'reason'; usage: string; expected: string; limit: string }
  | { code: 'low'; severity: 'reason'; usage: string; expected: string; limit: string }
  | { code: 'no-expected-use'; severity: 'info' };

export type ReadFindingCode = ReadFinding['code'];

export interface ReadValidation {
  /** No refused finding: the read may post (with a reason when `needsReason`). */
  acceptable: boolean;
  needsReason: boolean;
  findings: ReadFinding[];
  /** Use since the last read of this meter (rollover counted when the register went down). */
  usage: string | null;
  /** The use expected for the days, and how it was estimated. */
  expected: Estimate | null;
}

/**
 * What a register can show: a number from zero with at most three decimals (a meter whose last
 * dials read tenths or hundredths of the billing unit, as Philadelphia's Mcf registers do).
 */
export function isRegister(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && new Dec(value).decimalPlaces() <= 3;
}

/** The decimals a meter's registers are read to, as its reads show them (none to three). */
export function registerPlaces(history: readonly MeterRead[]): number {
  let places = 0;
  for (const r of history) places = Math.max(places, decimalsOf(r.value));
  return Math.min(3, places);
}

/** The decimals a number is written with (a read's value as the CIS stores it). */
function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? new Dec(value).decimalPlaces() : text.length - dot - 1;
}

function fixed(d: Decimal): string {
  return d.toDecimalPlaces(4).toString();
}

/**
 * Checks a read at once against its meter's history: the date (not ahead of today, after the
 * meter was set, after its last read), the dials, a register lower than the last (a rollover
 * through zero, or a misread), zero use on an occupied premise, and use outside the window.
 */
export function validateRead(
  meter: ValidatedMeter,
  history: MeterRead[],
  read: ReadToValidate,
  context: { today: string; occupied: boolean; window: ReadWindow },
): ReadValidation {
  const findings: ReadFinding[] = [];
  const refuse = (f: ReadFinding) => findings.push(f);
  const date = toDate(read.date);
  if (date.toString() > context.today) refuse({ code: 'in-future', severity: 'refused' });
  if (read.date < meter.installedOn)
    refuse({ code: 'before-installed', severity: 'refused', installedOn: meter.installedOn });
  const capacity = 10 ** meter.dials;
  if (!isRegister(read.value) || read.value >= capacity)
    refuse({ code: 'exceeds-dials', severity: 'refused', dials: meter.dials });
  const sorted = history
    .filter((r) => r.date >= meter.installedOn)
    .sort((a, b) => a.date.localeCompare(b.date));
  const last = sorted.at(-1);
  if (last && read.date <= last.date)
    refuse({ code: 'not-after-last', severity: 'refused', lastDate: last.date });
  if (findings.length > 0) return done(findings, null, null);
  if (!last) {
    findings.push({ code: 'first-read-on-meter', severity: 'info' });
    return done(findings, null, null);
  }
  const days = isoDaysBetween(last.date, read.date);
  const rolled = read.value < last.value;
  const turned = new Dec(read.value).minus(last.value);
  const usage = (rolled ? turned.plus(capacity) : turned).times(meter.multiplier);
  const expected = estimateUsage(consumptionHistory(meter, sorted), {
    from: last.date,
    to: read.date,
  });
  const high = expected ? expected.usage.times(context.window.highRatio) : null;
  const low = expected ? expected.usage.times(context.window.lowRatio) : null;
  if (!expected || expected.usage.isZero())
    findings.push({ code: 'no-expected-use', severity: 'info' });
  if (rolled) {
    findings.push({
      code: 'lower-than-last',
      severity: 'reason',
      last: last.value,
      usageIfRollover: usage.toString(),
      rolloverLikely: high && expected && !expected.usage.isZero() ? usage.lte(high) : null,
    });
  } else if (usage.isZero() && context.occupied) {
    findings.push({ code: 'zero-on-occupied', severity: 'reason' });
  }
  if (expected && !expected.usage.isZero() && high && low && !rolled && days > 0) {
    const limits = { usage: usage.toString(), expected: fixed(expected.usage) };
    if (usage.gt(high))
      findings.push({ code: 'high', severity: 'reason', ...limits, limit: fixed(high) });
    else if (usage.lt(low) && !usage.isZero())
      findings.push({ code: 'low', severity: 'reason', ...limits, limit: fixed(low) });
  }
  return done(findings, usage.toString(), expected);
}

function done(findings: ReadFinding[], usage: string | null, expected: Estimate | null) {
  return {
    acceptable: !findings.some((f) => f.severity === 'refused'),
    needsReason: findings.some((f) => f.severity === 'reason'),
    findings,
    usage,
    expected,
  };
}
