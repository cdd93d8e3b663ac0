import Decimal from 'decimal.js';

/** Money is integer cents; arithmetic on rates happens in exact decimals, rounded once per line. */
export type Cents = number;

/** A private Decimal constructor so nobody's global precision settings leak in or out. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;
export type DecValue = Decimal.Value;

export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

const modes: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

/** Rounds an amount in dollars (exact decimal) to integer cents. */
export function dollarsToCents(dollars: Decimal.Value, mode: RoundingMode = 'half-up'): Cents {
  const cents = new Dec(dollars).times(100).toDecimalPlaces(0, modes[mode]);
  return cents.toNumber();
}

/** Exact dollars of an amount in cents, for arithmetic with rates. */
export function centsToDollars(cents: Cents): Decimal {
  return new Dec(cents).dividedBy(100);
}

const DOLLARS = /^-?\d{1,12}(\.\d{1,2})?$/;

/**
 * Parses what a person types as dollars ("1234.5", "$1,234.50") into cents, exactly.
 * Returns null for anything that is not an amount with at most two decimals.
 */
export function parseDollars(text: string): Cents | null {
  const cleaned = text.trim().replace(/^\$/, '').replaceAll(',', '');
  if (!DOLLARS.test(cleaned)) return null;
  return dollarsToCents(cleaned, 'half-up');
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Where the cents left over by an even split go. */
export type LeftoverRule = 'first' | 'last' | 'spread-first' | 'spread-last';

/**
 * Splits `total` into `parts` integer amounts that sum to `total` exactly.
 * `first`/`last` put the whole remainder on one part; `spread-*` give one cent each to as many
 * parts as the remainder needs, from the front or from the back.
 */
export function allocateEvenly(total: Cents, parts: number, rule: LeftoverRule): Cents[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be whole cents');
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError('parts must be at least 1');
  const base = Math.floor(total / parts);
  const remainder = total - base * parts;
  const out = new Array<Cents>(parts).fill(base);
  switch (rule) {
    case 'first':
      out[0] = base + remainder;
      break;
    case 'last':
      out[parts - 1] = base + remainder;
      break;
    case 'spread-first':
      for (let i = 0; i < remainder; i++) out[i] = base + 1;
      break;
    case 'spread-last':
      for (let i = 0; i < remainder; i++) out[parts - 1 - i] = base + 1;
      break;
  }
  return out;
}
