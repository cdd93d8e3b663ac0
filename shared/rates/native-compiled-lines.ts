import type { RoundingMode } from '../money';
import type { Bill, BillLine, ParsedBillInput } from './bill';
import * as F from './fixed';
import { type Fixed, NotFixed } from './fixed';
import type { Rounding, StormwaterRule, WastewaterRule } from './schema';

/**
 * The pieces of a compiled native bill (native-compiled.ts): the lines as they are priced, the
 * towns' wastewater and stormwater lines, and the rounding to cents — each as its decimal.js
 * counterpart in native.ts and rounding.ts does it, over fixed-point integers.
 */

type Rule = BillLine['rule'];

/** One bill's lines as they are priced: codes and exact amounts beside the lines. */
export interface Acc {
  codes: string[];
  exacts: Fixed[];
  lines: BillLine[];
  notes: Bill['notes'];
}

export function push(
  acc: Acc,
  rule: Rule,
  charge: { code: string; descriptionKey: string },
  params: Record<string, string | number>,
  quantity: string,
  unit: string,
  rate: string,
  exact: Fixed,
  tier?: number,
): void {
  acc.codes.push(charge.code);
  acc.exacts.push(exact);
  const text = F.toText(exact);
  const { code, descriptionKey } = charge;
  // Two literals rather than a key added later: a tiered line keeps the key order of native.ts.
  acc.lines.push(
    tier === undefined
      ? { code, descriptionKey, params, quantity, unit, rate, exact: text, rule, amountCents: 0 }
      : {
          code,
          descriptionKey,
          params,
          quantity,
          unit,
          rate,
          exact: text,
          tier,
          rule,
          amountCents: 0,
        },
  );
}

/** A note once per key. */
export function addNote(acc: Acc, key: string, params: Record<string, string | number> = {}): void {
  for (const n of acc.notes) if (n.key === key) return;
  acc.notes.push({ key, params });
}

/** The exact sum of the lines so far whose code is in `of` (all of them without `of`). */
export function sumOf(acc: Acc, of: string[] | undefined): Fixed {
  let sum = F.ZERO;
  for (let i = 0; i < acc.exacts.length; i++) {
    if (!of || of.includes(acc.codes[i])) sum = F.add(sum, acc.exacts[i]);
  }
  return sum;
}

const known = new Map<string | number, Fixed>();
/** A published number as fixed point, parsed once. */
export function num(value: string | number): Fixed {
  let f = known.get(value);
  if (!f) {
    f = F.fixed(value);
    if (known.size < 4096) known.set(value, f);
  }
  return f;
}

interface Line {
  quantity: Fixed;
  unit: string;
  rate: string;
  exact: Fixed;
  params: Record<string, string | number>;
}

/** A line priced as quantity × rate. */
function priced(
  quantity: Fixed,
  unit: string,
  rate: string,
  params: Record<string, string | number> = {},
): Line {
  return { quantity, unit, rate, exact: F.mul(quantity, num(rate)), params };
}

/** As `wastewaterLine` in native.ts, one segment covering the whole period. */
export function wastewaterLine(
  acc: Acc,
  rule: WastewaterRule,
  usage: Fixed,
  share: Fixed,
  input: ParsedBillInput,
): Line {
  switch (rule.method) {
    case 'flat':
      return priced(share, 'period', rule.amount);
    case 'volumetric':
      return priced(usage, 'usage', rule.rate);
    case 'minimum-plus': {
      const above = F.max(F.sub(usage, F.mul(share, num(rule.includedUnits))), F.ZERO);
      return {
        quantity: usage,
        unit: 'usage',
        rate: rule.rate,
        exact: F.add(F.mul(num(rule.minimum), share), F.mul(above, num(rule.rate))),
        params: { minimum: rule.minimum, included: rule.includedUnits },
      };
    }
    case 'capped': {
      const billed = F.min(usage, F.mul(share, num(rule.capUnits)));
      return priced(billed, 'usage', rule.rate, { cap: rule.capUnits });
    }
    case 'winter-average': {
      let billed = usage;
      if (input.winterAverage === undefined) addNote(acc, 'notes.winterAverageMissing');
      else {
        const average = num(input.winterAverage);
        if (!rule.lesserOfActual || F.cmp(average, usage) < 0) billed = average;
      }
      return priced(billed, 'usage', rule.rate);
    }
  }
}

/** As `stormwaterLine` in native.ts. */
export function stormwaterLine(
  rule: StormwaterRule,
  share: Fixed,
  input: ParsedBillInput,
): Line | null {
  switch (rule.method) {
    case 'flat':
      return priced(share, 'period', rule.amount);
    case 'impervious-units': {
      if (input.imperviousSqft === undefined) return null;
      const count = F.divToInt(num(input.imperviousSqft), num(rule.unitSqft));
      const quantity = F.mul(count, share);
      return priced(quantity, 'units', rule.rate, {
        sqft: input.imperviousSqft,
        unitSqft: rule.unitSqft,
        count: F.toNumber(count),
      });
    }
    case 'eru': {
      if (input.eru === undefined) return null;
      const quantity = F.mul(num(input.eru), share);
      return priced(quantity, 'eru', rule.rate, { eru: input.eru });
    }
  }
}

export function notFixed(): never {
  throw new NotFixed();
}

/** As `roundLines` (rounding.ts), over fixed-point amounts: sets each line's cents, returns the total. */
export function roundCents(
  exacts: Fixed[],
  lines: { amountCents: number }[],
  rounding: Rounding,
  mode: RoundingMode,
): number {
  if (rounding.scope === 'line') {
    let total = 0;
    for (let i = 0; i < exacts.length; i++) {
      const c = F.toCents(exacts[i], mode);
      lines[i].amountCents = c;
      total += c;
    }
    return total;
  }
  let sum = F.ZERO;
  for (const e of exacts) sum = F.add(sum, e);
  const total = F.toCents(sum, mode);
  const cents: number[] = [];
  const rests: number[] = [];
  F.floorCents(exacts, cents, rests);
  let missing = total;
  for (let i = 0; i < cents.length; i++) {
    lines[i].amountCents = cents[i];
    missing -= cents[i];
  }
  // The missing cents go to the largest remainders, the earlier line first on a tie.
  for (; missing > 0; missing--) {
    let best = -1;
    for (let i = 0; i < rests.length; i++) {
      if (rests[i] >= 0 && (best < 0 || rests[i] > rests[best])) best = i;
    }
    if (best < 0) break;
    rests[best] = -1;
    lines[best].amountCents += 1;
  }
  return total;
}
