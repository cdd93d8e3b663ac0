import { LATE_FEE_WAIVED_LINE } from '../cis/entities';
import { compareDates, daysBetween, type PlainDate, parsePlainDate } from '../dates';
import { type Cents, Dec } from '../money';
import type { DisconnectionAccount } from './disconnection';

/**
 * What the rules need from an account's history, derived the same way on the desktop (to show
 * the decision as the agent types) and on the server (to decide it): earlier arrangements, the
 * bill cycle, the average monthly bill, and the run of bills paid on time.
 */

export function priorArrangements(arrangements: { status: string; createdOn: string }[]): {
  count: number;
  brokenOn: string[];
} {
  return {
    count: arrangements.length,
    brokenOn: arrangements.filter((a) => a.status === 'broken').map((a) => a.createdOn),
  };
}

const MONTHS_APART = { monthly: 1, bimonthly: 2, quarterly: 3 } as const;
export type BillFrequency = keyof typeof MONTHS_APART;

/** How many months apart a utility's bills fall due. */
export function monthsApart(frequency: BillFrequency): number {
  return MONTHS_APART[frequency];
}

/** The latest bill's due date and how far apart bills fall due: installments follow the cycle. */
export function billCycleOf(
  bills: { dueOn: string }[],
  frequency: BillFrequency,
): { nextDueDate: string; intervalMonths: number } | undefined {
  const latest = bills
    .map((b) => b.dueOn)
    .sort()
    .at(-1);
  return latest ? { nextDueDate: latest, intervalMonths: MONTHS_APART[frequency] } : undefined;
}

export interface BilledPeriod {
  periodFrom: string;
  periodTo: string;
  totalCents: Cents;
}

/**
 * The premise's average monthly bill over the 12 months before `today`: the bills read in that
 * year, over the days they cover, times the days of an average month (365 / 12). Zero with no
 * bills. Rounded half up to the cent.
 */
export function averageMonthlyBillCents(bills: BilledPeriod[], today: PlainDate): Cents {
  const since = today.subtract({ years: 1 });
  let days = 0;
  let total = 0;
  for (const b of bills) {
    const from = parsePlainDate(b.periodFrom);
    const to = parsePlainDate(b.periodTo);
    if (!from || !to || compareDates(to, since) <= 0 || compareDates(to, today) > 0) continue;
    days += daysBetween(from, to);
    total += b.totalCents;
  }
  if (days === 0) return 0;
  return new Dec(total)
    .times(365)
    .dividedBy(12)
    .dividedBy(days)
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
    .toNumber();
}

/**
 * Months of on-time payment: from the latest bill due before `today` back, each bill paid in
 * full by its due date (payments posted after its period ended count toward it) adds its
 * months, until one was not. A bill not yet due neither counts nor breaks the run.
 */
export function onTimePaymentMonths(
  bills: (BilledPeriod & { dueOn: string })[],
  payments: { paidOn: string; amountCents: Cents; status: string }[],
  frequency: BillFrequency,
  today: PlainDate,
): number {
  const posted = payments.filter((p) => p.status === 'posted');
  const todayText = today.toString();
  const newestFirst = [...bills].sort((a, b) => b.periodTo.localeCompare(a.periodTo));
  let months = 0;
  for (const bill of newestFirst) {
    const paid = posted
      .filter((p) => p.paidOn > bill.periodTo && p.paidOn <= bill.dueOn)
      .reduce((sum, p) => sum + p.amountCents, 0);
    if (bill.dueOn >= todayText && paid < bill.totalCents) continue;
    if (paid < bill.totalCents) break;
    months += MONTHS_APART[frequency];
  }
  return months;
}

/**
 * The facts a disconnection decision weighs, from the account's records: the latest open
 * disconnection notice, the standing of the latest arrangement, a medical certificate on file
 * (in writing, or given orally with its written confirmation's day, null while awaited), and
 * life-support equipment on file.
 */
export function disconnectionFacts(a: {
  class: 'residential' | 'commercial';
  pastDueCents: Cents;
  disputedHeldCents?: Cents;
  daysPastDue: number;
  notices: { kind: string; status: string; issuedOn: string }[];
  arrangements: { status: string; createdOn: string }[];
  medicalCertificate: { certifiedOn: string; writtenConfirmationOn?: string | null } | null;
  lifeSupport?: boolean;
  promisePendingUntil?: string | null;
}): DisconnectionAccount {
  const notice = a.notices
    .filter((n) => n.kind === 'disconnection' && n.status === 'open')
    .map((n) => n.issuedOn)
    .sort()
    .at(-1);
  const latest = [...a.arrangements].sort((x, y) => x.createdOn.localeCompare(y.createdOn)).at(-1);
  const certificate = a.medicalCertificate;
  return {
    class: a.class,
    pastDueCents: a.pastDueCents,
    ...(a.disputedHeldCents ? { disputedHeldCents: a.disputedHeldCents } : {}),
    daysPastDue: a.daysPastDue,
    noticeServed: notice ?? null,
    arrangement:
      latest?.status === 'active' ? 'good' : latest?.status === 'broken' ? 'broken' : 'none',
    medical: certificate
      ? {
          reportedOn: certificate.certifiedOn,
          certified: true,
          ...(certificate.writtenConfirmationOn !== undefined
            ? { writtenConfirmationOn: certificate.writtenConfirmationOn }
            : {}),
        }
      : null,
    ...(a.lifeSupport !== undefined ? { lifeSupport: a.lifeSupport } : {}),
    ...(a.promisePendingUntil ? { promisePendingUntil: a.promisePendingUntil } : {}),
  };
}

export interface Household {
  size: number;
  annualIncomeCents: Cents;
}

/**
 * The household known from the account's records: the one its latest active assistance
 * enrolment was screened on, or undefined where none was recorded.
 */
export function householdOnFile(
  enrollments: { status: string; enrolledOn: string; household?: Household | null }[],
): Household | undefined {
  return (
    [...enrollments]
      .filter((e) => e.status === 'active' && e.household)
      .sort((x, y) => x.enrolledOn.localeCompare(y.enrolledOn))
      .at(-1)?.household ?? undefined
  );
}

/**
 * The days a late charge was taken off the account: waived on the bill that assessed it (the
 * bill's date), or reversed afterwards (the day it was asked; a declined request is none). Any
 * of them counts as the low-income waiver of its 12 months (SB 998 §116914).
 */
export function lateFeeWaiverDates(
  bills: { periodTo: string; lines: { code: string }[] }[],
  adjustments: { kind: string; status: string; createdAt: string }[],
): string[] {
  return [
    ...bills
      .filter((b) => b.lines.some((l) => l.code === LATE_FEE_WAIVED_LINE))
      .map((b) => b.periodTo),
    ...adjustments
      .filter((a) => a.kind === 'late-fee-reversal' && a.status !== 'declined')
      .map((a) => a.createdAt.slice(0, 10)),
  ];
}

/** What the bills read in the 12 months before `today` came to: what budget billing levels. */
export function lastYearBilledCents(
  bills: { periodTo: string; totalCents: Cents }[],
  today: PlainDate,
): Cents {
  const since = today.subtract({ years: 1 });
  return bills
    .filter((b) => {
      const to = parsePlainDate(b.periodTo);
      return to !== null && compareDates(to, since) > 0;
    })
    .reduce((sum, b) => sum + b.totalCents, 0);
}
