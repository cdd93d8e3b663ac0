import { guidelineInForce, percentOfPoverty } from '../assistance/poverty';
import { compareDates, type PlainDate, parsePlainDate, Temporal } from '../dates';
import type { AppLocale } from '../i18n/format';
import type { Cents } from '../money';
import { type BankruptcyCase, evaluateBankruptcy } from './bankruptcy';
import { addBusinessDays, type BusinessCalendar, maxDate, stateCalendar } from './calendar';
import { INVESTIGATION_HOLD } from './holds';
import type { CollectionPolicy, DisconnectionPolicy } from './policy';
import { check, type RuleCheck } from './rules';

export interface DisconnectionAccount {
  class: 'residential' | 'commercial';
  /** Past due less what open disputes hold (`disputedHeldCents`): the amount collection weighs. */
  pastDueCents: Cents;
  /** Held from collection while its dispute case is open: not past due. */
  disputedHeldCents?: Cents;
  /** Days since the oldest unpaid amount fell due. */
  daysPastDue: number;
  /** Past due including sewer, where water may be disconnected for unpaid sewer. */
  combinedSewerPastDueCents?: Cents;
  billsPerYear?: number;
  noticeServed?: string | null;
  /**
   * The utility was told of a medical emergency on `reportedOn`; `certified` once a physician
   * (in California, a primary care provider) has certified it. A certification given orally
   * carries `writtenConfirmationOn`: the day its written confirmation arrived, or null while none
   * has. Without that field the certificate is in writing.
   */
  medical?: {
    reportedOn: string;
    certified: boolean;
    writtenConfirmationOn?: string | null;
  } | null;
  /** Life-support equipment is on file for the household (left out: not known). */
  lifeSupport?: boolean;
  /** The state's commission permitted a disconnection inside the winter period. */
  winterPermission?: boolean;
  arrangement?: 'good' | 'broken' | 'none';
  /** The last day of a promise to pay still pending: no disconnection until the day after it. */
  promisePendingUntil?: string | null;
  /** Was the broken arrangement confirmed to the customer in writing (Maine §9)? */
  arrangementConfirmedInWriting?: boolean;
  /** Days the customer has not complied with a plan (California §116910(b)). */
  planNonComplianceDays?: number;
  household?: { annualIncomeCents: Cents; size: number };
  /** A household member receives CalWORKs, CalFresh, general assistance, Medi-Cal, SSI/SSP or WIC. */
  publicAssistance?: boolean;
  willingToEnterPlan?: boolean;
  /**
   * A bankruptcy case whose stay is in force: `heldCents` of the past due arose before the
   * filing and is already left out of `pastDueCents` (11 U.S.C. §362(a)(6)).
   */
  bankruptcy?: (BankruptcyCase & { heldCents: Cents }) | null;
  /** An unauthorized-use or tampering investigation is open: pending actions wait for it. */
  investigation?: { openedOn: string; reason: 'unauthorized-use' | 'tampering' } | null;
}

export interface DisconnectionDecision {
  allowed: boolean;
  /**
   * The first day a field disconnection may happen, or null when none can be given: nothing past
   * due, the rules not gathered, or a protection with no known end.
   */
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

type Winter = NonNullable<DisconnectionPolicy['winter']>;

function inWinter(w: Winter, date: PlainDate): boolean {
  const md = date.toString().slice(5);
  return w.from <= w.to ? md >= w.from && md <= w.to : md >= w.from || md <= w.to;
}

/** The last day of the winter period `date` falls in. */
function winterEnd(w: Winter, date: PlainDate): PlainDate {
  const crosses = w.from > w.to && date.toString().slice(5) >= w.from;
  const [month, day] = w.to.split('-').map(Number);
  return Temporal.PlainDate.from({ year: date.year + (crosses ? 1 : 0), month, day });
}

type Medical = NonNullable<DisconnectionPolicy['medical']>;

/** Where a medical certification stands today under the policy's lengths. */
type Certificate =
  | { state: 'none' }
  | { state: 'awaiting-written'; deadline: PlainDate }
  | { state: 'lapsed'; deadline: PlainDate }
  | { state: 'in-force'; until: PlainDate | null }
  | { state: 'ended'; until: PlainDate };

function certificateOf(
  med: Medical,
  medical: NonNullable<DisconnectionAccount['medical']>,
  today: PlainDate,
): Certificate {
  if (!medical.certified) return { state: 'none' };
  let from = parsePlainDate(medical.reportedOn)!;
  if (med.writtenConfirmationDays !== null && medical.writtenConfirmationOn !== undefined) {
    const deadline = from.add({ days: med.writtenConfirmationDays });
    const written = medical.writtenConfirmationOn
      ? parsePlainDate(medical.writtenConfirmationOn)
      : null;
    const received = written && compareDates(written, today) <= 0 ? written : null;
    if (!received)
      return compareDates(today, deadline) <= 0
        ? { state: 'awaiting-written', deadline }
        : { state: 'lapsed', deadline };
    // A confirmation that arrives late is a new certificate in writing, from the day it arrived.
    if (compareDates(received, deadline) > 0) from = received;
  }
  if (med.certificateDays === null) return { state: 'in-force', until: null };
  const until = from.add({ days: med.certificateDays });
  return compareDates(today, until) <= 0 ? { state: 'in-force', until } : { state: 'ended', until };
}

/**
 * Whether a shut-off may happen, the earliest date, and every rule checked with its outcome:
 * the minimum past-due amount and age, written notice served far enough ahead, forbidden days,
 * winter, medical protection and its length, life support, an arrangement in good standing,
 * low-income protections. A holiday is named in `language` where its name is translated.
 */
export function evaluateDisconnection(
  policy: CollectionPolicy,
  account: DisconnectionAccount,
  today: PlainDate,
  language: AppLocale = 'en',
): DisconnectionDecision {
  const d = policy.disconnection;
  const calendar = stateCalendar(policy.state);
  const rules: RuleCheck[] = [];
  let blocked = false;
  let earliest = today;
  const notGathered = {
    citation: `${policy.utilityName}: disconnection rules not gathered`,
    citationKey: 'rules.rules-gathered.source',
    utilitySetting: false,
  };

  if (!d.rulesGathered) {
    rules.push(check('rules-gathered', 'fail', notGathered, { utility: policy.utilityName }));
    return { allowed: false, earliest: null, rules };
  }

  if (account.disputedHeldCents) {
    rules.push(
      check(
        'disputed-held',
        'pass',
        { citation: 'an open dispute case', citationKey: 'rules.disputed-held.source' },
        { amount: account.disputedHeldCents },
      ),
    );
  }

  if (account.investigation) {
    rules.push(
      check('investigation-hold', 'fail', INVESTIGATION_HOLD, {
        opened: account.investigation.openedOn,
        reason: account.investigation.reason,
      }),
    );
    blocked = true;
  }

  if (account.bankruptcy) {
    const b = account.bankruptcy;
    const decision = evaluateBankruptcy(b, today);
    const stay = decision.rules.find((r) => r.id === 'bankruptcy-stay')!;
    rules.push(
      check(
        'bankruptcy-held',
        'pass',
        { citation: stay.citation },
        { amount: b.heldCents, filed: b.filedOn.toString() },
      ),
    );
    const assurance = decision.rules.find((r) => r.id === 'bankruptcy-assurance')!;
    const dueBy = parsePlainDate(decision.assuranceDueBy)!;
    if (!b.assuranceGiven && compareDates(today, dueBy) <= 0) {
      // §366(a): no discontinuance for the filing before the assurance period has run.
      rules.push(
        check('bankruptcy-assurance', 'fail', assurance, assurance.params, assurance.messageKey),
      );
      earliest = maxDate(earliest, dueBy.add({ days: 1 }));
    } else {
      rules.push(
        check(
          'bankruptcy-assurance',
          'pass',
          assurance,
          assurance.params,
          b.assuranceGiven ? 'rules.bankruptcy-assurance.postPetition' : assurance.messageKey,
        ),
      );
    }
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
    const params = {
      pastDue: account.combinedSewerPastDueCents ?? account.pastDueCents,
      threshold: combined === null ? m.moreThanCents : (m.combinedSewerMoreThanCents ?? 0),
      days: account.daysPastDue,
      olderThan: m.orOlderThanDays ?? 0,
    };
    if (passes) rules.push(check('minimum-past-due', 'pass', m.source, params));
    else if (m.orOlderThanDays !== null && account.pastDueCents > 0) {
      // Left unpaid, the amount qualifies the day it is more than the rule's age.
      const olderOn = today.add({ days: m.orOlderThanDays + 1 - account.daysPastDue });
      rules.push(
        check(
          'minimum-past-due',
          'fail',
          m.source,
          { ...params, olderOn: olderOn.toString() },
          'rules.minimum-past-due.failUntil',
        ),
      );
      earliest = maxDate(earliest, olderOn);
    } else {
      rules.push(check('minimum-past-due', 'fail', m.source, params));
      blocked = true;
    }
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

  if (account.promisePendingUntil) {
    // A promise holds a pending disconnection until its date passes unkept (a utility setting:
    // no published rule on promises to pay was gathered).
    const after = parsePlainDate(account.promisePendingUntil)!.add({ days: 1 });
    rules.push(
      check(
        'promise-pending',
        'fail',
        {
          citation: "not gathered: Tapline's default, a pending promise to pay holds disconnection",
          utilitySetting: true,
        },
        { until: account.promisePendingUntil, after: after.toString() },
      ),
    );
    earliest = maxDate(earliest, after);
  }

  const med = d.medical;
  if (med && account.medical) {
    const reported = parsePlainDate(account.medical.reportedOn)!;
    const certificate = certificateOf(med, account.medical, today);
    if (med.requiresFinancialInabilityAndPlan) {
      const limit = med.financialInabilityBelowPercentOfPoverty ?? 0;
      const pct = account.household
        ? percentOfPoverty(
            account.household.annualIncomeCents,
            account.household.size,
            guidelineInForce(today),
          )
        : null;
      const unable = account.publicAssistance === true || pct?.lt(limit) === true;
      const certified =
        certificate.state === 'in-force' || certificate.state === 'awaiting-written';
      const willing = account.willingToEnterPlan === true || account.arrangement === 'good';
      const failing =
        med.planFailureDays !== null && (account.planNonComplianceDays ?? 0) >= med.planFailureDays;
      const until = certificate.state === 'in-force' ? certificate.until : null;
      const params = {
        certified: certified ? 1 : 0,
        unable: unable ? 1 : 0,
        willing: willing ? 1 : 0,
        percentOfPoverty: pct ? pct.toDecimalPlaces(1).toNumber() : -1,
        limit,
        failingDays: account.planNonComplianceDays ?? 0,
        ...(until ? { until: until.toString() } : {}),
      };
      if (certified && unable && willing && !failing) {
        rules.push(
          check(
            'medical',
            'fail',
            med.source,
            params,
            until ? 'rules.medical.protectedAllThreeUntil' : 'rules.medical.protectedAllThree',
          ),
        );
        if (until) earliest = maxDate(earliest, until.add({ days: 1 }));
        else blocked = true;
      } else {
        const why = failing
          ? 'rules.medical.planFailed'
          : certificate.state === 'ended'
            ? 'rules.medical.certificateEnded'
            : 'rules.medical.notAllThree';
        rules.push(
          check(
            'medical',
            'pass',
            med.source,
            certificate.state === 'ended'
              ? { ...params, until: certificate.until.toString() }
              : params,
            why,
          ),
        );
      }
    } else if (med.protectionBusinessDays !== null) {
      // Once told, at least this many business days, whatever the certification becomes.
      const told = addBusinessDays(calendar, reported, med.protectionBusinessDays);
      const confirmationDays = med.writtenConfirmationDays ?? 0;
      if (certificate.state === 'in-force') {
        rules.push(
          check(
            'medical',
            'fail',
            med.source,
            certificate.until
              ? { until: certificate.until.toString(), confirmationDays }
              : { confirmationDays },
            certificate.until ? 'rules.medical.certifiedUntil' : 'rules.medical.certified',
          ),
        );
        if (certificate.until)
          earliest = maxDate(earliest, told.add({ days: 1 }), certificate.until.add({ days: 1 }));
        else blocked = true;
      } else if (certificate.state === 'awaiting-written') {
        const until = maxDate(told, certificate.deadline);
        rules.push(
          check(
            'medical',
            'fail',
            med.source,
            { until: until.toString(), by: certificate.deadline.toString(), confirmationDays },
            'rules.medical.awaitingWritten',
          ),
        );
        earliest = maxDate(earliest, until.add({ days: 1 }));
      } else {
        // Told only, or a certification that lapsed or ended: the business days after being told.
        const protectedNow = compareDates(today, told) <= 0;
        const days = med.protectionBusinessDays;
        const [key, params]: [string, Record<string, string | number>] = protectedNow
          ? ['protectedUntil', { until: told.toString(), days, confirmationDays }]
          : certificate.state === 'lapsed'
            ? ['lapsed', { by: certificate.deadline.toString(), confirmationDays }]
            : certificate.state === 'ended'
              ? ['certificateEnded', { until: certificate.until.toString() }]
              : ['expired', { until: told.toString(), days }];
        rules.push(
          check(
            'medical',
            protectedNow ? 'fail' : 'pass',
            med.source,
            params,
            `rules.medical.${key}`,
          ),
        );
        earliest = maxDate(earliest, told.add({ days: 1 }));
      }
    }
  } else if (med) {
    rules.push(check('medical', 'not-applicable', med.source, {}, 'rules.medical.none'));
  }

  // Weighed when the caller knows the record: left out, the account gives no fact either way.
  if (d.lifeSupport && account.lifeSupport !== undefined) {
    const ls = d.lifeSupport;
    if (!account.lifeSupport) {
      rules.push(check('life-support', 'not-applicable', ls.source, {}, 'rules.life-support.none'));
    } else if (ls.holds) {
      rules.push(check('life-support', 'fail', ls.source, {}, 'rules.life-support.holds'));
      blocked = true;
    } else {
      const certified = account.medical?.certified === true;
      rules.push(
        check(
          'life-support',
          'pass',
          ls.source,
          {},
          certified ? 'rules.life-support.medicalDecides' : 'rules.life-support.askCertificate',
        ),
      );
    }
  }

  if (d.winter) {
    const w = d.winter;
    const params = { from: w.from, to: w.to };
    if (w.residentialOnly && account.class !== 'residential') {
      rules.push(check('winter', 'not-applicable', w.source, params));
    } else if (!inWinter(w, earliest)) {
      rules.push(check('winter', 'pass', w.source, params));
    } else if (account.winterPermission) {
      rules.push(check('winter', 'pass', w.source, params, 'rules.winter.permitted'));
    } else {
      const next = winterEnd(w, earliest).add({ days: 1 });
      rules.push(
        check('winter', 'fail', w.source, {
          ...params,
          date: earliest.toString(),
          next: next.toString(),
        }),
      );
      earliest = next;
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
            calendar.holidayName(earliest, language) ??
            calendar.holidayName(earliest.add({ days: 1 }), language) ??
            '',
        },
        `rules.forbidden-days.${why}`,
      ),
    );
    earliest = day;
  }

  const allowed = !blocked && compareDates(earliest, today) <= 0;
  return { allowed, earliest: blocked ? null : earliest.toString(), rules };
}
