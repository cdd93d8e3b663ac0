import { Dec } from '../money';
import { OwrsDataError, OwrsEvaluator, type OwrsValue } from './owrs/compute';
import { OWRS_PERIOD_DAYS, owrsFileOf } from './owrs/profile-bill';
import type { OwrsProfile, UtilityProfile } from './schema';

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

/** The calculator's own fields in the order a form asks them. */
const FIELD_ORDER: CalculatorField[] = [
  'meterSize',
  'municipality',
  'imperviousSqft',
  'season',
  'heating',
  'householdSize',
  'irrigatedSqft',
  'etInches',
];

/** OWRS customer-data names that a calculator field gives (see owrs/profile-bill). */
const OWRS_INPUTS: Record<string, CalculatorField> = {
  meter_size: 'meterSize',
  hhsize: 'householdSize',
  irr_area: 'irrigatedSqft',
  et_amount: 'etInches',
  season: 'season',
};

/**
 * Customer data an OWRS class reads by name with no calculator field of its own (the bill's
 * `owrsData`: `rate_class`, `domestic_type`, `commercial_budget`, ...), and the values the
 * file's `depends_on` maps accept for it (none where the class reads it as a number).
 */
export interface CustomerDataField {
  name: string;
  values: string[];
}

/** The classes a profile bills: its own class names, then an OWRS file's other classes by theirs. */
export function billingClasses(profile: UtilityProfile): string[] {
  if (profile.kind !== 'owrs') return [...profile.classes];
  const mapped = Object.values(profile.classMap);
  return [
    ...Object.keys(profile.classMap),
    ...Object.keys(owrsFileOf(profile).classes).filter((c) => !mapped.includes(c)),
  ];
}

/**
 * What a calculator must ask to price one class: its fields, and for an OWRS class the customer
 * data the class reads beyond them. An OWRS class is read by evaluating it, as a bill would, and
 * noting each name it needs and was not given (with a value its maps accept put in its place, to
 * find the next); a class whose rates cannot be read further is asked what was found so far.
 */
export function classFields(profile: UtilityProfile, className: string): ClassFields {
  if (profile.kind !== 'owrs')
    return { fields: calculatorFields(profile), data: [], meterSizes: [...profile.meterSizes] };
  return owrsClassFields(profile, className);
}

export interface ClassFields {
  fields: CalculatorField[];
  data: CustomerDataField[];
  /** The meter sizes the class's rates have, as its file writes them. */
  meterSizes: string[];
}

function owrsClassFields(profile: OwrsProfile, className: string): ClassFields {
  const file = owrsFileOf(profile);
  const owrsClass = profile.classMap[className] ?? className;
  const fields = new Set<CalculatorField>(['meterSize']);
  const data: CustomerDataField[] = [];
  let meterSizes: string[] = [];
  if (!file.classes[owrsClass]) return { fields: [...fields], data, meterSizes };
  const customer: Record<string, OwrsValue> = {
    ...profile.defaults,
    usage_ccf: 1,
    days_in_period: OWRS_PERIOD_DAYS[profile.billFrequency].standard,
  };
  // Each round finds one more name the class needs; a file reads only so many.
  for (let round = 0; round < 32; round++) {
    try {
      new OwrsEvaluator(file, owrsClass, customer).lines();
      break;
    } catch (err) {
      if (!(err instanceof OwrsDataError) || err.field.includes('+') || err.field in customer)
        break;
      const field = OWRS_INPUTS[err.field];
      if (field) fields.add(field);
      else data.push({ name: err.field, values: err.valid });
      if (field === 'meterSize') meterSizes = err.valid;
      customer[err.field] = err.valid[0] ?? 1;
    }
  }
  return { fields: FIELD_ORDER.filter((f) => fields.has(f)), data, meterSizes };
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
