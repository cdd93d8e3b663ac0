import type Decimal from 'decimal.js';
import { compareDates, daysBetween, type PlainDate, parsePlainDate } from '../dates';
import { Dec } from '../money';
import { type Bill, BillInputError, type BillLine, type ParsedBillInput, usageIn } from './bill';
import { lookupByMeterSize, parseMeterSize } from './meter-size';
import { roundLines } from './rounding';
import type {
  Charge,
  Municipality,
  NativeProfile,
  Schedule,
  StormwaterRule,
  WastewaterRule,
} from './schema';

type Draft = Omit<BillLine, 'amountCents' | 'exact'> & { exact: Decimal };

interface Segment {
  schedule: Schedule;
  from: PlainDate | null;
  to: PlainDate | null;
  /** This segment's share of the period, exact. */
  share: Decimal;
}

function segmentsFor(
  profile: NativeProfile,
  from: PlainDate | null,
  to: PlainDate | null,
  days: number,
): Segment[] {
  const schedules = profile.schedules;
  if (!from || !to) {
    return [{ schedule: schedules[schedules.length - 1], from, to, share: new Dec(1) }];
  }
  const inForce = (date: PlainDate) =>
    [...schedules].reverse().find((s) => compareDates(parsePlainDate(s.effective)!, date) <= 0);
  const first = inForce(from);
  if (!first) {
    throw new BillInputError(
      'period.from',
      `before the earliest rate schedule of ${profile.id} (${schedules[0].effective})`,
    );
  }
  const starts = schedules.filter((s) => {
    const d = parsePlainDate(s.effective)!;
    return compareDates(d, from) > 0 && compareDates(d, to) < 0;
  });
  const bounds = [from, ...starts.map((s) => parsePlainDate(s.effective)!), to];
  const all = [first, ...starts];
  return all.map((schedule, i) => ({
    schedule,
    from: bounds[i],
    to: bounds[i + 1],
    share: new Dec(daysBetween(bounds[i], bounds[i + 1])).dividedBy(days),
  }));
}

function appliesToClass(charge: Charge, cls: string): boolean {
  return !charge.classes || charge.classes.includes(cls);
}

/** Splits a quantity over inclining tiers whose `upTo` are cumulative last units. */
export function splitTiers(quantity: Decimal, upTo: (Decimal | null)[]): Decimal[] {
  const parts: Decimal[] = [];
  let lower = new Dec(0);
  for (const limit of upTo) {
    const top = limit === null ? quantity : Dec.min(quantity, limit);
    parts.push(Dec.max(top.minus(lower), 0));
    if (limit !== null) lower = Dec.max(lower, limit);
  }
  return parts;
}

export function computeNativeBill(profile: NativeProfile, input: ParsedBillInput): Bill {
  const cls = input.class;
  if (!profile.classes.includes(cls)) {
    throw new BillInputError('class', `not a class of ${profile.id}`, profile.classes);
  }
  const size = input.meterSize ? parseMeterSize(input.meterSize) : null;
  if (
    profile.meterSizes.length > 0 &&
    (!size || !profile.meterSizes.some((s) => parseMeterSize(s)?.inches.eq(size.inches)))
  ) {
    throw new BillInputError('meterSize', `not a meter size of ${profile.id}`, profile.meterSizes);
  }

  let from: PlainDate | null = null;
  let to: PlainDate | null = null;
  let days = input.days ?? profile.periodDays.standard;
  if (input.period) {
    from = parsePlainDate(input.period.from)!;
    to = parsePlainDate(input.period.to)!;
    days = daysBetween(from, to);
    if (days <= 0) throw new BillInputError('period', 'the period must end after it starts');
  }
  const { normalMin, normalMax, standard } = profile.periodDays;
  const prorated = days < normalMin || days > normalMax;
  const periodFactor = prorated ? new Dec(days).dividedBy(standard) : new Dec(1);

  const usage = usageIn(profile.unit, input);
  const segments = segmentsFor(profile, from, to, days);
  const split = segments.length > 1;

  let municipality: Municipality | undefined;
  if (profile.municipalities?.length) {
    const names = profile.municipalities.map((m) => m.name);
    if (!input.municipality) {
      throw new BillInputError('municipality', `${profile.id} bills for several towns`, names);
    }
    municipality = profile.municipalities.find(
      (m) => m.name.toLowerCase() === input.municipality!.trim().toLowerCase(),
    );
    if (!municipality) {
      throw new BillInputError('municipality', `not a town ${profile.id} bills for`, names);
    }
  }

  const drafts: Draft[] = [];
  const notes: Bill['notes'] = [];
  const note = (key: string, params: Record<string, string | number> = {}) => {
    if (!notes.some((n) => n.key === key)) notes.push({ key, params });
  };

  for (const seg of segments) {
    const rule = {
      profileId: profile.id,
      source: seg.schedule.source.title,
      effective: seg.schedule.effective,
    };
    const segment =
      split && seg.from && seg.to
        ? { from: seg.from.toString(), to: seg.to.toString() }
        : undefined;
    const segUsage = usage.times(seg.share);
    const segDrafts: Draft[] = [];
    /** A town's own rule (wastewater, stormwater) cites the town's source, not the utility's. */
    let townRule: Draft['rule'] | null = null;
    const municipalRule = (source?: { title: string }, effective?: string) =>
      source && effective ? { profileId: profile.id, source: source.title, effective } : null;
    const push = (line: Omit<Draft, 'rule' | 'segment'>) => {
      const full: Draft = { ...line, rule: townRule ?? rule, ...(segment ? { segment } : {}) };
      townRule = null;
      segDrafts.push(full);
      drafts.push(full);
    };
    const sumOf = (codes: string[] | undefined) =>
      segDrafts
        .filter((d) => !codes || codes.includes(d.code))
        .reduce((a, d) => a.plus(d.exact), new Dec(0));

    for (const charge of seg.schedule.charges) {
      if (!appliesToClass(charge, cls)) continue;
      switch (charge.kind) {
        case 'fixed': {
          const amount = charge.byMeterSize
            ? lookupByMeterSize(charge.byMeterSize, input.meterSize ?? '')
            : charge.amount;
          if (amount === undefined) {
            throw new BillInputError(
              'meterSize',
              `${charge.code} has no amount for ${size?.label ?? 'this meter'}`,
              Object.keys(charge.byMeterSize ?? {}),
            );
          }
          const quantity = (charge.prorate ? periodFactor : new Dec(1)).times(seg.share);
          push({
            code: charge.code,
            descriptionKey: charge.descriptionKey,
            params: { meterSize: size?.label ?? '', days },
            quantity: quantity.toString(),
            unit: 'period',
            rate: amount,
            exact: quantity.times(amount),
          });
          break;
        }
        case 'volumetric': {
          const limits = charge.limits.find(
            (l) =>
              (!l.when?.season || l.when.season === input.season) &&
              (!l.when?.heating || l.when.heating === input.heating) &&
              (!l.when?.classes || l.when.classes.includes(cls)),
          );
          if (!limits) {
            const needs = [...new Set(charge.limits.flatMap((l) => Object.keys(l.when ?? {})))];
            const missing = needs.find((n) => input[n as 'season' | 'heating'] === undefined);
            throw new BillInputError(
              missing ?? needs.join('+'),
              missing
                ? `${charge.code} of ${profile.id} depends on ${needs.join(' and ')}`
                : `${profile.id} has no ${charge.code} tier blocks for ${needs.map((n) => input[n as 'season' | 'heating']).join(', ')} in the schedule of ${seg.schedule.effective} (not gathered)`,
              charge.limits.map((l) => Object.values(l.when ?? {}).join('/')),
            );
          }
          const scale = charge.prorateLimits && split ? seg.share : new Dec(1);
          const upTo = limits.upTo.map((u) => (u === null ? null : new Dec(u).times(scale)));
          const parts = splitTiers(segUsage, upTo);
          parts.forEach((q, i) => {
            if (q.isZero() && i > 0) return;
            push({
              code: charge.code,
              descriptionKey: charge.descriptionKey,
              params: { tier: i + 1, tiers: parts.length, unit: profile.unit },
              quantity: q.toString(),
              unit: profile.unit,
              rate: charge.rates[i],
              exact: q.times(charge.rates[i]),
              ...(charge.rates.length > 1 ? { tier: i + 1 } : {}),
            });
          });
          break;
        }
        case 'surcharge': {
          if (charge.perUnit) {
            push({
              code: charge.code,
              descriptionKey: charge.descriptionKey,
              params: { unit: profile.unit },
              quantity: segUsage.toString(),
              unit: profile.unit,
              rate: charge.perUnit,
              exact: segUsage.times(charge.perUnit),
            });
          } else {
            const base = sumOf(charge.of);
            push({
              code: charge.code,
              descriptionKey: charge.descriptionKey,
              params: { percent: charge.percent! },
              quantity: base.toString(),
              unit: 'dollars',
              rate: new Dec(charge.percent!).dividedBy(100).toString(),
              exact: base.times(charge.percent!).dividedBy(100),
            });
          }
          break;
        }
        case 'wastewater': {
          if (!municipality) break;
          if (!municipality.wastewater) {
            note('notes.wastewaterNotLoaded', { municipality: municipality.name });
            break;
          }
          const line = wastewaterLine(
            municipality.wastewater,
            segUsage,
            periodFactor.times(seg.share),
            seg.share,
            input,
            note,
          );
          townRule = municipalRule(municipality.wastewaterSource, municipality.wastewaterEffective);
          push({
            code: charge.code,
            descriptionKey: charge.descriptionKey,
            params: { municipality: municipality.name, unit: profile.unit, ...line.params },
            quantity: line.quantity.toString(),
            unit: line.unit === 'usage' ? profile.unit : line.unit,
            rate: line.rate,
            exact: line.exact,
          });
          break;
        }
        case 'stormwater': {
          const rule = municipality ? municipality.stormwater : profile.stormwater;
          if (rule === undefined) break;
          if (rule === null) {
            note('notes.stormwaterNotLoaded', { municipality: municipality?.name ?? '' });
            break;
          }
          const line = stormwaterLine(rule, periodFactor.times(seg.share), input);
          if (!line) {
            note('notes.stormwaterNeedsArea', {});
            break;
          }
          townRule = municipalRule(
            municipality?.stormwaterSource,
            municipality?.stormwaterEffective,
          );
          push({
            code: charge.code,
            descriptionKey: charge.descriptionKey,
            params: { municipality: municipality?.name ?? '', ...line.params },
            quantity: line.quantity.toString(),
            unit: line.unit,
            rate: line.rate,
            exact: line.exact,
          });
          break;
        }
        case 'tax': {
          const base = sumOf(charge.of);
          push({
            code: charge.code,
            descriptionKey: charge.descriptionKey,
            params: { percent: charge.percent },
            quantity: base.toString(),
            unit: 'dollars',
            rate: new Dec(charge.percent).dividedBy(100).toString(),
            exact: base.times(charge.percent).dividedBy(100),
          });
          break;
        }
        case 'minimum': {
          const base = sumOf(charge.of);
          // A minimum per billing period, prorated like the fixed charges.
          const floor = new Dec(charge.amount).times(periodFactor).times(seg.share);
          if (base.lt(floor)) {
            push({
              code: charge.code,
              descriptionKey: charge.descriptionKey,
              params: { minimum: charge.amount },
              quantity: '1',
              unit: 'bill',
              rate: floor.minus(base).toString(),
              exact: floor.minus(base),
            });
          }
          break;
        }
      }
    }
  }

  for (const id of input.discounts) {
    const discount = profile.discounts?.find((d) => d.id === id);
    if (!discount) {
      throw new BillInputError(
        'discount',
        `not a discount of ${profile.id}`,
        profile.discounts?.map((d) => d.id) ?? [],
      );
    }
    const base = drafts
      .filter((d) => !discount.of || discount.of.includes(d.code))
      .reduce((a, d) => a.plus(d.exact), new Dec(0));
    drafts.push({
      code: `DISC_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
      descriptionKey: discount.descriptionKey,
      params: { percent: discount.percent },
      quantity: base.toString(),
      unit: 'dollars',
      rate: new Dec(discount.percent).negated().dividedBy(100).toString(),
      exact: base.times(discount.percent).negated().dividedBy(100),
      rule: { profileId: profile.id, source: discount.source.title, effective: profile.effective },
    });
  }

  if (prorated) note('notes.prorated', { days, standard });
  if (split) note('notes.rateChange', { date: segments[1].schedule.effective });

  const { lines: cents, total } = roundLines(
    drafts.map((d) => d.exact),
    profile.rounding,
  );
  return {
    profile: {
      id: profile.id,
      name: profile.name,
      effective: segments[segments.length - 1].schedule.effective,
      illustrative: profile.illustrative,
    },
    class: cls,
    meterSize: size?.label ?? '',
    period: { from: from?.toString() ?? null, to: to?.toString() ?? null, days },
    usage: { quantity: usage.toString(), unit: profile.unit },
    lines: drafts.map((d, i) => ({ ...d, exact: d.exact.toString(), amountCents: cents[i] })),
    totalCents: total,
    notes,
    prorated,
    split,
  };
}

/**
 * A town's wastewater line. What a rule sets per billing period (a flat amount, a minimum and
 * the units it covers, a cap) follows `periodShare`: prorated like the fixed charges, and split
 * by days with the usage when the rates change inside the period. The winter average is the
 * customer's use for a whole period, shared out by the segment's days.
 */
function wastewaterLine(
  rule: WastewaterRule,
  usage: Decimal,
  periodShare: Decimal,
  segmentShare: Decimal,
  input: ParsedBillInput,
  note: (key: string, params?: Record<string, string | number>) => void,
): {
  quantity: Decimal;
  unit: string;
  rate: string;
  exact: Decimal;
  params: Record<string, string | number>;
} {
  switch (rule.method) {
    case 'flat':
      return {
        quantity: periodShare,
        unit: 'period',
        rate: rule.amount,
        exact: periodShare.times(rule.amount),
        params: {},
      };
    case 'volumetric':
      return {
        quantity: usage,
        unit: 'usage',
        rate: rule.rate,
        exact: usage.times(rule.rate),
        params: {},
      };
    case 'minimum-plus': {
      const above = Dec.max(usage.minus(periodShare.times(rule.includedUnits)), 0);
      const exact = new Dec(rule.minimum).times(periodShare).plus(above.times(rule.rate));
      return {
        quantity: usage,
        unit: 'usage',
        rate: rule.rate,
        exact,
        params: { minimum: rule.minimum, included: rule.includedUnits },
      };
    }
    case 'capped': {
      const billed = Dec.min(usage, periodShare.times(rule.capUnits));
      return {
        quantity: billed,
        unit: 'usage',
        rate: rule.rate,
        exact: billed.times(rule.rate),
        params: { cap: rule.capUnits },
      };
    }
    case 'winter-average': {
      let billed = usage;
      if (input.winterAverage === undefined) {
        note('notes.winterAverageMissing');
      } else {
        const average = segmentShare.times(input.winterAverage);
        if (!rule.lesserOfActual || average.lt(usage)) billed = average;
      }
      return {
        quantity: billed,
        unit: 'usage',
        rate: rule.rate,
        exact: billed.times(rule.rate),
        params: {},
      };
    }
  }
}

function stormwaterLine(
  rule: StormwaterRule,
  periodShare: Decimal,
  input: ParsedBillInput,
): {
  quantity: Decimal;
  unit: string;
  rate: string;
  exact: Decimal;
  params: Record<string, string | number>;
} | null {
  switch (rule.method) {
    case 'flat':
      return {
        quantity: periodShare,
        unit: 'period',
        rate: rule.amount,
        exact: periodShare.times(rule.amount),
        params: {},
      };
    case 'impervious-units': {
      if (input.imperviousSqft === undefined) return null;
      // Whole units only: the published Portland example drops the fraction of a unit.
      const count = new Dec(input.imperviousSqft).dividedToIntegerBy(rule.unitSqft);
      const quantity = count.times(periodShare);
      return {
        quantity,
        unit: 'units',
        rate: rule.rate,
        exact: quantity.times(rule.rate),
        params: { sqft: input.imperviousSqft, unitSqft: rule.unitSqft, count: count.toNumber() },
      };
    }
    case 'eru': {
      if (input.eru === undefined) return null;
      const quantity = new Dec(input.eru).times(periodShare);
      return {
        quantity,
        unit: 'eru',
        rate: rule.rate,
        exact: quantity.times(rule.rate),
        params: { eru: input.eru },
      };
    }
  }
}
