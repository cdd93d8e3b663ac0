import type { RoundingMode } from '../money';

/**
 * Exact decimals as scaled integers: a value is `n × 10^-s`, `n` a safe integer and `s` its
 * decimal places (trailing zeros stripped). Sums, products and divisions that terminate are
 * exact; anything that would leave the safe integers or not terminate throws `NotFixed`, and the
 * caller bills with decimal.js instead (the same cents either way: decimal.js at 40 digits is
 * exact on every value this type can hold).
 */
export interface Fixed {
  readonly n: number;
  readonly s: number;
}

/** A value fixed-point integers cannot hold exactly: bill it with decimal.js. */
export class NotFixed extends Error {
  constructor() {
    super('not representable as a fixed-point integer');
    this.name = 'NotFixed';
  }
}

const NOT_FIXED = new NotFixed();
const MAX = Number.MAX_SAFE_INTEGER;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) POW10.push(p);
const MAX_SCALE = 15;

export const ZERO: Fixed = { n: 0, s: 0 };
export const ONE: Fixed = { n: 1, s: 0 };

function make(n: number, s: number): Fixed {
  if (!(n <= MAX && n >= -MAX)) throw NOT_FIXED;
  if (n === 0) return ZERO;
  while (s > 0 && n % 10 === 0) {
    n /= 10;
    s--;
  }
  if (s > MAX_SCALE) throw NOT_FIXED;
  return { n, s };
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A decimal string (`45.99`, `0.12430`, `3`) or a finite number, exactly; else NotFixed. */
export function fixed(value: string | number): Fixed {
  const text = typeof value === 'number' ? String(value) : value;
  const m = PLAIN.exec(text);
  if (!m) throw NOT_FIXED;
  const frac = m[3] ?? '';
  const digits = (m[2] + frac).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) throw NOT_FIXED;
  const n = Number(digits);
  return make(m[1] ? -n : n, frac.length);
}

function align(a: Fixed, s: number): number {
  const n = a.n * POW10[s - a.s];
  if (!(n <= MAX && n >= -MAX)) throw NOT_FIXED;
  return n;
}

export function add(a: Fixed, b: Fixed): Fixed {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const s = Math.max(a.s, b.s);
  return make(align(a, s) + align(b, s), s);
}

export function sub(a: Fixed, b: Fixed): Fixed {
  if (b.n === 0) return a;
  const s = Math.max(a.s, b.s);
  return make(align(a, s) - align(b, s), s);
}

export function neg(a: Fixed): Fixed {
  return a.n === 0 ? a : { n: -a.n, s: a.s };
}

export function mul(a: Fixed, b: Fixed): Fixed {
  if (a.n === 0 || b.n === 0) return ZERO;
  return make(a.n * b.n, a.s + b.s);
}

/** a ÷ b where the quotient terminates within fifteen places; else NotFixed. */
export function div(a: Fixed, b: Fixed): Fixed {
  if (b.n === 0) throw new RangeError('division by zero');
  if (a.n === 0) return ZERO;
  // a.n·10^-a.s ÷ b.n·10^-b.s = (a.n·10^k ÷ b.n) · 10^-(a.s - b.s + k)
  for (let k = 0; k <= MAX_SCALE; k++) {
    const num = a.n * POW10[k];
    if (!(num <= MAX && num >= -MAX)) break;
    if (num % b.n === 0) {
      const s = a.s - b.s + k;
      const q = num / b.n;
      return s >= 0 ? make(q, s) : make(q * POW10[-s], 0);
    }
  }
  throw NOT_FIXED;
}

export function cmp(a: Fixed, b: Fixed): number {
  const s = Math.max(a.s, b.s);
  const x = align(a, s);
  const y = align(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const min = (a: Fixed, b: Fixed): Fixed => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Fixed, b: Fixed): Fixed => (cmp(a, b) >= 0 ? a : b);

/** Integer quotient toward zero and its remainder, exactly (a float quotient can be a unit off). */
function truncDiv(n: number, d: number): [number, number] {
  let q = Math.trunc(n / d);
  let r = n - q * d;
  if (n >= 0 ? r < 0 : r > 0) {
    q += n >= 0 ? -1 : 1;
    r += n >= 0 ? d : -d;
  } else if (Math.abs(r) >= d) {
    q += n >= 0 ? 1 : -1;
    r -= n >= 0 ? d : -d;
  }
  return [q, r];
}

/** The whole number of times `b` goes into `a` (both positive), as decimal.js's divToInt. */
export function divToInt(a: Fixed, b: Fixed): Fixed {
  const s = Math.max(a.s, b.s);
  return make(truncDiv(align(a, s), align(b, s))[0], 0);
}

/**
 * Bill-scope cents: each amount's floor in cents into `cents`, and what is left over into
 * `rests` as integers on one common scale, so the largest remainders compare as numbers.
 */
export function floorCents(amounts: readonly Fixed[], cents: number[], rests: number[]): void {
  let scale = 2;
  for (const a of amounts) if (a.s > scale) scale = a.s;
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i];
    if (a.s <= 2) {
      cents[i] = a.n * POW10[2 - a.s];
      rests[i] = 0;
      continue;
    }
    const d = POW10[a.s - 2];
    let [q, r] = truncDiv(a.n, d);
    if (r < 0) {
      q -= 1;
      r += d;
    }
    cents[i] = q;
    rests[i] = r * POW10[scale - a.s];
  }
}

/** Rounds to `places` decimals (0 ≤ places) by `mode`, as decimal.js does. */
export function roundTo(a: Fixed, places: number, mode: RoundingMode): Fixed {
  if (a.s <= places) return a;
  const d = POW10[a.s - places];
  const [q, r] = truncDiv(a.n, d);
  if (r === 0) return make(q, places);
  const sign = a.n < 0 ? -1 : 1;
  const twice = 2 * Math.abs(r);
  let away: boolean;
  switch (mode) {
    case 'down':
      away = false;
      break;
    case 'up':
      away = true;
      break;
    case 'half-up':
      away = twice >= d;
      break;
    case 'half-even':
      away = twice > d || (twice === d && Math.abs(q) % 2 === 1);
      break;
  }
  return make(away ? q + sign : q, places);
}

/** Whole cents of an amount in dollars, rounded by `mode`. */
export function toCents(a: Fixed, mode: RoundingMode): number {
  const r = roundTo(a, 2, mode);
  return r.n * POW10[2 - r.s];
}

/** The number, for integers and small values only (days, counts). */
export const toNumber = (a: Fixed): number => a.n / POW10[a.s];

export const isZero = (a: Fixed): boolean => a.n === 0;

/** The text decimal.js gives for the same value (`12.345`, `0.5`, `1e-7` below 10^-6). */
export function toText(a: Fixed): string {
  if (a.s === 0) return String(a.n);
  const negative = a.n < 0;
  const digits = String(negative ? -a.n : a.n);
  // decimal.js writes exponent notation when the first digit is 7 or more places down.
  const exponent = digits.length - a.s - 1;
  let body: string;
  if (exponent <= -7) {
    body = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exponent}`;
  } else if (digits.length > a.s) {
    body = `${digits.slice(0, digits.length - a.s)}.${digits.slice(digits.length - a.s)}`;
  } else {
    body = `0.${'0'.repeat(a.s - digits.length)}${digits}`;
  }
  return negative ? `-${body}` : body;
}
