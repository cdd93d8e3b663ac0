import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Dec } from '../../shared/money';
import {
  type BillInput,
  BillInputError,
  computeBill,
  describeLine,
  explainBill,
  FormulaError,
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
  data: { type: 'string', multiple: true },
  lang: { type: 'string' },
  explain: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const billCommand: CliCommand = {
  name: 'bill',
  summary: 'compute a bill from a utility profile (or any OWRS file) and a usage',
  usage:
    'bill --utility ID --meter SIZE --usage N [--unit ccf|hcf|kgal|mcf|kl|kwh] [--days N] [--municipality NAME] [--from YYYY-MM-DD --to YYYY-MM-DD] [--class residential|...] [--season summer|winter] [--heating gas|electric] [--discount ID] [--household N] [--irrigated-sqft N] [--et INCHES] [--impervious-sqft N] [--data KEY=VALUE ...] [--explain] [--lang en|es] [--json]\n       bill --owrs FILE --class RESIDENTIAL_SINGLE --meter SIZE --usage N ...\n       --data gives an OWRS rate the customer data it reads by name (rate_class=C2, domestic_type=domestic, commercial_budget=40), once per key',
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
      try {
        profile = profileFromOwrs(basename(v.owrs), text);
      } catch (err) {
        if (err instanceof FormulaError) throw new UsageError(err.message);
        throw err;
      }
    } else {
      if (!v.utility)
        throw new UsageError(`--utility is required (one of: ${utilityIds.join(', ')})`);
      const found = getUtilityProfile(v.utility);
      if (!found)
        throw new UsageError(`unknown utility "${v.utility}" (valid: ${utilityIds.join(', ')})`);
      profile = found;
    }
    if (v.usage === undefined) throw new UsageError('--usage is required');
    const usage = v.usage.trim();
    if (!/^\d+(\.\d+)?$/.test(usage))
      throw new UsageError(`--usage must be a number such as 12 or 0.5, not "${v.usage}"`);
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
      ...(v.data ? { owrsData: dataOption(v.data) } : {}),
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
      if (err instanceof FormulaError) {
        io.err(`${profile.id}: the rates cannot be computed for this bill: ${err.message}`);
        return EXIT.findings;
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
            quantity: shownQuantity(l.quantity),
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
        `  ${l.code.padEnd(18)} ${describeLine(l, lang).padEnd(52)} ${shownQuantity(l.quantity).padStart(10)} × ${l.rate.padEnd(9)} ${money(l.amountCents).padStart(11)}`,
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

/**
 * A line's quantity as printed: at most 6 decimals (a usage converted between units is not a
 * finite decimal). The amount is computed from the exact quantity, before this rounding.
 */
function shownQuantity(exact: string): string {
  return new Dec(exact).toDecimalPlaces(6).toString();
}

/** `--data KEY=VALUE`, repeated: customer data an OWRS rate reads by name. */
function dataOption(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(pair.trim());
    if (!m) throw new UsageError(`--data must be KEY=VALUE, such as rate_class=C2, not "${pair}"`);
    out[m[1]] = m[2].trim();
  }
  return out;
}

function flagFor(field: string): string {
  if (field.includes('+')) return field.split('+').map(flagFor).join(' with ');
  if (field.startsWith('owrsData.')) return `--data ${field.slice('owrsData.'.length)}=VALUE`;
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
  if (flags[field]) return flags[field];
  // Every other input field is an option of the same name, or has none on the command line.
  return field in options ? `--${field}` : `${field} (not a command-line option)`;
}
