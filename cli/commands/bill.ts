import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type BillInput,
  BillInputError,
  computeBill,
  describeLine,
  explainBill,
  getUtilityProfile,
  profileFromOwrs,
  ratesText,
  type UtilityProfile,
  units,
  utilityIds,
} from '../../shared/rates';
import { choiceOption, money, numberOption, parseOptions } from '../lib/args';
import { type CliCommand, EXIT, UsageError } from './types';

const options = {
  utility: { type: 'string' },
  owrs: { type: 'string' },
  meter: { type: 'string' },
  usage: { type: 'string' },
  unit: { type: 'string' },
  days: { type: 'string' },
  municipality: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  class: { type: 'string' },
  season: { type: 'string' },
  heating: { type: 'string' },
  discount: { type: 'string', multiple: true },
  household: { type: 'string' },
  'irrigated-sqft': { type: 'string' },
  et: { type: 'string' },
  'impervious-sqft': { type: 'string' },
  lang: { type: 'string' },
  explain: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const billCommand: CliCommand = {
  name: 'bill',
  summary: 'compute a bill from a utility profile (or any OWRS file) and a usage',
  usage:
    'bill --utility ID --meter SIZE --usage N [--unit ccf|hcf|kgal|mcf|kwh] [--days N] [--municipality NAME] [--from YYYY-MM-DD --to YYYY-MM-DD] [--class residential|...] [--season summer|winter] [--heating gas|electric] [--discount ID] [--household N] [--irrigated-sqft N] [--et INCHES] [--impervious-sqft N] [--explain] [--lang en|es] [--json]\n       bill --owrs FILE --class RESIDENTIAL_SINGLE --meter SIZE --usage N ...',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, options);
    let profile: UtilityProfile;
    if (v.owrs) {
      let text: string;
      try {
        text = readFileSync(v.owrs, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${v.owrs}`);
      }
      profile = profileFromOwrs(basename(v.owrs), text);
    } else {
      if (!v.utility)
        throw new UsageError(`--utility is required (one of: ${utilityIds.join(', ')})`);
      const found = getUtilityProfile(v.utility);
      if (!found)
        throw new UsageError(`unknown utility "${v.utility}" (valid: ${utilityIds.join(', ')})`);
      profile = found;
    }
    if (v.usage === undefined) throw new UsageError('--usage is required');
    const usage = numberOption(v.usage, 'usage', { min: 0 })!;
    if ((v.from === undefined) !== (v.to === undefined))
      throw new UsageError('--from and --to go together');
    const lang = choiceOption(v.lang, 'lang', ['en', 'es'] as const) ?? 'en';
    const input: BillInput = {
      class: v.class ?? (profile.kind === 'owrs' && v.owrs ? profile.classes[0] : 'residential'),
      ...(v.meter ? { meterSize: v.meter } : {}),
      usage,
      ...(v.unit ? { unit: choiceOption(v.unit, 'unit', units) } : {}),
      ...(v.days ? { days: numberOption(v.days, 'days', { integer: true, min: 1 }) } : {}),
      ...(v.from && v.to ? { period: { from: v.from, to: v.to } } : {}),
      ...(v.municipality ? { municipality: v.municipality } : {}),
      ...(v.season
        ? { season: choiceOption(v.season, 'season', ['summer', 'winter'] as const) }
        : {}),
      ...(v.heating
        ? { heating: choiceOption(v.heating, 'heating', ['gas', 'electric'] as const) }
        : {}),
      discounts: v.discount ?? [],
      ...(v.household
        ? { householdSize: numberOption(v.household, 'household', { integer: true, min: 1 }) }
        : {}),
      ...(v['irrigated-sqft']
        ? { irrigatedSqft: numberOption(v['irrigated-sqft'], 'irrigated-sqft', { min: 0 }) }
        : {}),
      ...(v.et ? { etInches: numberOption(v.et, 'et', { min: 0 }) } : {}),
      ...(v['impervious-sqft']
        ? { imperviousSqft: numberOption(v['impervious-sqft'], 'impervious-sqft', { min: 0 }) }
        : {}),
    };
    let bill: ReturnType<typeof computeBill>;
    try {
      bill = computeBill(profile, input);
    } catch (err) {
      if (err instanceof BillInputError) {
        const flag = flagFor(err.field);
        throw new UsageError(
          `${flag}: ${err.reason}${err.valid?.length ? ` (valid: ${err.valid.join(', ')})` : ''}`,
        );
      }
      throw err;
    }
    if (v.json) {
      io.out(
        JSON.stringify({
          totalCents: bill.totalCents,
          lines: bill.lines.map((l) => ({
            code: l.code,
            description: describeLine(l, lang),
            quantity: l.quantity,
            rate: l.rate,
            amountCents: l.amountCents,
            ...(l.tier ? { tier: l.tier } : {}),
          })),
          profile: {
            id: bill.profile.id,
            effective: bill.profile.effective,
            illustrative: bill.profile.illustrative,
          },
          notes: bill.notes.map((n) => n.key),
        }),
      );
      return EXIT.ok;
    }
    io.out(
      `${bill.profile.name} (${bill.profile.id}), rates effective ${bill.profile.effective}${bill.profile.illustrative ? ' — ILLUSTRATIVE RATES' : ''}`,
    );
    for (const l of bill.lines) {
      io.out(
        `  ${l.code.padEnd(18)} ${describeLine(l, lang).padEnd(52)} ${l.quantity.padStart(10)} × ${l.rate.padEnd(9)} ${money(l.amountCents).padStart(11)}`,
      );
    }
    io.out(
      `  ${'TOTAL'.padEnd(18)} ${''.padEnd(52)} ${''.padStart(10)}   ${''.padEnd(9)} ${money(bill.totalCents).padStart(11)}`,
    );
    if (v.explain) {
      io.out('');
      for (const sentence of explainBill(bill, lang)) io.out(sentence);
    } else {
      for (const note of bill.notes) io.out(`  note: ${ratesText(lang, note.key, note.params)}`);
      if (bill.profile.illustrative) io.out(`  note: ${ratesText(lang, 'explain.illustrative')}`);
    }
    return EXIT.ok;
  },
};

function flagFor(field: string): string {
  const flags: Record<string, string> = {
    meterSize: '--meter',
    householdSize: '--household',
    irrigatedSqft: '--irrigated-sqft',
    etInches: '--et',
    imperviousSqft: '--impervious-sqft',
    period: '--from/--to',
    'period.from': '--from',
    'period.to': '--to',
  };
  return flags[field] ?? `--${field}`;
}
