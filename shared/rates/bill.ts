import { z } from 'zod';
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
