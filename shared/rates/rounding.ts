import type Decimal from 'decimal.js';
import { type Cents, Dec, dollarsToCents } from '../money';
import type { Rounding } from './schema';

/**
 * Turns exact line amounts (dollars) into cents. `line` scope rounds each line and sums them;
 * `bill` scope rounds the exact total and gives each line its floor plus, by largest remainder,
 * the cents the total needs — so the lines always add up to the total either way.
 */
export function roundLines(exact: Decimal[], rounding: Rounding): { lines: Cents[]; total: Cents } {
  if (rounding.scope === 'line') {
    const lines = exact.map((e) => dollarsToCents(e, rounding.mode));
    return { lines, total: lines.reduce((a, b) => a + b, 0) };
  }
  const total = dollarsToCents(
    exact.reduce((a, b) => a.plus(b), new Dec(0)),
    rounding.mode,
  );
  const cents = exact.map((e) => e.times(100));
  const floors = cents.map((c) => c.floor());
  let missing = total - floors.reduce((a, b) => a + b.toNumber(), 0);
  const order = cents
    .map((c, i) => ({ i, remainder: c.minus(floors[i]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  const lines = floors.map((f) => f.toNumber());
  for (const { i } of order) {
    if (missing <= 0) break;
    lines[i] += 1;
    missing -= 1;
  }
  return { lines, total };
}
