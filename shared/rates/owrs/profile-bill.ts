import { daysBetween, parsePlainDate } from '../../dates';
import { type Bill, BillInputError, type ParsedBillInput } from '../bill';
import { parseMeterSize } from '../meter-size';
import { roundLines } from '../rounding';
import type { OwrsProfile } from '../schema';
import { convertUsage } from '../units';
import { OwrsDataError, OwrsEvaluator, type OwrsValue } from './compute';
import { FormulaError } from './expression';
import { type OwrsFile, parseOwrs } from './parse';

/** i18n keys for the OWRS keys most files use; any other key shows under its own name. */
const DESCRIPTIONS: Record<string, string> = {
  service_charge: 'lines.serviceCharge',
  commodity_charge: 'lines.water',
  sewer_charge: 'lines.sewer',
  fixed_sewer_charge: 'lines.sewerFixed',
  fixed_wastewater_charge: 'lines.sewerFixed',
  variable_wastewater_charge: 'lines.sewer',
  fixed_drought_surcharge: 'lines.droughtSurcharge',
  variable_drought_surcharge: 'lines.droughtSurcharge',
  bill: 'lines.total',
};

/** The bill input that feeds each OWRS customer-data name. */
const INPUT_NAMES: Record<string, string> = {
  meter_size: 'meterSize',
  hhsize: 'householdSize',
  irr_area: 'irrigatedSqft',
  et_amount: 'etInches',
  days_in_period: 'days',
  usage_ccf: 'usage',
  season: 'season',
};

const parsedCache = new Map<string, OwrsFile>();

export function owrsFileOf(profile: OwrsProfile): OwrsFile {
  const cached = parsedCache.get(profile.id);
  if (cached) return cached;
  const { file } = parseOwrs(profile.owrs);
  if (!file) throw new FormulaError(`${profile.owrsFile} is not a readable OWRS file`);
  parsedCache.set(profile.id, file);
  return file;
}

export function computeOwrsProfileBill(profile: OwrsProfile, input: ParsedBillInput): Bill {
  const file = owrsFileOf(profile);
  const owrsClass =
    profile.classMap[input.class] ?? (input.class in file.classes ? input.class : undefined);
  if (!owrsClass || !file.classes[owrsClass]) {
    throw new BillInputError('class', `not a class of ${profile.id}`, [
      ...Object.keys(profile.classMap),
      ...Object.keys(file.classes),
    ]);
  }
  const size = parseMeterSize(input.meterSize ?? '');
  if (!size) throw new BillInputError('meterSize', 'a meter size is needed, such as 3/4 or 1');

  let days: number | undefined = input.days;
  let from: string | null = null;
  let to: string | null = null;
  if (input.period) {
    from = input.period.from;
    to = input.period.to;
    days = daysBetween(parsePlainDate(from)!, parsePlainDate(to)!);
    if (days <= 0) throw new BillInputError('period', 'the period must end after it starts');
  }

  const usageCcf = convertUsage(String(input.usage), input.unit ?? profile.unit, 'ccf');
  const customer: Record<string, OwrsValue> = { ...profile.defaults };
  const set = (key: string, value: OwrsValue | undefined) => {
    if (value !== undefined) customer[key] = value;
  };
  set('usage_ccf', usageCcf);
  set('meter_size', size.label);
  set('days_in_period', days);
  set('hhsize', input.householdSize);
  set('irr_area', input.irrigatedSqft);
  set('et_amount', input.etInches);
  set('season', input.season);
  for (const [k, v] of Object.entries(input.owrsData ?? {})) set(k, v);

  const evaluator = new OwrsEvaluator(file, owrsClass, customer);
  let lines: ReturnType<OwrsEvaluator['lines']>;
  try {
    lines = evaluator.lines();
  } catch (err) {
    if (err instanceof OwrsDataError) {
      const field = INPUT_NAMES[err.field] ?? err.field;
      const given = err.field in customer;
      throw new BillInputError(
        field,
        given
          ? `not accepted by the ${owrsClass} rates of ${profile.id}`
          : `needed by the ${owrsClass} rates of ${profile.id}`,
        err.valid,
      );
    }
    throw err;
  }
  const effectiveDays = days ?? fileDays(evaluator) ?? STANDARD_DAYS[profile.billFrequency];

  const rule = {
    profileId: profile.id,
    source: profile.sources[0].title,
    effective: profile.effective,
  };
  const { lines: cents, total } = roundLines(
    lines.map((l) => l.exact),
    profile.rounding,
  );
  return {
    profile: {
      id: profile.id,
      name: profile.name,
      effective: profile.effective,
      illustrative: profile.illustrative,
    },
    class: owrsClass,
    meterSize: size.label,
    period: { from, to, days: effectiveDays },
    usage: { quantity: usageCcf.toString(), unit: 'ccf' },
    lines: lines.map((l, i) => ({
      code: l.key.toUpperCase(),
      descriptionKey: DESCRIPTIONS[l.key] ?? 'lines.owrsCharge',
      params: {
        name: l.key,
        meterSize: size.label,
        unit: 'ccf',
        ...(l.tier ? { tier: l.tier } : {}),
      },
      quantity: l.quantity.toString(),
      unit: l.tier || !l.quantity.eq(1) ? 'ccf' : 'period',
      rate: l.rate.toString(),
      amountCents: cents[i],
      exact: l.exact.toString(),
      rule,
      ...(l.tier ? { tier: l.tier } : {}),
    })),
    totalCents: total,
    notes: [],
    prorated: false,
    split: false,
  };
}

const STANDARD_DAYS = { monthly: 30, bimonthly: 60, quarterly: 91 } as const;

function fileDays(evaluator: OwrsEvaluator): number | undefined {
  try {
    return evaluator.num('days_in_period').toNumber();
  } catch {
    return undefined;
  }
}

/** Builds a one-off profile from any OWRS file, for `bill --owrs FILE`. */
export function profileFromOwrs(fileName: string, text: string): OwrsProfile {
  const { file } = parseOwrs(text);
  if (!file) throw new FormulaError(`${fileName} is not a readable OWRS file`);
  const frequency = (file.metadata.billFrequency ?? 'monthly').toLowerCase().replace(/[^a-z]/g, '');
  return {
    kind: 'owrs',
    id: `owrs:${fileName}`,
    name: file.metadata.utilityName ?? fileName,
    state: 'CA',
    service: 'water',
    effective: normalizeDate(file.metadata.effectiveDate) ?? '1970-01-01',
    sources: [{ title: fileName }],
    illustrative: false,
    notes: [],
    billFrequency:
      frequency === 'bimonthly' ? 'bimonthly' : frequency === 'quarterly' ? 'quarterly' : 'monthly',
    unit: file.metadata.billUnit === 'kgal' ? 'kgal' : 'ccf',
    rounding: { mode: 'half-up', scope: 'line' },
    classes: Object.keys(file.classes),
    usageThresholds: { highRatio: '1.5', lowRatio: '0.5', leakRatio: '2' },
    owrs: text,
    owrsFile: fileName,
    classMap: {},
    defaults: {},
  };
}

/** OWRS files write dates as 2017-01-01, 07/01/2017 or 7-1-2017. */
export function normalizeDate(text: string | null): string | null {
  if (!text) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`;
  const us = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text.trim());
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  return null;
}
