import { compareDates, daysBetween, parsePlainDate } from '../../dates';
import { Dec } from '../../money';
import { type Bill, BillInputError, type ParsedBillInput, usageIn } from '../bill';
import { parseMeterSize } from '../meter-size';
import { roundLines } from '../rounding';
import type { OwrsProfile } from '../schema';
import { OwrsDataError, OwrsEvaluator, type OwrsValue } from './compute';
import { FormulaError } from './expression';
import { normalizeDate, type OwrsFile, type OwrsFrequency, parseOwrs } from './parse';

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

/** The bill input that feeds each OWRS customer-data name; any other is `owrsData.<name>`. */
const INPUT_NAMES: Record<string, string> = {
  meter_size: 'meterSize',
  hhsize: 'householdSize',
  irr_area: 'irrigatedSqft',
  et_amount: 'etInches',
  days_in_period: 'days',
  usage_ccf: 'usage',
  season: 'season',
};

/** The days of each bill frequency: `days_in_period` where a bill gives no days. */
export const OWRS_PERIOD_DAYS: Record<OwrsFrequency, { standard: number }> = {
  monthly: { standard: 30 },
  bimonthly: { standard: 60 },
  quarterly: { standard: 91 },
};

/**
 * Parsed files by their text: two files of one name (the corpus has 93 `07-01-2017.owrs`) are
 * two entries, and a profile whose text changes is parsed again. Bounded, oldest out first.
 */
const parsedCache = new Map<string, OwrsFile>();
const PARSED_CACHE_SIZE = 256;

export function owrsFileOf(profile: OwrsProfile): OwrsFile {
  const cached = parsedCache.get(profile.owrs);
  if (cached) return cached;
  const { file } = parseOwrs(profile.owrs);
  if (!file) throw new FormulaError(`${profile.owrsFile} is not a readable OWRS file`);
  if (parsedCache.size >= PARSED_CACHE_SIZE) {
    parsedCache.delete(parsedCache.keys().next().value as string);
  }
  parsedCache.set(profile.owrs, file);
  return file;
}

function inputField(owrsName: string): string {
  return owrsName
    .split('+')
    .map((n) => INPUT_NAMES[n] ?? `owrsData.${n}`)
    .join('+');
}

/**
 * A bill from an OWRS-based profile. Usage is priced in the file's own unit (its `bill_unit`:
 * the unit its tier starts are written in), converted from the unit it was given in. The file
 * is billed as it states: its fixed charges per bill whatever the days (the format and its
 * reference implementation, RateParser, never prorate), the days mattering only where a
 * formula reads `days_in_period`. A profile whose utility publishes a proration rule says so in
 * `proration` (with the source), and then the fixed charges — the terms of the `bill` sum that
 * read neither the usage nor the days — are prorated by days outside its normal period.
 */
export function computeOwrsProfileBill(profile: OwrsProfile, input: ParsedBillInput): Bill {
  const file = owrsFileOf(profile);
  const owrsClass =
    profile.classMap[input.class] ?? (input.class in file.classes ? input.class : undefined);
  if (!owrsClass || !file.classes[owrsClass]) {
    throw new BillInputError('class', `not a class of ${profile.id}`, [
      ...Object.keys(profile.classMap),
      ...Object.keys(file.classes).filter((c) => !Object.values(profile.classMap).includes(c)),
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
    const start = parsePlainDate(from)!;
    days = daysBetween(start, parsePlainDate(to)!);
    if (days <= 0) throw new BillInputError('period', 'the period must end after it starts');
    if (compareDates(start, parsePlainDate(profile.effective)!) < 0) {
      throw new BillInputError(
        'period.from',
        `before the rates of ${profile.id} take effect (${profile.effective}); no earlier rates are loaded`,
      );
    }
  }

  const usage = usageIn(profile.unit, input);
  const customer: Record<string, OwrsValue> = { ...profile.defaults };
  customer.usage_ccf = usage;
  customer.meter_size = size.label;
  if (days !== undefined) customer.days_in_period = days;
  if (input.householdSize !== undefined) customer.hhsize = input.householdSize;
  if (input.irrigatedSqft !== undefined) customer.irr_area = input.irrigatedSqft;
  if (input.etInches !== undefined) customer.et_amount = input.etInches;
  if (input.season !== undefined) customer.season = input.season;
  if (input.owrsData) {
    for (const k in input.owrsData) {
      if (input.owrsData[k] !== undefined) customer[k] = input.owrsData[k];
    }
  }

  const evaluator = new OwrsEvaluator(file, owrsClass, customer);
  let lines: ReturnType<OwrsEvaluator['lines']>;
  try {
    lines = evaluator.lines();
  } catch (err) {
    if (err instanceof OwrsDataError) {
      const given = err.field.split('+').every((f) => f in customer);
      throw new BillInputError(
        inputField(err.field),
        err.unreadableKey
          ? `needed by the ${owrsClass} rates of ${profile.id}, whose ${err.unreadableKey} could not be read from the file`
          : given
            ? `not accepted by the ${owrsClass} rates of ${profile.id}`
            : `needed by the ${owrsClass} rates of ${profile.id}`,
        err.valid,
      );
    }
    throw err;
  }

  const notes: Bill['notes'] = [];
  const proration = profile.proration;
  const factor =
    days !== undefined && proration && (days < proration.normalMin || days > proration.normalMax)
      ? new Dec(days).dividedBy(proration.standard)
      : null;
  const billed = lines.map((l) => {
    const fixed = factor && !l.tier && l.key !== 'bill' && !evaluator.readsUsageOrDays(l.key);
    return factor && fixed
      ? { ...l, quantity: factor, exact: l.exact.times(factor), unit: 'period', prorated: true }
      : { ...l, unit: l.tier || l.byUsage ? profile.unit : 'period', prorated: false };
  });
  const prorated = billed.some((l) => l.prorated);
  if (prorated) {
    notes.push({ key: 'notes.prorated', params: { days: days!, standard: proration!.standard } });
  }

  const rule = {
    profileId: profile.id,
    source: profile.sources[0].title,
    effective: profile.effective,
  };
  const { lines: cents, total } = roundLines(
    billed.map((l) => l.exact),
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
    period: {
      from,
      to,
      days: days ?? fileDays(evaluator) ?? OWRS_PERIOD_DAYS[profile.billFrequency].standard,
    },
    usage: { quantity: usage.toString(), unit: profile.unit },
    lines: billed.map((l, i) => ({
      code: l.key.toUpperCase(),
      descriptionKey: DESCRIPTIONS[l.key] ?? 'lines.owrsCharge',
      params: {
        name: l.key,
        meterSize: size.label,
        unit: profile.unit,
        ...(l.tier ? { tier: l.tier } : {}),
      },
      quantity: l.quantity.toString(),
      unit: l.unit,
      rate: l.rate.toString(),
      amountCents: cents[i],
      exact: l.exact.toString(),
      rule,
      ...(l.tier ? { tier: l.tier } : {}),
    })),
    totalCents: total,
    notes,
    prorated,
    split: false,
  };
}

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
  const { unit, billUnit, frequency } = file.metadata;
  if (!unit) {
    throw new FormulaError(`${fileName}: bill_unit "${billUnit}" is not a unit Tapline converts`);
  }
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
    billFrequency: frequency ?? 'monthly',
    unit,
    rounding: { mode: 'half-up', scope: 'line' },
    classes: Object.keys(file.classes),
    usageThresholds: { highRatio: '1.5', lowRatio: '0.5', leakRatio: '2' },
    owrs: text,
    owrsFile: fileName,
    classMap: {},
    defaults: {},
  };
}
