import type { Bill as CisBill } from '../../../shared/cis';
import { daysBetween, parsePlainDate } from '../../../shared/dates';
import type { AppLocale } from '../../../shared/i18n/format';
import type { UtilitySummary } from '../../../shared/ipc';
import type { Bill } from '../../../shared/rates/bill';
import { describeLine, explainBill } from '../../../shared/rates/explain';

/** A CIS bill in the rate engine's shape, so its lines and sentences read the same everywhere. */
export function asRatedBill(
  bill: CisBill,
  utilityId: string,
  profile: UtilitySummary | null,
): Bill {
  const from = parsePlainDate(bill.periodFrom)!;
  const to = parsePlainDate(bill.periodTo)!;
  return {
    profile: {
      id: utilityId,
      name: profile?.name ?? utilityId,
      effective: profile?.effective ?? '',
      illustrative: profile?.illustrative ?? false,
    },
    class: 'residential',
    meterSize: '',
    period: { from: bill.periodFrom, to: bill.periodTo, days: daysBetween(from, to) },
    usage: { quantity: bill.usage, unit: bill.unit },
    lines: bill.lines.map((l) => ({
      ...l,
      exact: String(l.amountCents / 100),
      rule: { profileId: utilityId, source: '', effective: '' },
    })),
    totalCents: bill.totalCents,
    notes: [],
    prorated: false,
    split: false,
  };
}

export function billSentences(
  bill: CisBill,
  utility: UtilitySummary | null,
  locale: AppLocale,
): string[] {
  return explainBill(asRatedBill(bill, utility?.id ?? '', utility), locale);
}

export function lineDescription(
  bill: CisBill,
  index: number,
  utility: UtilitySummary | null,
  locale: AppLocale,
): string {
  const rated = asRatedBill(bill, utility?.id ?? '', utility);
  return describeLine(rated.lines[index], locale);
}
