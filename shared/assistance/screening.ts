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

/**
 * How the headline percent reads: rounded to a tenth, or — when the tenth falls on the other
 * side of a program's limit than the exact figure (or onto it) — "just above" or "just under"
 * that limit, so a household refused at 150.04% never reads "150%" beside a 150% limit.
 */
export interface PercentShown {
  side: 'rounded' | 'justAbove' | 'justUnder';
  /** The rounded percent, or the limit it is just above or under. */
  percent: number;
}

export interface ScreeningResult {
  percentOfPoverty: number;
  /** The percent as the desk shows it beside the programs' limits. */
  percentShown: PercentShown;
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

function percentShown(pct: Decimal, rounded: number, limits: number[]): PercentShown {
  const crossed = limits.find(
    (limit) => pct.lte(limit) !== rounded <= limit || pct.lt(limit) !== rounded < limit,
  );
  if (crossed === undefined) return { side: 'rounded', percent: rounded };
  return { side: pct.gt(crossed) ? 'justAbove' : 'justUnder', percent: crossed };
}

/**
 * The reason's key: the decision, worded so that the rounded percent it shows cannot contradict
 * it — when the rule applied to the rounded figure would decide otherwise, the words say "just
 * above" or "just under" the limit instead of the figure.
 */
function reasonKeyFor(
  program: AssistanceProgram,
  q: boolean | 'ask',
  rounded: number,
  senior: boolean | undefined,
): string {
  if (q === 'ask') return 'screening.askAge';
  const readsAs = qualifies(program, new Dec(rounded), senior);
  if (q) return readsAs ? 'screening.qualifies' : 'screening.qualifiesJustUnder';
  if (readsAs) return 'screening.doesNotQualifyJustAbove';
  return program.eligibility.kind === 'below-percent-of-poverty'
    ? 'screening.doesNotQualifyBelow'
    : 'screening.doesNotQualify';
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
  const limits = (policy?.assistance ?? []).flatMap((p) =>
    'percent' in p.eligibility ? [p.eligibility.percent] : [],
  );
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
      reasonKey: reasonKeyFor(program, q, rounded, request.senior),
      params,
      citation: program.source.citation,
    };
  });
  return {
    percentOfPoverty: rounded,
    percentShown: percentShown(pct, rounded, limits),
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
