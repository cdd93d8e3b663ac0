import type Decimal from 'decimal.js';
import { Dec } from '../../money';
import { parseMeterSize } from '../meter-size';
import {
  type Expr,
  evaluate,
  FormulaError,
  parseFormula as parseFormulaSafe,
  sumTerms,
} from './expression';
import type { OwrsFile, OwrsNode } from './parse';

export type OwrsValue = string | number | Decimal;

/** One term of an OWRS bill: a key of the class, or one tier of a Tiered / Budget charge. */
export interface OwrsLine {
  key: string;
  tier?: number;
  quantity: Decimal;
  rate: Decimal;
  exact: Decimal;
}

/** Customer data an OWRS class needs and was not given (with the values the file accepts). */
export class OwrsDataError extends Error {
  constructor(
    readonly field: string,
    readonly valid: string[],
  ) {
    super(`the rate needs ${field}${valid.length ? ` (one of: ${valid.join(', ')})` : ''}`);
    this.name = 'OwrsDataError';
  }
}

const ALLOCATION = /^(indoor|outdoor)(_.+)?$/;

function matchKey(dep: string, wanted: string, candidates: string[]): string | undefined {
  const exact = candidates.find((c) => c === wanted);
  if (exact !== undefined) return exact;
  const lower = wanted.trim().toLowerCase();
  const folded = candidates.find((c) => c.trim().toLowerCase() === lower);
  if (folded !== undefined) return folded;
  if (dep.includes('size') || parseMeterSize(wanted)) {
    const size = parseMeterSize(wanted);
    if (size) return candidates.find((c) => parseMeterSize(c)?.inches.eq(size.inches));
  }
  const n = Number(wanted);
  if (Number.isFinite(n)) return candidates.find((c) => Number(c) === n);
  return undefined;
}

/**
 * Evaluates one customer class of an OWRS file for one customer, as the format's reference
 * implementation (RateParser) does: customer data overrides the file's defaults, maps follow
 * `depends_on`, `Tiered` starts are the first unit of each tier, `Budget` allocations and
 * percentage starts are rounded half to even.
 */
export class OwrsEvaluator {
  private readonly memo = new Map<string, Decimal>();
  private readonly active = new Set<string>();
  readonly tierLines = new Map<string, OwrsLine[]>();
  private readonly block: Record<string, OwrsNode>;

  constructor(
    file: OwrsFile,
    readonly className: string,
    private readonly customer: Record<string, OwrsValue>,
  ) {
    const block = file.classes[className];
    if (!block) throw new OwrsDataError('class', Object.keys(file.classes));
    this.block = block;
  }

  private text(name: string): string {
    if (name in this.customer) return String(this.customer[name]);
    const node = this.block[name];
    if (!node) throw new OwrsDataError(name, []);
    const resolved = this.resolve(node);
    if (resolved.type === 'number') return resolved.value.toString();
    return this.num(name).toString();
  }

  /** Follows `depends_on` maps down to a plain node. */
  private resolve(node: OwrsNode): OwrsNode {
    let current = node;
    while (current.type === 'map') {
      let values: unknown = current.values;
      for (const dep of current.dependsOn) {
        if (!values || typeof values !== 'object') throw new OwrsDataError(dep, []);
        const keys = Object.keys(values as object);
        if (!(dep in this.customer) && !(dep in this.block)) throw new OwrsDataError(dep, keys);
        const wanted = this.text(dep);
        const key = matchKey(dep, wanted, keys);
        if (key === undefined) throw new OwrsDataError(dep, keys);
        values = (values as Record<string, unknown>)[key];
      }
      current = leaf(values);
    }
    return current;
  }

  num(name: string): Decimal {
    const cached = this.memo.get(name);
    if (cached) return cached;
    if (this.active.has(name)) throw new FormulaError(`${name} depends on itself`);
    this.active.add(name);
    try {
      let value: Decimal;
      if (name in this.customer) {
        const v = this.customer[name];
        value = typeof v === 'string' ? toDec(v, name) : new Dec(v);
      } else {
        const node = this.block[name];
        if (!node) throw new OwrsDataError(name, []);
        value = this.nodeValue(name, this.resolve(node));
      }
      if (ALLOCATION.test(name)) value = value.toDecimalPlaces(0, Dec.ROUND_HALF_EVEN);
      this.memo.set(name, value);
      return value;
    } finally {
      this.active.delete(name);
    }
  }

  private nodeValue(name: string, node: OwrsNode): Decimal {
    switch (node.type) {
      case 'number':
        return node.value;
      case 'formula':
        return evaluate(node.expr, (n) => this.num(n));
      case 'tiered':
      case 'budget':
        return this.tiers(name, node.type);
      default:
        throw new FormulaError(`${name} is a ${node.type}, not a number`);
    }
  }

  private list(name: string, suffix: string): OwrsNode[] {
    const node = this.block[`${name}_${suffix}`] ?? this.block[name];
    if (!node) throw new FormulaError(`${name} missing`);
    const resolved = this.resolve(node);
    if (resolved.type !== 'list') throw new FormulaError(`${name} is not a list`);
    return resolved.items.map((i) => this.resolve(i));
  }

  private tiers(name: string, kind: 'tiered' | 'budget'): Decimal {
    const suffix = name.replace(/_charge$/, '');
    const prices = this.list('tier_prices', suffix).map((p) => this.plain(p));
    const usage = this.num('usage_ccf');
    let bounds: { lower: Decimal; upper: Decimal | null }[];
    if (kind === 'tiered') {
      const starts = this.list('tier_starts', suffix).map((s) => this.plain(s));
      // RateParser: a start is the first unit billed at that price; tier 1 begins at unit 1.
      const lowers = starts.map((s, i) => (i === 0 ? new Dec(0) : Dec.max(s.minus(1), 0)));
      bounds = lowers.map((lower, i) => ({ lower, upper: lowers[i + 1] ?? null }));
    } else {
      const budgetKey = `budget_${suffix}` in this.block ? `budget_${suffix}` : 'budget';
      const budget = this.num(budgetKey);
      const starts = this.list('tier_starts', suffix).map((s) =>
        s.type === 'percent'
          ? s.value.dividedBy(100).times(budget).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN)
          : this.plain(s),
      );
      bounds = starts.map((lower, i) => ({ lower, upper: starts[i + 1] ?? null }));
    }
    if (prices.length !== bounds.length) {
      throw new FormulaError(`${name}: ${bounds.length} tier starts but ${prices.length} prices`);
    }
    const lines: OwrsLine[] = bounds.map(({ lower, upper }, i) => {
      const top = upper === null ? usage : Dec.min(usage, upper);
      const quantity = Dec.max(top.minus(lower), 0);
      return {
        key: name,
        tier: i + 1,
        quantity,
        rate: prices[i],
        exact: quantity.times(prices[i]),
      };
    });
    this.tierLines.set(name, lines);
    return lines.reduce((a, l) => a.plus(l.exact), new Dec(0));
  }

  private plain(node: OwrsNode): Decimal {
    if (node.type === 'number') return node.value;
    if (node.type === 'formula') return evaluate(node.expr, (n) => this.num(n));
    throw new FormulaError(`a ${node.type} where a number was expected`);
  }

  /** The bill as lines: one per term of the `bill` sum, Tiered/Budget terms one per tier. */
  lines(): OwrsLine[] {
    const bill = this.block.bill;
    if (bill?.type !== 'formula') throw new FormulaError('no bill formula');
    const terms = sumTerms(bill.expr);
    if (!terms || terms.some((t) => t.type !== 'name')) {
      const exact = this.num('bill');
      return [{ key: 'bill', quantity: new Dec(1), rate: exact, exact }];
    }
    const out: OwrsLine[] = [];
    for (const term of terms as Extract<Expr, { type: 'name' }>[]) {
      const value = this.num(term.name);
      const tiers = this.tierLines.get(term.name);
      if (tiers) {
        out.push(...tiers.filter((t, i) => i === 0 || !t.quantity.isZero()));
        continue;
      }
      if (value.isZero()) continue;
      out.push({ key: term.name, ...this.quantityAndRate(term.name, value) });
    }
    return out;
  }

  /** `rate*usage_ccf` shows as usage × rate; anything else as one unit at its value. */
  private quantityAndRate(
    name: string,
    value: Decimal,
  ): { quantity: Decimal; rate: Decimal; exact: Decimal } {
    const node = name in this.customer ? undefined : this.block[name];
    const resolved = node ? this.resolve(node) : undefined;
    if (resolved?.type === 'formula' && resolved.expr.type === 'bin' && resolved.expr.op === '*') {
      const { left, right } = resolved.expr;
      const usageSide = [left, right].find((e) => e.type === 'name' && e.name === 'usage_ccf');
      if (usageSide) {
        const other = usageSide === left ? right : left;
        const rate = evaluate(other, (n) => this.num(n));
        return { quantity: this.num('usage_ccf'), rate, exact: value };
      }
    }
    return { quantity: new Dec(1), rate: value, exact: value };
  }
}

function toDec(text: string, name: string): Decimal {
  try {
    return new Dec(text);
  } catch {
    throw new FormulaError(`${name} is "${text}", not a number`);
  }
}

function leaf(raw: unknown): OwrsNode {
  if (typeof raw === 'number') return { type: 'number', value: new Dec(String(raw)) };
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (/^-?\d+(\.\d+)?$/.test(t)) return { type: 'number', value: new Dec(t) };
    const pct = /^(-?\d+(\.\d+)?)\s*%$/.exec(t);
    if (pct) return { type: 'percent', value: new Dec(pct[1]) };
    if (t === 'Tiered') return { type: 'tiered' };
    if (t === 'Budget') return { type: 'budget' };
    // A formula inside a map value.
    return { type: 'formula', expr: parseFormulaSafe(t), text: t };
  }
  if (Array.isArray(raw)) return { type: 'list', items: raw.map(leaf) };
  if (raw && typeof raw === 'object' && 'depends_on' in raw && 'values' in raw) {
    const dep = (raw as { depends_on: unknown }).depends_on;
    return {
      type: 'map',
      dependsOn: (Array.isArray(dep) ? dep : [dep]).map(String),
      values: (raw as { values: unknown }).values,
    };
  }
  throw new FormulaError(`value not readable: ${JSON.stringify(raw)?.slice(0, 60)}`);
}
