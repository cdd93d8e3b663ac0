import { compareDates, type PlainDate } from '../dates';
import { type BusinessCalendar, federalCalendar } from './calendar';
import { check, type RuleCheck } from './rules';

export const BANKRUPTCY_CHAPTERS = [7, 11, 13] as const;
export type BankruptcyChapter = (typeof BANKRUPTCY_CHAPTERS)[number];

/** The federal rules a utility weighs once its customer files for bankruptcy, with their source. */
export const BANKRUPTCY_RULES = {
  orderForRelief: {
    citation:
      '11 U.S.C. §301 (a voluntary petition is the order for relief); Fed. R. Bankr. P. 9006(a)(1)',
  },
  stay: { citation: '11 U.S.C. §362(a)(6) (automatic stay)' },
  assurance: { citation: '11 U.S.C. §366(b)' },
  assuranceChapter11: { citation: '11 U.S.C. §366(c)(2)' },
  discharge: { citation: '11 U.S.C. §524 (effect of discharge)' },
  dismissal: { citation: '11 U.S.C. §349 (effect of dismissal); §362(c)(2)(B)' },
} as const;

/** Days after the order for relief to furnish adequate assurance of payment (§366(b), (c)(2)). */
export function assuranceDays(chapter: BankruptcyChapter): number {
  return chapter === 11 ? 30 : 20;
}

export interface BankruptcyCase {
  chapter: BankruptcyChapter;
  /**
   * The day the petition was filed. In a voluntary case the filing is the order for relief
   * (§301), so the assurance period runs from it; for an involuntary case pass the day of the
   * order for relief instead.
   */
  filedOn: PlainDate;
  /** The debtor or trustee furnished adequate assurance (a deposit or other security). */
  assuranceGiven: boolean;
  /** How the case ended, if it has: dismissed (the stay ends) or discharged. */
  outcome?: 'dismissed' | 'discharged' | null;
}

export interface BankruptcyDecision {
  /** The last day to furnish assurance, counted as FRBP 9006(a)(1) counts days. */
  assuranceDueBy: string;
  /** May the utility alter, refuse or discontinue service under §366(b) (or the stay has ended)? */
  serviceMayBeRefused: boolean;
  /** May the debt from before the filing be collected (notices, late charges, shut-off)? */
  prePetitionCollectible: boolean;
  /** Is the automatic stay in force today? */
  stayInForce: boolean;
  rules: RuleCheck[];
}

/**
 * The last day of a period of `days` days after `event`, as the bankruptcy rules count it
 * (FRBP 9006(a)(1)): the day of the event excluded, every day counted, and a last day on a
 * Saturday, Sunday or legal holiday carried to the next day that is none of these.
 */
export function bankruptcyPeriodEnd(
  event: PlainDate,
  days: number,
  calendar: BusinessCalendar = federalCalendar(),
): PlainDate {
  let last = event.add({ days });
  while (!calendar.isBusinessDay(last)) last = last.add({ days: 1 });
  return last;
}

/**
 * What a customer's bankruptcy case means for the utility today: when adequate assurance is due,
 * whether service may be refused for want of it, and whether the debt from before the filing may
 * be collected; each rule with its outcome ('fail' where the rule stops the utility acting).
 */
export function evaluateBankruptcy(
  bankruptcy: BankruptcyCase,
  today: PlainDate,
  calendar: BusinessCalendar = federalCalendar(),
): BankruptcyDecision {
  const { chapter, filedOn, assuranceGiven } = bankruptcy;
  const outcome = bankruptcy.outcome ?? null;
  const days = assuranceDays(chapter);
  const dueBy = bankruptcyPeriodEnd(filedOn, days, calendar);
  const rules: RuleCheck[] = [];
  const params = { chapter, filed: filedOn.toString(), days, dueBy: dueBy.toString() };

  rules.push(check('bankruptcy-order-for-relief', 'pass', BANKRUPTCY_RULES.orderForRelief, params));

  const stayInForce = outcome === null && compareDates(today, filedOn) >= 0;
  rules.push(
    check(
      'bankruptcy-stay',
      stayInForce ? 'fail' : 'pass',
      BANKRUPTCY_RULES.stay,
      params,
      `rules.bankruptcy-stay.${stayInForce ? 'fail' : outcome === null ? 'notYet' : outcome}`,
    ),
  );

  const assuranceSource =
    chapter === 11 ? BANKRUPTCY_RULES.assuranceChapter11 : BANKRUPTCY_RULES.assurance;
  let serviceMayBeRefused: boolean;
  if (outcome === 'dismissed') {
    // The case is gone: §366 no longer speaks; the utility's ordinary rules do.
    serviceMayBeRefused = true;
    rules.push(
      check(
        'bankruptcy-assurance',
        'not-applicable',
        assuranceSource,
        params,
        'rules.bankruptcy-assurance.dismissed',
      ),
    );
  } else if (assuranceGiven) {
    serviceMayBeRefused = false;
    rules.push(
      check(
        'bankruptcy-assurance',
        'fail',
        assuranceSource,
        params,
        'rules.bankruptcy-assurance.given',
      ),
    );
  } else if (compareDates(today, dueBy) <= 0) {
    // The last day is the debtor's whole: service may be refused only from the day after.
    serviceMayBeRefused = false;
    rules.push(
      check(
        'bankruptcy-assurance',
        'fail',
        assuranceSource,
        params,
        'rules.bankruptcy-assurance.running',
      ),
    );
  } else {
    serviceMayBeRefused = true;
    rules.push(
      check(
        'bankruptcy-assurance',
        'pass',
        assuranceSource,
        params,
        'rules.bankruptcy-assurance.lapsed',
      ),
    );
  }

  rules.push(
    check(
      'bankruptcy-discharge',
      outcome === 'discharged' ? 'fail' : 'not-applicable',
      BANKRUPTCY_RULES.discharge,
      params,
      `rules.bankruptcy-discharge.${outcome === 'discharged' ? 'fail' : 'notApplicable'}`,
    ),
  );
  rules.push(
    check(
      'bankruptcy-dismissal',
      outcome === 'dismissed' ? 'pass' : 'not-applicable',
      BANKRUPTCY_RULES.dismissal,
      params,
      `rules.bankruptcy-dismissal.${outcome === 'dismissed' ? 'pass' : 'notApplicable'}`,
    ),
  );

  return {
    assuranceDueBy: dueBy.toString(),
    serviceMayBeRefused,
    prePetitionCollectible: outcome === 'dismissed',
    stayInForce,
    rules,
  };
}
