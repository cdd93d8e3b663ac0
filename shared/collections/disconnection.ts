import { guidelineInForce, percentOfPoverty } from '../assistance/poverty';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import type { Cents } from '../money';
import { addBusinessDays, type BusinessCalendar, maxDate, stateCalendar } from './calendar';
import type { CollectionPolicy } from './policy';
import { check, type RuleCheck } from './rules';

export interface DisconnectionAccount {
  class: 'residential' | 'commercial';
  pastDueCents: Cents;
  /** Days since the oldest unpaid amount fell due. */
  daysPastDue: number;
  /** Past due including sewer, where water may be disconnected for unpaid sewer. */
  combinedSewerPastDueCents?: Cents;
  billsPerYear?: number;
  noticeServed?: string | null;
  /** The utility was told of a medical emergency on this date (certification follows). */
  medical?: { reportedOn: string; certified: boolean } | null;
  arrangement?: 'good' | 'broken' | 'none';
  /** Was the broken arrangement confirmed to the customer in writing (Maine §9)? */
  arrangementConfirmedInWriting?: boolean;
  /** Days the customer has not complied with a plan (California §116910(b)). */
  planNonComplianceDays?: number;
  household?: { annualIncomeCents: Cents; size: number };
  /** A household member receives CalWORKs, CalFresh, general assistance, Medi-Cal, SSI/SSP or WIC. */
  publicAssistance?: boolean;
  willingToEnterPlan?: boolean;
}

export interface DisconnectionDecision {
  allowed: boolean;
  /** The first day a field disconnection may happen, or null while something protects the customer. */
  earliest: string | null;
  rules: RuleCheck[];
}

function isForbidden(
  policy: CollectionPolicy,
  calendar: BusinessCalendar,
  date: PlainDate,
): boolean {
  const f = policy.disconnection.forbiddenDays;
  if (!f) return false;
  if (f.weekends && date.dayOfWeek >= 6) return true;
  if (f.holidays && calendar.isHoliday(date)) return true;
  if (f.dayBeforeHoliday && calendar.isHoliday(date.add({ days: 1 }))) return true;
  return false;
}

function inWinter(from: string, to: string, date: PlainDate): boolean {
  const md = date.toString().slice(5);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

/**
 * Whether a shut-off may happen, the earliest date, and every rule checked with its outcome:
 * the minimum past-due amount and age, written notice served far enough ahead, forbidden days,
 * winter, medical protection, an arrangement in good standing, low-income protections.
 */
export function evaluateDisconnection(
  policy: CollectionPolicy,
  account: DisconnectionAccount,
  today: PlainDate,
): DisconnectionDecision {
  const d = policy.disconnection;
  const calendar = stateCalendar(policy.state);
  const rules: RuleCheck[] = [];
  let blocked = false;
  let earliest = today;
  const notGathered = {
    citation: `${policy.utilityName}: disconnection rules not gathered`,
    utilitySetting: false,
  };

  if (!d.rulesGathered) {
    rules.push(check('rules-gathered', 'fail', notGathered, { utility: policy.utilityName }));
    return { allowed: false, earliest: null, rules };
  }

  if (d.minimumPastDue) {
    const m = d.minimumPastDue;
    const over = account.pastDueCents > m.moreThanCents;
    const old =
      m.orOlderThanDays !== null &&
      account.pastDueCents > 0 &&
      account.daysPastDue > m.orOlderThanDays;
    const rare =
      m.orBillsPerYearAtMost !== null &&
      account.billsPerYear !== undefined &&
      account.billsPerYear <= m.orBillsPerYearAtMost &&
      account.pastDueCents > 0;
    const combined =
      m.combinedSewerMoreThanCents !== null && account.combinedSewerPastDueCents !== undefined
        ? account.combinedSewerPastDueCents > m.combinedSewerMoreThanCents
        : null;
    const passes = combined === null ? over || old || rare : combined || old || rare;
    rules.push(
      check('minimum-past-due', passes ? 'pass' : 'fail', m.source, {
        pastDue: account.combinedSewerPastDueCents ?? account.pastDueCents,
        threshold: combined === null ? m.moreThanCents : (m.combinedSewerMoreThanCents ?? 0),
        days: account.daysPastDue,
        olderThan: m.orOlderThanDays ?? 0,
      }),
    );
    if (!passes) blocked = true;
  } else if (account.pastDueCents <= 0) {
    rules.push(
      check(
        'minimum-past-due',
        'fail',
        { citation: 'nothing is past due' },
        { pastDue: account.pastDueCents, threshold: 0, days: 0, olderThan: 0 },
      ),
    );
    blocked = true;
  }

  if (d.minimumDaysPastDue) {
    const need = d.minimumDaysPastDue.days;
    const passes = account.daysPastDue >= need;
    rules.push(
      check('days-past-due', passes ? 'pass' : 'fail', d.minimumDaysPastDue.source, {
        days: account.daysPastDue,
        required: need,
      }),
    );
    if (!passes) earliest = maxDate(earliest, today.add({ days: need - account.daysPastDue }));
  }

  if (d.notice) {
    const lead =
      account.class === 'residential' ? d.notice.residentialDays : d.notice.nonResidentialDays;
    const served = account.noticeServed ? parsePlainDate(account.noticeServed) : null;
    const unit = d.notice.businessDays ? 'Business' : '';
    if (!served) {
      rules.push(
        check('notice', 'fail', d.notice.source, { days: lead }, `rules.notice.missing${unit}`),
      );
      earliest = maxDate(
        earliest,
        d.notice.businessDays ? addBusinessDays(calendar, today, lead) : today.add({ days: lead }),
      );
    } else {
      const ready = d.notice.businessDays
        ? addBusinessDays(calendar, served, lead)
        : served.add({ days: lead });
      const passes = compareDates(ready, today) <= 0;
      rules.push(
        check(
          'notice',
          passes ? 'pass' : 'fail',
          d.notice.source,
          { served: served.toString(), days: lead, ready: ready.toString() },
          `rules.notice.${passes ? 'pass' : 'fail'}${unit}`,
        ),
      );
      earliest = maxDate(earliest, ready);
    }
  }

  if (account.arrangement === 'good' && d.arrangementProtects) {
    rules.push(
      check('arrangement', 'fail', d.arrangementProtects.source, {}, 'rules.arrangement.good'),
    );
    blocked = true;
  } else if (
    account.arrangement === 'broken' &&
    d.brokenUnconfirmedNeedsNewNotice &&
    account.arrangementConfirmedInWriting === false
  ) {
    const b = d.brokenUnconfirmedNeedsNewNotice;
    const days = account.class === 'residential' ? b.residentialDays : b.nonResidentialDays;
    rules.push(check('arrangement', 'fail', b.source, { days }, 'rules.arrangement.unconfirmed'));
    blocked = true;
  } else if (d.arrangementProtects) {
    rules.push(
      check(
        'arrangement',
        'pass',
        d.arrangementProtects.source,
        {},
        account.arrangement === 'broken' ? 'rules.arrangement.broken' : 'rules.arrangement.none',
      ),
    );
  }

  const med = d.medical;
  if (med && account.medical) {
    const reported = parsePlainDate(account.medical.reportedOn);
    if (med.requiresFinancialInabilityAndPlan) {
      const limit = med.financialInabilityBelowPercentOfPoverty ?? 0;
      const pct = account.household
        ? percentOfPoverty(
            account.household.annualIncomeCents,
            account.household.size,
            guidelineInForce(today),
          )
        : null;
      const unable = account.publicAssistance === true || (pct !== null && pct.lt(limit));
      const certified = account.medical.certified;
      const willing = account.willingToEnterPlan === true || account.arrangement === 'good';
      const failing =
        med.planFailureDays !== null && (account.planNonComplianceDays ?? 0) >= med.planFailureDays;
      const params = {
        certified: certified ? 1 : 0,
        unable: unable ? 1 : 0,
        willing: willing ? 1 : 0,
        percentOfPoverty: pct ? pct.toDecimalPlaces(1).toNumber() : -1,
        limit,
        failingDays: account.planNonComplianceDays ?? 0,
      };
      if (certified && unable && willing && !failing) {
        rules.push(check('medical', 'fail', med.source, params, 'rules.medical.protectedAllThree'));
        blocked = true;
      } else {
        rules.push(
          check(
            'medical',
            'pass',
            med.source,
            params,
            failing ? 'rules.medical.planFailed' : 'rules.medical.notAllThree',
          ),
        );
      }
    } else if (med.protectionBusinessDays !== null && reported) {
      const until = addBusinessDays(calendar, reported, med.protectionBusinessDays);
      const protectedNow = compareDates(today, until) <= 0;
      if (account.medical.certified) {
        rules.push(
          check(
            'medical',
            'fail',
            med.source,
            { confirmationDays: med.writtenConfirmationDays ?? 0 },
            'rules.medical.certified',
          ),
        );
        blocked = true;
      } else {
        rules.push(
          check(
            'medical',
            protectedNow ? 'fail' : 'pass',
            med.source,
            {
              until: until.toString(),
              days: med.protectionBusinessDays,
              confirmationDays: med.writtenConfirmationDays ?? 0,
            },
            protectedNow ? 'rules.medical.protectedUntil' : 'rules.medical.expired',
          ),
        );
        earliest = maxDate(earliest, until.add({ days: 1 }));
      }
    }
  } else if (med) {
    rules.push(check('medical', 'not-applicable', med.source, {}, 'rules.medical.none'));
  }

  if (d.winter) {
    const applies = !d.winter.residentialOnly || account.class === 'residential';
    if (applies && inWinter(d.winter.from, d.winter.to, today)) {
      rules.push(
        check('winter', 'fail', d.winter.source, { from: d.winter.from, to: d.winter.to }),
      );
      blocked = true;
    } else {
      rules.push(
        check('winter', applies ? 'pass' : 'not-applicable', d.winter.source, {
          from: d.winter.from,
          to: d.winter.to,
        }),
      );
    }
  }

  if (d.forbiddenDays) {
    let day = earliest;
    while (isForbidden(policy, calendar, day)) day = day.add({ days: 1 });
    const moved = compareDates(day, earliest) !== 0;
    const why = !moved
      ? 'pass'
      : earliest.dayOfWeek >= 6 && d.forbiddenDays.weekends
        ? 'weekend'
        : calendar.isHoliday(earliest)
          ? 'holiday'
          : 'dayBeforeHoliday';
    rules.push(
      check(
        'forbidden-days',
        moved ? 'fail' : 'pass',
        d.forbiddenDays.source,
        {
          date: earliest.toString(),
          next: day.toString(),
          holiday:
            calendar.holidayName(earliest) ?? calendar.holidayName(earliest.add({ days: 1 })) ?? '',
        },
        `rules.forbidden-days.${why}`,
      ),
    );
    earliest = day;
  }

  const allowed = !blocked && compareDates(earliest, today) <= 0;
  return { allowed, earliest: blocked ? null : earliest.toString(), rules };
}
