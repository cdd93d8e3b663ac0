import { compareDates, type PlainDate, parsePlainDate, Temporal } from '../dates';
import type { Cents } from '../money';
import type { CallOutcome, OutboundSettings } from './outbound';

/** The aging buckets a lead builds a collections worklist from, by days past due. */
export const agingBuckets = ['1-30', '31-60', '61-90', '91+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** The days past due each bucket holds, both ends included (`to` null: no upper end). */
export const AGING_BUCKET_DAYS: Record<AgingBucket, { from: number; to: number | null }> = {
  '1-30': { from: 1, to: 30 },
  '31-60': { from: 31, to: 60 },
  '61-90': { from: 61, to: 90 },
  '91+': { from: 91, to: null },
};

export function agingBucketOf(daysPastDue: number): AgingBucket | null {
  return (
    agingBuckets.find((b) => {
      const { from, to } = AGING_BUCKET_DAYS[b];
      return daysPastDue >= from && (to === null || daysPastDue <= to);
    }) ?? null
  );
}

/**
 * What a worklist weighs about one account before offering it: facts the account already has.
 * A fact left out is not known and excludes nothing.
 */
export interface WorklistFacts {
  /** The latest arrangement's standing today (shared/collections arrangementStanding). */
  arrangement?: 'good' | 'broken' | 'none' | 'completed';
  /** What open dispute cases hold from collection. */
  disputedHeldCents?: Cents;
  /** The last day of a promise to pay still pending. */
  promisePendingUntil?: string | null;
  /** The medical certificate on file: its last day, or null for no end. */
  medicalCertificate?: { expiresOn: string | null } | null;
  lifeSupport?: boolean;
}

export const exclusionReasons = [
  'arrangement-in-good-standing',
  'disputed-amount-held',
  'promise-pending',
  'medical-certificate',
  'life-support',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/**
 * Why an account leaves a collections worklist today, each reason once, in the order above; an
 * empty list keeps it. Protections other parts add (bankruptcy, a medical hold) join here.
 */
export function worklistExclusions(facts: WorklistFacts, today: PlainDate): ExclusionReason[] {
  const out: ExclusionReason[] = [];
  if (facts.arrangement === 'good') out.push('arrangement-in-good-standing');
  if ((facts.disputedHeldCents ?? 0) > 0) out.push('disputed-amount-held');
  if (facts.promisePendingUntil) {
    const until = parsePlainDate(facts.promisePendingUntil);
    if (until && compareDates(today, until) <= 0) out.push('promise-pending');
  }
  const cert = facts.medicalCertificate;
  if (cert) {
    const ends = cert.expiresOn ? parsePlainDate(cert.expiresOn) : null;
    if (!ends || compareDates(today, ends) <= 0) out.push('medical-certificate');
  }
  if (facts.lifeSupport === true) out.push('life-support');
  return out;
}

/**
 * Whether `at` falls within the utility's calling hours in the customer's time zone (from
 * included, to excluded), and when they next open if not.
 */
export function callingHoursAt(
  settings: Pick<OutboundSettings, 'callingHours'>,
  timeZone: string,
  at: Date,
): { open: boolean; local: string; opensAt: string } {
  const zoned = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
  const local = zoned.toPlainTime().toString().slice(0, 5);
  const { from, to } = settings.callingHours;
  const open = local >= from && local < to;
  const day = local < from ? zoned.toPlainDate() : zoned.toPlainDate().add({ days: 1 });
  const opens = day
    .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(from) })
    .toInstant()
    .toString();
  return { open, local, opensAt: open ? zoned.toInstant().toString() : opens };
}

/**
 * The day an account worked with `outcome` is offered again, or null when it leaves the list: a
 * promise leaves until the day after its date (if broken it is worked again), the others as the
 * utility's settings say; a callback day the agent agreed with the customer wins when later.
 */
export function offerAgainOn(
  settings: Pick<OutboundSettings, 'offerAgainAfter'>,
  outcome: CallOutcome,
  today: PlainDate,
  promisedOn?: string,
): string | null {
  if (outcome === 'promise' && promisedOn)
    return parsePlainDate(promisedOn)!.add({ days: 1 }).toString();
  const days = settings.offerAgainAfter[outcome].days;
  return days === null ? null : today.add({ days }).toString();
}
