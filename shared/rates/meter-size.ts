import { Dec } from '../money';

/**
 * Meter sizes as bills and tariffs write them: `5/8`, `5/8"`, `3/4`, `1`, `1.5`, `1 1/2"`,
 * `1|1/2"` (an OWRS habit), `1-1/2`. All normalize to the size in inches, so `1.5` and `1 1/2"`
 * are the same meter.
 */
export interface MeterSize {
  inches: Dec;
  /** The canonical label: `5/8"`, `1"`, `1 1/2"`. */
  label: string;
}

const FRACTION = /^(\d+)\/(\d+)$/;

export function parseMeterSize(text: string): MeterSize | null {
  const cleaned = text
    .trim()
    .replace(/["”″]|inch(es)?|in\.?$/gi, '')
    .replace(/[|\-_]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (cleaned === '') return null;
  let inches: Dec;
  const parts = cleaned.split(' ');
  try {
    if (parts.length === 2 && /^\d+$/.test(parts[0]) && FRACTION.test(parts[1])) {
      const [, n, d] = FRACTION.exec(parts[1])!;
      inches = new Dec(parts[0]).plus(new Dec(n).dividedBy(d));
    } else if (parts.length === 1 && FRACTION.test(parts[0])) {
      const [, n, d] = FRACTION.exec(parts[0])!;
      if (Number(d) === 0) return null;
      inches = new Dec(n).dividedBy(d);
    } else if (parts.length === 1 && /^\d+(\.\d+)?$/.test(parts[0])) {
      inches = new Dec(parts[0]);
    } else {
      return null;
    }
  } catch {
    return null;
  }
  if (inches.lte(0)) return null;
  return { inches, label: labelFor(inches) };
}

const EIGHTHS = ['', '1/8', '1/4', '3/8', '1/2', '5/8', '3/4', '7/8'];

function labelFor(inches: Dec): string {
  const whole = inches.floor();
  const eighths = inches.minus(whole).times(8);
  if (eighths.isInteger()) {
    const frac = EIGHTHS[eighths.toNumber()];
    if (whole.isZero()) return `${frac}"`;
    return frac ? `${whole.toString()} ${frac}"` : `${whole.toString()}"`;
  }
  return `${inches.toString()}"`;
}

export function sameMeterSize(a: string, b: string): boolean {
  const x = parseMeterSize(a);
  const y = parseMeterSize(b);
  return x !== null && y !== null && x.inches.eq(y.inches);
}

/** Finds the entry of a table keyed by meter size (any spelling) for a given size. */
export function lookupByMeterSize<T>(table: Record<string, T>, size: string): T | undefined {
  const wanted = parseMeterSize(size);
  if (!wanted) return undefined;
  for (const [key, value] of Object.entries(table)) {
    const have = parseMeterSize(key);
    if (have?.inches.eq(wanted.inches)) return value;
  }
  return undefined;
}
