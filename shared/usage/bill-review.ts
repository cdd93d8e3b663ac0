import { plainDate } from '../dates';
import { type AppLocale, formatMoney, formatNumber, formatPlainDate } from '../i18n/format';
import { Dec } from '../money';

/**
 * Why a bill waits for a reviewer before it goes out. The use is compared with the use expected
 * for the same days (the same period last year, else the recent actual bills), with the
 * utility's `usageThresholds` ratios; the amount with the recent bills' amounts.
 */
export const billExceptionCodes = [
  'high',
  'low',
  'zero',
  'high-amount',
  'estimated-streak',
  'negative',
  'rate-change',
] as const;
export type BillExceptionCode = (typeof billExceptionCodes)[number];

/**
 * A utility's bill review settings. Null is "not gathered": the check that needs it is not made
 * (the estimated streak), or the result is recorded without a verdict (a meter test).
 */
export interface BillReviewSettings {
  highRatio: string;
  lowRatio: string;
  maxEstimatedInARow: number | null;
  meterTestTolerancePercent: string | null;
  fastMeterRefundMonths: number | null;
  source: string;
}

/** What a meter test says, against the utility's tolerance. */
export type MeterTestVerdict = 'accurate' | 'fast' | 'slow' | 'not-gathered';

export function meterTestVerdict(
  accuracyPercent: string,
  tolerancePercent: string | null,
): MeterTestVerdict {
  if (tolerancePercent === null) return 'not-gathered';
  const off = new Dec(accuracyPercent).minus(100);
  if (off.greaterThan(tolerancePercent)) return 'fast';
  if (off.negated().greaterThan(tolerancePercent)) return 'slow';
  return 'accurate';
}

/** The use a fast meter really saw: what it registered × 100 / its accuracy, to register places. */
export function correctedForAccuracy(
  usage: string,
  accuracyPercent: string,
  places: number,
): string {
  return new Dec(usage)
    .times(100)
    .dividedBy(accuracyPercent)
    .toDecimalPlaces(places, Dec.ROUND_HALF_UP)
    .toString();
}

export interface PeriodRead {
  date: string;
  value: number;
}

const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

/**
 * The use of a bill's period from a meter's posted reads: between the read on (or last before)
 * its first day and the read on (or first after) its last, rollover through zero counted with
 * the dials; when those reads are not on the period's own days, the use is prorated to the
 * period's days (half up to the register's places). Null without a read on each side.
 */
export function periodUse(
  reads: PeriodRead[],
  period: { from: string; to: string },
  meter: { dials: number; multiplier: number },
  places = 0,
): { usage: string; from: PeriodRead; to: PeriodRead; prorated: boolean } | null {
  const sorted = [...reads].sort((a, b) => a.date.localeCompare(b.date));
  const from = sorted.filter((r) => r.date <= period.from).at(-1);
  const to = sorted.find((r) => r.date >= period.to);
  if (!from || !to || to.date <= from.date) return null;
  let turns = new Dec(to.value).minus(from.value);
  if (turns.isNegative()) turns = turns.plus(10 ** meter.dials);
  const readDays = dayNumber(to.date) - dayNumber(from.date);
  const periodDays = dayNumber(period.to) - dayNumber(period.from);
  const prorated = readDays !== periodDays;
  const usage = turns
    .times(meter.multiplier)
    .times(periodDays)
    .dividedBy(readDays)
    .toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  return { usage: usage.toString(), from, to, prorated };
}

/** The customer's explanation of a rebill, kept with the new version: a key, its facts, a language. */
export interface RebillExplanation {
  key: string;
  language: AppLocale;
  params: {
    periodFrom: string;
    periodTo: string;
    oldUsage: string;
    newUsage: string;
    unit: string;
    oldTotalCents: number;
    newTotalCents: number;
    differenceCents: number;
  };
}

/**
 * The explanation in the customer's language (formal usted in Spanish): dates, amounts and uses
 * through Intl, the difference said as credited or charged. `t` is i18next's, any instance.
 */
export function explainRebill(
  e: RebillExplanation,
  t: (key: string, options: Record<string, unknown>) => string,
): string {
  const locale = e.language;
  const p = e.params;
  const day = (iso: string) => formatPlainDate(plainDate(iso), locale, 'long');
  const use = (u: string) => formatNumber(Number(u), locale, { maximumFractionDigits: 3 });
  const direction = p.differenceCents < 0 ? 'credit' : p.differenceCents > 0 ? 'charge' : 'none';
  return t(e.key, {
    lng: locale,
    periodFrom: day(p.periodFrom),
    periodTo: day(p.periodTo),
    oldUsage: use(p.oldUsage),
    newUsage: use(p.newUsage),
    unit: p.unit,
    oldTotal: formatMoney(p.oldTotalCents, locale),
    newTotal: formatMoney(p.newTotalCents, locale),
    difference: formatMoney(Math.abs(p.differenceCents), locale),
    direction: t(`cis:rebill.direction.${direction}`, { lng: locale }),
    interpolation: { escapeValue: false },
  });
}
