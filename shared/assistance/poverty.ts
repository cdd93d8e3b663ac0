import type Decimal from 'decimal.js';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import { Dec } from '../money';

/**
 * HHS poverty guidelines for the 48 contiguous states and DC (Alaska and Hawaii have their own
 * tables, not gathered). A program's "percent of poverty" uses the table in force on the date
 * that matters: the application, or the bill.
 */
export interface PovertyGuideline {
  year: number;
  effective: string;
  citation: string;
  /** Annual income in dollars for households of 1 to 8. */
  bySize: readonly number[];
  eachAdditional: number;
}

export const povertyGuidelines: readonly PovertyGuideline[] = [
  {
    year: 2024,
    effective: '2024-01-17',
    citation: 'HHS poverty guidelines 2024, Federal Register 2024-00796',
    bySize: [15_060, 20_440, 25_820, 31_200, 36_580, 41_960, 47_340, 52_720],
    eachAdditional: 5_380,
  },
  {
    year: 2025,
    effective: '2025-01-15',
    citation: 'HHS poverty guidelines 2025, Federal Register 2025-01377',
    bySize: [15_650, 21_150, 26_650, 32_150, 37_650, 43_150, 48_650, 54_150],
    eachAdditional: 5_500,
  },
  {
    year: 2026,
    effective: '2026-01-13',
    citation: 'HHS poverty guidelines 2026, Federal Register 2026-00755',
    bySize: [15_960, 21_640, 27_320, 33_000, 38_680, 44_360, 50_040, 55_720],
    eachAdditional: 5_680,
  },
];

export class GuidelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuidelineError';
  }
}

/** The table in force on a date (the latest whose effective date is on or before it). */
export function guidelineInForce(on: PlainDate): PovertyGuideline {
  const found = [...povertyGuidelines]
    .reverse()
    .find((g) => compareDates(parsePlainDate(g.effective)!, on) <= 0);
  if (!found)
    throw new GuidelineError(
      `no poverty guideline in force on ${on.toString()} (earliest ${povertyGuidelines[0].effective})`,
    );
  return found;
}

export function guidelineForYear(year: number): PovertyGuideline {
  const found = povertyGuidelines.find((g) => g.year === year);
  if (!found)
    throw new GuidelineError(
      `no poverty guideline for ${year} (have ${povertyGuidelines.map((g) => g.year).join(', ')})`,
    );
  return found;
}

/** The guideline's annual income, in cents, for a household size. */
export function povertyLineCents(guideline: PovertyGuideline, householdSize: number): number {
  if (!Number.isInteger(householdSize) || householdSize < 1) {
    throw new GuidelineError('household size must be a whole number of at least 1');
  }
  const dollars =
    householdSize <= 8
      ? guideline.bySize[householdSize - 1]
      : guideline.bySize[7] + (householdSize - 8) * guideline.eachAdditional;
  return dollars * 100;
}

/** Income ÷ guideline × 100, exact. */
export function percentOfPoverty(
  annualIncomeCents: number,
  householdSize: number,
  guideline: PovertyGuideline,
): Decimal {
  return new Dec(annualIncomeCents)
    .dividedBy(povertyLineCents(guideline, householdSize))
    .times(100);
}
