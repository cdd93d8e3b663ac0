import { z } from 'zod';
import { type PlainDate, parsePlainDate } from '../dates';
import type { Cents, Dec } from '../money';
import { heating, isoDate, season } from './schema';
import { convertUsage, type Unit, units } from './units';

/** What an agent (or the CIS, or QA) asks: the bill for this usage on this account. */
export const billInput = z
  .object({
    class: z.string().min(1).default('residential'),
    meterSize: z.string().min(1).optional(),
    usage: z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]),
    unit: z.enum(units).optional(),
    /** The service period: `from` is the first day billed, `to` the read date (exclusive). */
    period: z.object({ from: isoDate, to: isoDate }).strict().optional(),
    /** Days billed when no period is given (a calculator question). */
    days: z.number().int().positive().max(400).optional(),
    municipality: z.string().optional(),
    season: season.optional(),
    heating: heating.optional(),
    discounts: z.array(z.string()).default([]),
    householdSize: z.number().int().positive().max(30).optional(),
    irrigatedSqft: z.number().nonnegative().optional(),
    etInches: z.number().nonnegative().optional(),
    imperviousSqft: z.number().nonnegative().optional(),
    eru: z.number().nonnegative().optional(),
    /** The customer's winter-average use, for towns that bill wastewater on it. */
    winterAverage: z.number().nonnegative().optional(),
    /** Extra customer data an OWRS file reads by name (rate_class, domestic_type, ...). */
    owrsData: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .strict();
export type BillInput = z.input<typeof billInput>;
export type ParsedBillInput = z.output<typeof billInput>;

const dates = new Map<string, PlainDate | null>();

/** A calendar date, parsed once per distinct text (bounded); null when not a date. */
export function billDate(text: string): PlainDate | null {
  let date = dates.get(text);
  if (date === undefined) {
    date = parsePlainDate(text);
    if (dates.size >= 4096) dates.clear();
    dates.set(text, date);
  }
  return date;
}

const USAGE_TEXT = /^\d+(\.\d+)?$/;
const isAmount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isWhole = (v: unknown, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max;

/**
 * The same parse as `billInput` for the plain inputs a bill usually has, without zod's cost
 * per bill: null for anything else (owrsData, a value out of range, an unknown key...), which
 * `billInput` then parses or refuses with its message.
 */
export function quickBillInput(input: unknown): ParsedBillInput | null {
  if (
    typeof input !== 'object' ||
    input === null ||
    Object.getPrototypeOf(input) !== Object.prototype
  )
    return null;
  const out: ParsedBillInput = { class: 'residential', usage: 0, discounts: [] };
  let usage = false;
  for (const key in input) {
    const v = (input as Record<string, unknown>)[key];
    switch (key) {
      case 'class':
      case 'meterSize':
        if (typeof v !== 'string' || v.length === 0) return null;
        out[key] = v;
        break;
      case 'municipality':
        if (typeof v !== 'string') return null;
        out.municipality = v;
        break;
      case 'usage':
        if (!isAmount(v) && !(typeof v === 'string' && USAGE_TEXT.test(v))) return null;
        out.usage = v as number | string;
        usage = true;
        break;
      case 'unit':
        if (!(units as readonly unknown[]).includes(v)) return null;
        out.unit = v as Unit;
        break;
      case 'season':
        if (v !== 'summer' && v !== 'winter') return null;
        out.season = v;
        break;
      case 'heating':
        if (v !== 'gas' && v !== 'electric') return null;
        out.heating = v;
        break;
      case 'days':
        if (!isWhole(v, 400)) return null;
        out.days = v as number;
        break;
      case 'householdSize':
        if (!isWhole(v, 30)) return null;
        out.householdSize = v as number;
        break;
      case 'irrigatedSqft':
      case 'etInches':
      case 'imperviousSqft':
      case 'eru':
      case 'winterAverage':
        if (!isAmount(v)) return null;
        out[key] = v as number;
        break;
      case 'discounts':
        if (!Array.isArray(v) || !v.every((d) => typeof d === 'string')) return null;
        out.discounts = [...v];
        break;
      case 'period': {
        const p = v as { from?: unknown; to?: unknown } | null;
        if (typeof p !== 'object' || p === null || Object.keys(p).length !== 2) return null;
        if (typeof p.from !== 'string' || typeof p.to !== 'string') return null;
        if (!billDate(p.from) || !billDate(p.to)) return null;
        out.period = { from: p.from, to: p.to };
        break;
      }
      default:
        return null;
    }
  }
  return usage ? out : null;
}

/** One line of a bill: what it is, how much, at what rate, and the rule that produced it. */
export interface BillLine {
  code: string;
  /** i18n key in the `rates` namespace, with the params it interpolates. */
  descriptionKey: string;
  params: Record<string, string | number>;
  /** Exact quantity billed (usage in the unit, days, a share of a period...). */
  quantity: string;
  unit: string;
  /** Exact rate per unit of quantity, as published. */
  rate: string;
  amountCents: Cents;
  /** Exact amount before rounding to cents. */
  exact: string;
  rule: { profileId: string; source: string; effective: string };
  tier?: number;
  segment?: { from: string; to: string };
}

export interface Bill {
  profile: { id: string; name: string; effective: string; illustrative: boolean };
  class: string;
  meterSize: string;
  period: { from: string | null; to: string | null; days: number };
  usage: { quantity: string; unit: string };
  lines: BillLine[];
  totalCents: Cents;
  /** i18n keys (with params) of what the bill could not include and why. */
  notes: { key: string; params: Record<string, string | number> }[];
  /** True when the fixed charges were prorated for a short or long period. */
  prorated: boolean;
  /** True when a rate change inside the period split it. */
  split: boolean;
}

/** Bad input to a bill: the field and the reason, and what would have been valid. */
export class BillInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly valid?: string[],
  ) {
    super(`${field}: ${reason}${valid?.length ? ` (valid: ${valid.join(', ')})` : ''}`);
    this.name = 'BillInputError';
  }
}

/** A bill's usage in the profile's unit; a unit that does not convert is refused by name. */
export function usageIn(unit: Unit, input: { usage: number | string; unit?: Unit }): Dec {
  const from = input.unit ?? unit;
  if ((from === 'kwh') !== (unit === 'kwh')) {
    throw new BillInputError(
      'unit',
      `the rates are in ${unit}, which ${from} does not convert to`,
      unit === 'kwh' ? ['kwh'] : units.filter((u) => u !== 'kwh'),
    );
  }
  return convertUsage(String(input.usage), from, unit);
}
