import { z } from 'zod';
import { parsePlainDate } from '../dates';
import { parseMeterSize } from './meter-size';
import { units } from './units';

/** A decimal written as a string ("45.99"), so no binary float ever touches a rate. */
export const decimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "45.99"');

export const isoDate = z
  .string()
  .refine((s) => parsePlainDate(s) !== null, 'a calendar date written YYYY-MM-DD');

export const meterSizeKey = z
  .string()
  .refine((s) => parseMeterSize(s) !== null, 'a meter size such as 5/8, 1, 1 1/2');

/** Where a number came from: the published rule it encodes. */
export const citation = z.object({
  title: z.string().min(1),
  url: z.string().optional(),
  published: z.string().optional(),
});
export type Citation = z.infer<typeof citation>;

export const season = z.enum(['summer', 'winter']);
export const heating = z.enum(['gas', 'electric']);

/** Conditions a tier limit set or a charge applies under. */
const when = z
  .object({
    season: season.optional(),
    heating: heating.optional(),
    classes: z.array(z.string()).optional(),
  })
  .strict();

const base = {
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an upper-case code such as WATER or SVC'),
  /** i18n key in the `rates` namespace describing the line. */
  descriptionKey: z.string().min(1),
  classes: z.array(z.string()).optional(),
};

const fixedCharge = z
  .object({
    ...base,
    kind: z.literal('fixed'),
    /** Amount per standard billing period, by meter size, or one amount for every size. */
    byMeterSize: z.record(meterSizeKey, decimalString).optional(),
    amount: decimalString.optional(),
    /** Fixed charges are prorated by days outside the profile's normal period length. */
    prorate: z.boolean().default(true),
  })
  .strict()
  .refine((c) => (c.byMeterSize ? !c.amount : !!c.amount), {
    message: 'a fixed charge has either byMeterSize or amount',
  });

/** Inclining tiers: `upTo` is the cumulative last unit of each tier (null: no limit). */
const tierLimits = z
  .object({ when: when.optional(), upTo: z.array(z.number().positive().nullable()).min(1) })
  .strict();

const volumetricCharge = z
  .object({
    ...base,
    kind: z.literal('volumetric'),
    rates: z.array(decimalString).min(1),
    limits: z.array(tierLimits).min(1),
    /** Tier limits are scaled by days when a rate change splits the period. */
    prorateLimits: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const [i, l] of c.limits.entries()) {
      if (l.upTo.length !== c.rates.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits', i, 'upTo'],
          message: `needs ${c.rates.length} limits, one per rate`,
        });
      }
      if (l.upTo[l.upTo.length - 1] !== null) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits', i, 'upTo'],
          message: 'the last tier must be open (null)',
        });
      }
      const finite = l.upTo.slice(0, -1);
      if (finite.some((v, j) => v === null || (j > 0 && v <= (finite[j - 1] as number)))) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits', i, 'upTo'],
          message: 'tier limits must increase',
        });
      }
    }
  });

const perUnitSurcharge = z
  .object({
    ...base,
    kind: z.literal('surcharge'),
    /** Charged per unit of usage ... */
    perUnit: decimalString.optional(),
    /** ... or as a percent of the named lines. */
    percent: decimalString.optional(),
    of: z.array(z.string()).optional(),
  })
  .strict()
  .refine((c) => (c.perUnit ? !c.percent : !!c.percent && !!c.of?.length), {
    message: 'a surcharge has perUnit, or percent with the lines it applies to (of)',
  });

const taxCharge = z
  .object({
    ...base,
    kind: z.literal('tax'),
    percent: decimalString,
    /** Codes of the lines taxed; omitted: every line before the tax. */
    of: z.array(z.string()).optional(),
  })
  .strict();

const minimumCharge = z
  .object({
    ...base,
    kind: z.literal('minimum'),
    /** When the named lines sum to less than this, a line makes up the difference. */
    amount: decimalString,
    of: z.array(z.string()).min(1),
  })
  .strict();

const wastewaterCharge = z.object({ ...base, kind: z.literal('wastewater') }).strict();

const stormwaterCharge = z.object({ ...base, kind: z.literal('stormwater') }).strict();

export const charge = z.union([
  fixedCharge,
  volumetricCharge,
  perUnitSurcharge,
  taxCharge,
  minimumCharge,
  wastewaterCharge,
  stormwaterCharge,
]);
export type Charge = z.infer<typeof charge>;

/** The wastewater rule of one municipality (set by the town, billed by the utility). */
export const wastewaterRule = z.discriminatedUnion('method', [
  z.object({ method: z.literal('flat'), amount: decimalString }).strict(),
  z.object({ method: z.literal('volumetric'), rate: decimalString }).strict(),
  z
    .object({
      method: z.literal('minimum-plus'),
      /** The minimum covers the first `includedUnits`; each unit above costs `rate`. */
      minimum: decimalString,
      includedUnits: z.number().nonnegative(),
      rate: decimalString,
    })
    .strict(),
  z
    .object({ method: z.literal('capped'), rate: decimalString, capUnits: z.number().positive() })
    .strict(),
  z
    .object({
      method: z.literal('winter-average'),
      rate: decimalString,
      /** Billed on the lesser of this period's use and the customer's winter average. */
      lesserOfActual: z.boolean().default(true),
    })
    .strict(),
]);
export type WastewaterRule = z.infer<typeof wastewaterRule>;

export const stormwaterRule = z.discriminatedUnion('method', [
  z.object({ method: z.literal('flat'), amount: decimalString }).strict(),
  z
    .object({
      method: z.literal('impervious-units'),
      /** Per whole unit of `unitSqft` of impervious area per month; a partial unit is dropped. */
      rate: decimalString,
      unitSqft: z.number().positive(),
    })
    .strict(),
  z.object({ method: z.literal('eru'), rate: decimalString }).strict(),
]);
export type StormwaterRule = z.infer<typeof stormwaterRule>;

export const municipality = z
  .object({
    name: z.string().min(1),
    /** null: the town's rate was not gathered; the bill says so instead of inventing it. */
    wastewater: wastewaterRule.nullable(),
    wastewaterSource: citation.optional(),
    wastewaterEffective: isoDate.optional(),
    stormwater: stormwaterRule.nullable().optional(),
    stormwaterSource: citation.optional(),
    stormwaterEffective: isoDate.optional(),
    note: z.string().optional(),
  })
  .strict();
export type Municipality = z.infer<typeof municipality>;

export const schedule = z
  .object({
    effective: isoDate,
    source: citation,
    charges: z.array(charge).min(1),
  })
  .strict();
export type Schedule = z.infer<typeof schedule>;

export const discount = z
  .object({
    id: z.string().min(1),
    descriptionKey: z.string().min(1),
    percent: decimalString,
    /** Codes of the lines discounted; omitted: the whole bill. */
    of: z.array(z.string()).optional(),
    source: citation,
  })
  .strict();

export const rounding = z
  .object({
    mode: z.enum(['half-up', 'half-even', 'down', 'up']).default('half-up'),
    /** `line`: each line rounded to cents; `bill`: the total rounded, lines allocated to match. */
    scope: z.enum(['line', 'bill']).default('line'),
  })
  .strict();
export type Rounding = z.infer<typeof rounding>;

const periodDays = z
  .object({
    normalMin: z.number().int(),
    normalMax: z.number().int(),
    standard: z.number().int(),
  })
  .strict();

const profileBase = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  state: z.string().length(2),
  service: z.enum(['water', 'electric']),
  effective: isoDate,
  sources: z.array(citation).min(1),
  /** Numbers that are not the utility's published tariff, labelled wherever they show. */
  illustrative: z.boolean().default(false),
  /** Decisions taken where the published reference was silent or contradictory, and gaps. */
  notes: z.array(z.string()),
  billFrequency: z.enum(['monthly', 'bimonthly', 'quarterly']),
  unit: z.enum(units),
  rounding: rounding.default({ mode: 'half-up', scope: 'line' }),
  classes: z.array(z.string()).min(1),
  /** The usage that separates a high-usage flag and a probable leak from normal use. */
  usageThresholds: z
    .object({
      highRatio: decimalString.default('1.5'),
      lowRatio: decimalString.default('0.5'),
      leakRatio: decimalString.default('2'),
    })
    .strict()
    .default({ highRatio: '1.5', lowRatio: '0.5', leakRatio: '2' }),
};

export const nativeProfile = z
  .object({
    ...profileBase,
    kind: z.literal('native'),
    /** Empty where meters have no size on the bill (electricity). */
    meterSizes: z.array(meterSizeKey),
    /** Period lengths billed without proration, and the standard length fixed charges assume. */
    periodDays,
    schedules: z.array(schedule).min(1),
    municipalities: z.array(municipality).optional(),
    /** The stormwater rule where it does not depend on the municipality. */
    stormwater: stormwaterRule.optional(),
    discounts: z.array(discount).optional(),
  })
  .strict();
export type NativeProfile = z.infer<typeof nativeProfile>;

export const owrsProfile = z
  .object({
    ...profileBase,
    kind: z.literal('owrs'),
    /** The OWRS file's text, imported as the utility published it. */
    owrs: z.string().min(1),
    owrsFile: z.string().min(1),
    /** CLI and CIS class names mapped to OWRS customer classes. */
    classMap: z.record(z.string(), z.string()),
    /** Defaults for customer data the OWRS formulas read (hhsize, irr_area, et_amount...). */
    defaults: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    /**
     * Fixed charges prorated by days outside `normalMin`–`normalMax` over `standard` days, and
     * the published rule that says so. Omitted (the default): the file is billed as it states,
     * as RateParser does; days matter only where a formula reads `days_in_period`.
     */
    proration: periodDays.extend({ source: citation }).strict().optional(),
  })
  .strict();
export type OwrsProfile = z.infer<typeof owrsProfile>;

export const utilityProfile = z.discriminatedUnion('kind', [nativeProfile, owrsProfile]);
export type UtilityProfile = z.infer<typeof utilityProfile>;
export type UtilityProfileInput = z.input<typeof utilityProfile>;

export class ProfileError extends Error {
  constructor(
    readonly profileId: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `profile ${profileId} refused: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'ProfileError';
  }
}

/** Validates a profile on load; a bad one is refused naming the field and the reason. */
export function loadProfile(data: unknown): UtilityProfile {
  const parsed = utilityProfile.safeParse(data);
  if (!parsed.success) {
    const id =
      typeof data === 'object' && data && 'id' in data ? String((data as { id: unknown }).id) : '?';
    throw new ProfileError(
      id,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const profile = parsed.data;
  if (profile.kind === 'native') {
    const dates = profile.schedules.map((s) => s.effective);
    if ([...dates].sort().join() !== dates.join()) {
      throw new ProfileError(profile.id, [
        { path: 'schedules', message: 'schedules must be in order of effective date' },
      ]);
    }
  }
  return profile;
}
