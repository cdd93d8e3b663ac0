import { z } from 'zod';
import type { BillInput } from '../rates/bill';

/** Where a utility's synthetic customers live: towns, ZIP codes, area codes, languages, meters. */
export const seedPlacesSchema = z.object({
  /** The letters every seeded account number starts with. */
  prefix: z.string().regex(/^[A-Z]{2}$/),
  state: z.string().length(2),
  areaCodes: z.array(z.string().regex(/^\d{3}$/)).min(1),
  towns: z
    .array(
      z.object({
        city: z.string().min(1),
        municipality: z.string().min(1),
        zips: z.array(z.string().regex(/^\d{5}$/)).min(1),
        weight: z.number().positive(),
      }),
    )
    .min(1),
  /** Share of customers who prefer Spanish. */
  spanishShare: z.number().min(0).max(1),
  /** Empty for a service without sized meters (electric). */
  meterSizes: z.array(z.object({ size: z.string().min(1), weight: z.number().positive() })),
  bimonthly: z.boolean(),
});
export type UtilityPlaces = z.infer<typeof seedPlacesSchema>;

/** What the seed draws for each premise, from which a utility's bill input is made. */
export interface SeedPremise {
  meterSize: string;
  municipality: string;
  impervious: number;
  household: number;
  irrigated: number;
  heating: 'gas' | 'electric';
}

/**
 * How the seed invents a utility's customers: their places, a typical month's use in the rate
 * profile's unit, a multiplier by month for the climate and service (January first), and the
 * bill input its rate profile reads for one period.
 */
export interface SeedModel {
  places: UtilityPlaces;
  typicalUse: number;
  seasonalUse: readonly number[];
  billInput: (premise: SeedPremise, usage: number, days: number, month: number) => BillInput;
}

export const seedModelSchema = z.object({
  places: seedPlacesSchema,
  typicalUse: z.number().positive(),
  seasonalUse: z.array(z.number().positive()).length(12),
  billInput: z.custom<SeedModel['billInput']>((v) => typeof v === 'function'),
});

/** Water use in the Northeast: a summer peak of a third over winter. */
export const NORTHEAST_WATER_SEASON = [
  0.9, 0.9, 0.9, 0.95, 1.05, 1.2, 1.3, 1.3, 1.15, 1.0, 0.9, 0.9,
];
/** Water use in California: dry summers irrigate, twice winter's use. */
export const CA_WATER_SEASON = [0.7, 0.7, 0.8, 0.95, 1.15, 1.35, 1.5, 1.5, 1.35, 1.1, 0.85, 0.7];
/** Electricity in the Bay Area: heating in winter, a little cooling in late summer. */
export const BAY_AREA_ELECTRIC_SEASON = [
  1.25, 1.2, 1.05, 0.95, 0.9, 0.95, 1.05, 1.1, 1.0, 0.95, 1.05, 1.25,
];

/** The water utilities' summer, May to October, when ET and seasonal tiers are high. */
export const isSummer = (month: number) => month >= 5 && month <= 10;
