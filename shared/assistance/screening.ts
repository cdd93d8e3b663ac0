import type Decimal from 'decimal.js';
import type { AssistanceProgram, CollectionPolicy } from '../collections/policy';
import { collectionsText } from '../collections/text';
import type { PlainDate } from '../dates';
import { type AppLocale, formatMoney } from '../i18n/format';
import { type Cents, Dec, dollarsToCents } from '../money';
import {
  guidelineForYear,
  guidelineInForce,
  type PovertyGuideline,
  percentOfPoverty,
  povertyLineCents,
} from './poverty';

export interface ScreeningRequest {
  householdSize: number;
  annualIncomeCents: Cents;
  /** The guideline year to use; omitted: the table in force on `today`. */
  year?: number;
  senior?: boolean;
}

export interface ProgramResult {
  id: string;
  qualifies: boolean | 'ask';
  nameKey: string;
  benefitKey: string;
  referralKey: string;
  /** The reason, as an i18n key with params. */
  reasonKey: string;
  params: Record<string, string | number>;
  citation: string;
}

export interface ScreeningResult {
  percentOfPoverty: number;
  guideline: { year: number; effective: string; citation: string; lineCents: Cents };
  programs: ProgramResult[];
}

function qualifies(
  program: AssistanceProgram,
  pct: Decimal,
  senior: boolean | undefined,
): boolean | 'ask' {
  const e = program.eligibility;
  switch (e.kind) {
    case 'at-or-below-percent-of-poverty':
      return pct.lte(e.percent);
    case 'below-percent-of-poverty':
      return pct.lt(e.percent);
    case 'senior':
      return senior === undefined ? 'ask' : senior;
  }
}

/** The TAP-style monthly amount for a household, from the policy's percent-of-income tiers. */
export function percentOfIncomeMonthly(
  policy: CollectionPolicy,
  annualIncomeCents: Cents,
  pct: Decimal,
): { monthlyCents: Cents; percentOfIncome: string } | null {
  const poi = policy.arrangement.percentOfIncome;
  if (!poi) return null;
  const tier =
    poi.tiers.find((t) => pct.lte(t.upToPercentOfPoverty)) ?? poi.tiers[poi.tiers.length - 1];
  const monthly = dollarsToCents(
    new Dec(annualIncomeCents)
      .times(tier.percentOfIncome)
      .dividedBy(100)
      .dividedBy(12)
      .dividedBy(100),
  );
  return {
    monthlyCents: Math.max(monthly, poi.minimumMonthlyCents),
    percentOfIncome: tier.percentOfIncome,
  };
}

/**
 * Percent of the HHS poverty guideline for the household, and each program of the utility's
 * policy the household qualifies for, with the reason and the benefit.
 */
export function screenHousehold(
  policy: CollectionPolicy | null,
  request: ScreeningRequest,
  today: PlainDate,
): ScreeningResult {
  const guideline: PovertyGuideline = request.year
    ? guidelineForYear(request.year)
    : guidelineInForce(today);
  const pct = percentOfPoverty(request.annualIncomeCents, request.householdSize, guideline);
  const line = povertyLineCents(guideline, request.householdSize);
  const rounded = pct.toDecimalPlaces(1).toNumber();
  const programs = (policy?.assistance ?? []).map((program): ProgramResult => {
    const q = qualifies(program, pct, request.senior);
    const limit = 'percent' in program.eligibility ? program.eligibility.percent : 0;
    const params: Record<string, string | number> = {
      percentOfPoverty: rounded,
      year: guideline.year,
      line: line / 100,
      size: request.householdSize,
      limit,
    };
    if (program.id === 'tap' && policy) {
      const tap = percentOfIncomeMonthly(policy, request.annualIncomeCents, pct);
      if (tap) {
        params.monthlyCents = tap.monthlyCents;
        params.percentOfIncome = tap.percentOfIncome;
      }
    }
    return {
      id: program.id,
      qualifies: q,
      nameKey: program.nameKey,
      benefitKey: program.benefitKey,
      referralKey: program.referralKey,
      reasonKey:
        q === 'ask' ? 'screening.askAge' : q ? 'screening.qualifies' : 'screening.doesNotQualify',
      params,
      citation: program.source.citation,
    };
  });
  return {
    percentOfPoverty: rounded,
    guideline: {
      year: guideline.year,
      effective: guideline.effective,
      citation: guideline.citation,
      lineCents: line,
    },
    programs,
  };
}

/** A program's name, benefit, reason and referral text in one language. */
export function programText(result: ProgramResult, locale: AppLocale) {
  const params = {
    ...result.params,
    line: formatMoney(Number(result.params.line) * 100, locale),
    ...(result.params.monthlyCents !== undefined
      ? { monthly: formatMoney(Number(result.params.monthlyCents), locale) }
      : {}),
  };
  return {
    name: collectionsText(locale, result.nameKey),
    benefit: collectionsText(locale, result.benefitKey, params),
    reason: collectionsText(locale, result.reasonKey, params),
    referral: collectionsText(locale, result.referralKey, params),
  };
}
