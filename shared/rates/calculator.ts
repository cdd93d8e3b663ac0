import { Dec } from '../money';
import type { UtilityProfile } from './schema';

/** Bill inputs beyond usage and days that a utility's rates depend on. */
export type CalculatorField =
  | 'meterSize'
  | 'municipality'
  | 'imperviousSqft'
  | 'season'
  | 'heating'
  | 'householdSize'
  | 'irrigatedSqft'
  | 'etInches';

/** OWRS customer-data names and the bill input that feeds each (see owrs/profile-bill). */
const OWRS_FIELDS: [RegExp, CalculatorField][] = [
  [/\bhhsize\b/, 'householdSize'],
  [/\birr_area\b/, 'irrigatedSqft'],
  [/\bet_amount\b/, 'etInches'],
  [/\bseason\b/, 'season'],
];

/**
 * What a "what would my bill be" calculator must ask for this utility, read from its rates:
 * the meter size where charges depend on it, the town where wastewater does, impervious area
 * for stormwater billed by area, season and heating where tier blocks depend on them, and the
 * household, irrigated area and ET that budget tiers read.
 */
export function calculatorFields(profile: UtilityProfile): CalculatorField[] {
  if (profile.kind === 'owrs') {
    return [
      'meterSize',
      ...OWRS_FIELDS.filter(([name]) => name.test(profile.owrs)).map(([, field]) => field),
    ];
  }
  const fields: CalculatorField[] = [];
  if (profile.meterSizes.length) fields.push('meterSize');
  if (profile.municipalities?.length) fields.push('municipality');
  const byArea =
    profile.stormwater?.method === 'impervious-units' ||
    profile.municipalities?.some((m) => m.stormwater?.method === 'impervious-units');
  if (byArea) fields.push('imperviousSqft');
  const limits = profile.schedules.flatMap((s) =>
    s.charges.flatMap((c) => (c.kind === 'volumetric' ? c.limits : [])),
  );
  if (limits.some((l) => l.when?.season)) fields.push('season');
  if (limits.some((l) => l.when?.heating)) fields.push('heating');
  return fields;
}

/**
 * What one more unit of use costs on a bill: for each charge billed on usage, the rate of its
 * highest tier reached, summed (water and sewer together where both are billed). A leak's use
 * above normal is billed at these rates, so the leak credit uses them.
 */
export function marginalRate(
  lines: { code: string; unit: string; rate: string; tier?: number }[],
  usageUnit: string,
): string {
  const top = new Map<string, { tier: number; rate: string }>();
  for (const line of lines) {
    if (line.unit !== usageUnit) continue;
    const tier = line.tier ?? 0;
    const seen = top.get(line.code);
    if (!seen || tier >= seen.tier) top.set(line.code, { tier, rate: line.rate });
  }
  return [...top.values()].reduce((sum, l) => sum.plus(l.rate), new Dec(0)).toString();
}
