import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  guidelineForYear,
  povertyLineCents,
  programText,
  screenHousehold,
} from '../../../shared/assistance';
import { type AssistanceProgram, collectionPolicies } from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';
import type { AppLocale } from '../../../shared/i18n/format';

const today = plainDate('2026-11-24');

/** Every income-tested program of every utility, with its policy. */
const incomeTested = collectionPolicies.flatMap((policy) =>
  (policy.assistance ?? []).flatMap((program) =>
    program.eligibility.kind === 'senior'
      ? []
      : [{ policy, program, limit: program.eligibility.percent }],
  ),
);

function ruleAllows(program: AssistanceProgram, percent: number): boolean {
  const e = program.eligibility;
  if (e.kind === 'senior') throw new Error('not income-tested');
  return e.kind === 'below-percent-of-poverty' ? percent < e.percent : percent <= e.percent;
}

const number = (text: string) => Number(text.replace(',', '.'));

/**
 * What a reader concludes from the reason's words alone: "just above/under" the limit, or the
 * percent it shows against the limit it states (or, when it states none, the program's).
 */
function readsAsQualifying(reason: string, program: AssistanceProgram): boolean {
  if (/just above|apenas por encima/.test(reason)) return false;
  if (/just under|apenas por debajo/.test(reason)) return true;
  const shown = reason.match(/is ([\d.,]+)%|es el ([\d.,]+) %/);
  if (!shown) throw new Error(`no percent in: ${reason}`);
  const percent = number(shown[1] ?? shown[2]);
  const atMost = reason.match(/limit is ([\d.,]+)%|límite del programa es el ([\d.,]+) %/);
  if (atMost) return percent <= number(atMost[1] ?? atMost[2]);
  const lessThan = reason.match(/less than ([\d.,]+)%|menos del ([\d.,]+) %/);
  if (lessThan) return percent < number(lessThan[1] ?? lessThan[2]);
  return ruleAllows(program, percent);
}

describe('the screening reason never contradicts its decision', () => {
  it('has income-tested programs to check', () => {
    expect(incomeTested.length).toBeGreaterThanOrEqual(2);
  });

  it('for incomes within a few dollars of each program limit, in both languages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...incomeTested),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(2025, 2026),
        fc.integer({ min: -5_000, max: 5_000 }),
        fc.constantFrom<AppLocale>('en', 'es'),
        ({ policy, program, limit }, size, year, offsetCents, locale) => {
          const line = povertyLineCents(guidelineForYear(year), size);
          const income = Math.max(0, Math.round((line * limit) / 100) + offsetCents);
          const result = screenHousehold(
            policy,
            { householdSize: size, annualIncomeCents: income, year },
            today,
          );
          const screened = result.programs.find((p) => p.id === program.id)!;
          const reason = programText(screened, locale).reason;
          expect(readsAsQualifying(reason, program), reason).toBe(screened.qualifies);
          // The headline percent agrees with every income-tested program's decision too.
          const shown = result.percentShown;
          for (const other of result.programs) {
            const rule = policy.assistance?.find((p) => p.id === other.id)?.eligibility;
            if (!rule || rule.kind === 'senior') continue;
            if (shown.side === 'rounded')
              expect(ruleAllows({ ...program, eligibility: rule }, shown.percent)).toBe(
                other.qualifies,
              );
            else if (shown.percent === rule.percent)
              expect(shown.side === 'justUnder').toBe(other.qualifies);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('at the limit itself and a cent either side, exhaustively for every household size', () => {
    for (const { policy, program, limit } of incomeTested)
      for (const size of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        for (const offset of [-1, 0, 1]) {
          const line = povertyLineCents(guidelineForYear(2026), size);
          const income = Math.round((line * limit) / 100) + offset;
          const screened = screenHousehold(
            policy,
            { householdSize: size, annualIncomeCents: income, year: 2026 },
            today,
          ).programs.find((p) => p.id === program.id)!;
          for (const locale of ['en', 'es'] as const) {
            const reason = programText(screened, locale).reason;
            expect(readsAsQualifying(reason, program), reason).toBe(screened.qualifies);
          }
        }
  });
});
