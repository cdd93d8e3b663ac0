import { compareDates, daysBetween, type PlainDate, parsePlainDate } from '../dates';
import { type Bill, type BillLine, billDate, type ParsedBillInput } from './bill';
import type { Fixed } from './fixed';
import * as F from './fixed';
import { parseMeterSize } from './meter-size';
import {
  type Acc,
  addNote,
  notFixed,
  num,
  push,
  roundCents,
  stormwaterLine,
  sumOf,
  wastewaterLine,
} from './native-compiled-lines';
import type { Charge, Municipality, NativeProfile, Schedule } from './schema';

/**
 * A native profile compiled once: every rate, amount and tier block parsed to exact fixed-point
 * integers, each schedule's rule and each meter size's label kept, so a bill is a few integer
 * steps and the lines it returns. The bill is the one `native.ts` computes, to the cent and to
 * the text of every exact amount; a bill this path does not take (a rate change inside the
 * period, a proration share or unit conversion that does not terminate, a value beyond the safe
 * integers, bad input) throws `NotFixed` and `native.ts` bills it with decimal.js.
 */
export type CompiledBill = (input: ParsedBillInput) => Bill;

type Rule = BillLine['rule'];

interface CompiledCharge {
  charge: Charge;
  amount?: Fixed;
  byMeterSize?: Map<string, Fixed>;
  byMeterSizeText?: Map<string, string>;
  rates?: Fixed[];
  rateTexts?: string[];
  perUnit?: Fixed;
  percent?: Fixed;
  percentRate?: string;
  limits?: { upTo: (Fixed | null)[] }[];
  minimum?: Fixed;
}

interface CompiledSchedule {
  schedule: Schedule;
  effective: PlainDate;
  rule: Rule;
  charges: CompiledCharge[];
}

const HUNDRED: Fixed = { n: 100, s: 0 };

/** The inches of a meter size, as text, for table lookups by any spelling. */
function sizeKey(text: string): { key: string; label: string } | null {
  const size = parseMeterSize(text);
  return size ? { key: size.inches.toString(), label: size.label } : null;
}

function compileCharge(charge: Charge): CompiledCharge {
  switch (charge.kind) {
    case 'fixed': {
      const table = new Map<string, Fixed>();
      const texts = new Map<string, string>();
      for (const [k, v] of Object.entries(charge.byMeterSize ?? {})) {
        const key = sizeKey(k)?.key;
        if (key !== undefined && !table.has(key)) {
          table.set(key, F.fixed(v));
          texts.set(key, v);
        }
      }
      return {
        charge,
        ...(charge.amount !== undefined ? { amount: F.fixed(charge.amount) } : {}),
        ...(charge.byMeterSize ? { byMeterSize: table, byMeterSizeText: texts } : {}),
      };
    }
    case 'volumetric':
      return {
        charge,
        rates: charge.rates.map((r) => F.fixed(r)),
        rateTexts: charge.rates,
        limits: charge.limits.map((l) => ({
          upTo: l.upTo.map((u) => (u === null ? null : F.fixed(u))),
        })),
      };
    case 'surcharge':
      return charge.perUnit
        ? { charge, perUnit: F.fixed(charge.perUnit) }
        : percentCharge(charge, charge.percent!);
    case 'tax':
      return percentCharge(charge, charge.percent);
    case 'minimum':
      return { charge, minimum: F.fixed(charge.amount) };
    default:
      return { charge };
  }
}

function percentCharge(charge: Charge, percent: string): CompiledCharge {
  const p = F.fixed(percent);
  return { charge, percent: p, percentRate: F.toText(F.div(p, HUNDRED)) };
}

/** Compiles a native profile; throws NotFixed when a published number does not fit. */
export function compileNative(profile: NativeProfile): CompiledBill {
  const schedules: CompiledSchedule[] = profile.schedules.map((schedule) => ({
    schedule,
    effective: parsePlainDate(schedule.effective)!,
    rule: {
      profileId: profile.id,
      source: schedule.source.title,
      effective: schedule.effective,
    },
    charges: schedule.charges.map(compileCharge),
  }));
  const latest = schedules[schedules.length - 1];
  const sizes = new Set(profile.meterSizes.map((s) => sizeKey(s)?.key));
  const sizeCache = new Map<string, { key: string; label: string } | null>();
  const { normalMin, normalMax, standard } = profile.periodDays;
  const standardF = F.fixed(standard);
  const mode = profile.rounding.mode;
  const unit = profile.unit;
  const towns = new Map(
    (profile.municipalities ?? []).map((m) => [m.name.toLowerCase(), m] as const),
  );
  const townRule = (source?: { title: string }, effective?: string): Rule | null =>
    source && effective ? { profileId: profile.id, source: source.title, effective } : null;
  const townRules = new Map(
    (profile.municipalities ?? []).map((m) => [
      m.name,
      {
        wastewater: townRule(m.wastewaterSource, m.wastewaterEffective),
        stormwater: townRule(m.stormwaterSource, m.stormwaterEffective),
      },
    ]),
  );

  const discounts = new Map(
    (profile.discounts ?? []).map((discount) => {
      const percent = F.fixed(discount.percent);
      return [
        discount.id,
        {
          discount,
          code: `DISC_${discount.id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
          descriptionKey: discount.descriptionKey,
          percent,
          rate: F.toText(F.neg(F.div(percent, HUNDRED))),
          rule: {
            profileId: profile.id,
            source: discount.source.title,
            effective: profile.effective,
          },
        },
      ] as const;
    }),
  );

  return (input) => {
    const cls = input.class;
    if (!profile.classes.includes(cls)) notFixed();
    if (input.discounts.length > 0 || (input.unit !== undefined && input.unit !== unit)) notFixed();
    let size: { key: string; label: string } | null = null;
    if (input.meterSize !== undefined) {
      size = sizeCache.get(input.meterSize) ?? null;
      if (!sizeCache.has(input.meterSize)) {
        size = sizeKey(input.meterSize);
        if (sizeCache.size < 1024) sizeCache.set(input.meterSize, size);
      }
    }
    if (profile.meterSizes.length > 0 && (!size || !sizes.has(size.key))) notFixed();

    let from: string | null = null;
    let to: string | null = null;
    let days = input.days ?? standard;
    let seg = latest;
    if (input.period) {
      const start = billDate(input.period.from)!;
      const end = billDate(input.period.to)!;
      days = daysOf(input.period.from, input.period.to, start, end);
      if (days <= 0) notFixed();
      let found: CompiledSchedule | undefined;
      for (const s of schedules) {
        const c = compareDates(s.effective, start);
        if (c <= 0) found = s;
        else if (compareDates(s.effective, end) < 0) notFixed(); // a rate change inside
      }
      if (!found) notFixed();
      seg = found;
      from = input.period.from;
      to = input.period.to;
    }
    let town: Municipality | undefined;
    if (towns.size > 0) {
      if (input.municipality === undefined) notFixed();
      town = towns.get(input.municipality.trim().toLowerCase());
      if (!town) notFixed();
    }
    const prorated = days < normalMin || days > normalMax;
    const periodFactor = prorated ? F.div(num(days), standardF) : F.ONE;
    const usage = num(input.usage);

    const acc: Acc = { codes: [], exacts: [], lines: [], notes: [] };
    const notes = acc.notes;
    const rule = seg.rule;

    for (const c of seg.charges) {
      const charge = c.charge;
      if (charge.classes && !charge.classes.includes(cls)) continue;
      switch (charge.kind) {
        case 'fixed': {
          const amount = c.byMeterSize
            ? size
              ? c.byMeterSize.get(size.key)
              : undefined
            : c.amount;
          if (amount === undefined) notFixed();
          const quantity = charge.prorate ? periodFactor : F.ONE;
          push(
            acc,
            rule,
            charge,
            { meterSize: size?.label ?? '', days },
            F.toText(quantity),
            'period',
            c.byMeterSizeText ? c.byMeterSizeText.get(size!.key)! : charge.amount!,
            F.mul(quantity, amount),
          );
          break;
        }
        case 'volumetric': {
          let i = 0;
          for (; i < charge.limits.length; i++) {
            const when = charge.limits[i].when;
            if (
              (!when?.season || when.season === input.season) &&
              (!when?.heating || when.heating === input.heating) &&
              (!when?.classes || when.classes.includes(cls))
            )
              break;
          }
          if (i === charge.limits.length) notFixed();
          const upTo = c.limits![i].upTo;
          const n = upTo.length;
          let lower = F.ZERO;
          for (let t = 0; t < n; t++) {
            const limit = upTo[t];
            const top = limit === null ? usage : F.min(usage, limit);
            const q = F.max(F.sub(top, lower), F.ZERO);
            if (limit !== null) lower = F.max(lower, limit);
            if (F.isZero(q) && t > 0) continue;
            push(
              acc,
              rule,
              charge,
              { tier: t + 1, tiers: n, unit },
              F.toText(q),
              unit,
              c.rateTexts![t],
              F.mul(q, c.rates![t]),
              c.rates!.length > 1 ? t + 1 : undefined,
            );
          }
          break;
        }
        case 'surcharge': {
          if (c.perUnit) {
            push(
              acc,
              rule,
              charge,
              { unit },
              F.toText(usage),
              unit,
              charge.perUnit!,
              F.mul(usage, c.perUnit),
            );
          } else {
            const base = sumOf(acc, charge.of);
            push(
              acc,
              rule,
              charge,
              { percent: charge.percent! },
              F.toText(base),
              'dollars',
              c.percentRate!,
              F.div(F.mul(base, c.percent!), HUNDRED),
            );
          }
          break;
        }
        case 'tax': {
          const base = sumOf(acc, charge.of);
          push(
            acc,
            rule,
            charge,
            { percent: charge.percent },
            F.toText(base),
            'dollars',
            c.percentRate!,
            F.div(F.mul(base, c.percent!), HUNDRED),
          );
          break;
        }
        case 'minimum': {
          const base = sumOf(acc, charge.of);
          const floor = F.mul(c.minimum!, periodFactor);
          if (F.cmp(base, floor) < 0) {
            const short = F.sub(floor, base);
            push(
              acc,
              rule,
              charge,
              { minimum: charge.amount },
              '1',
              'bill',
              F.toText(short),
              short,
            );
          }
          break;
        }
        case 'wastewater': {
          if (!town) break;
          if (!town.wastewater) {
            addNote(acc, 'notes.wastewaterNotLoaded', { municipality: town.name });
            break;
          }
          const line = wastewaterLine(acc, town.wastewater, usage, periodFactor, input);
          push(
            acc,
            townRules.get(town.name)!.wastewater ?? rule,
            charge,
            { municipality: town.name, unit, ...line.params },
            F.toText(line.quantity),
            line.unit === 'usage' ? unit : line.unit,
            line.rate,
            line.exact,
          );
          break;
        }
        case 'stormwater': {
          const storm = town ? town.stormwater : profile.stormwater;
          if (storm === undefined) break;
          if (storm === null) {
            addNote(acc, 'notes.stormwaterNotLoaded', { municipality: town?.name ?? '' });
            break;
          }
          const line = stormwaterLine(storm, periodFactor, input);
          if (!line) {
            addNote(acc, 'notes.stormwaterNeedsArea', {});
            break;
          }
          push(
            acc,
            (town && townRules.get(town.name)!.stormwater) ?? rule,
            charge,
            { municipality: town?.name ?? '', ...line.params },
            F.toText(line.quantity),
            line.unit,
            line.rate,
            line.exact,
          );
          break;
        }
      }
    }

    for (const id of input.discounts) {
      const d = discounts.get(id);
      if (!d) notFixed();
      const base = sumOf(acc, d.discount.of);
      push(
        acc,
        d.rule,
        d,
        { percent: d.discount.percent },
        F.toText(base),
        'dollars',
        d.rate,
        F.neg(F.div(F.mul(base, d.percent), HUNDRED)),
      );
    }

    if (prorated) addNote(acc, 'notes.prorated', { days, standard });
    const total = roundCents(acc.exacts, acc.lines, profile.rounding, mode);
    return {
      profile: {
        id: profile.id,
        name: profile.name,
        effective: seg.schedule.effective,
        illustrative: profile.illustrative,
      },
      class: cls,
      meterSize: size?.label ?? '',
      period: { from, to, days },
      usage: { quantity: F.toText(usage), unit },
      lines: acc.lines,
      totalCents: total,
      notes,
      prorated,
      split: false,
    };
  };
}

const spans = new Map<string, number>();
/** Days from one date to another, counted once per pair of dates (bounded). */
function daysOf(from: string, to: string, start: PlainDate, end: PlainDate): number {
  const key = `${from}/${to}`;
  let days = spans.get(key);
  if (days === undefined) {
    days = daysBetween(start, end);
    if (spans.size >= 4096) spans.clear();
    spans.set(key, days);
  }
  return days;
}
