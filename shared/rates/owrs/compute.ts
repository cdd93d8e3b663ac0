import type Decimal from 'decimal.js';
import { Dec } from '../../money';
import { parseMeterSize } from '../meter-size';
import { type Expr, evaluate, FormulaError, namesIn, sumTerms } from './expression';
import type { OwrsChoices, OwrsFile, OwrsNode } from './parse';
import { scopedName, scopeOf, suffixesOf } from './scope';

export type OwrsValue = string | number | Decimal;

/** One term of an OWRS bill: a key of the class, or one tier of a Tiered / Budget charge. */
export interface OwrsLine {
  key: string;
  tier?: number;
  quantity: Decimal;
  rate: Decimal;
  exact: Decimal;
  /** Billed per unit of use (a tier, or `rate*usage_ccf`). */
  byUsage: boolean;
}

/** Customer data an OWRS class needs and was not given (with the values the file accepts). */
export class OwrsDataError extends Error {
  constructor(
    readonly field: string,
    readonly valid: string[],
    /** The file's own key for it, when the file has one that could not be read. */
    readonly unreadableKey?: string,
  ) {
    super(
      unreadableKey
        ? `${unreadableKey} could not be read from the file; the rate needs ${field}`
        : `the rate needs ${field}${valid.length ? ` (one of: ${valid.join(', ')})` : ''}`,
    );
    this.name = 'OwrsDataError';
  }
}

type OwrsMap = Extract<OwrsNode, { type: 'map' }>;

const isSizeKey = (dep: string) => dep.includes('size');

/** Whether a customer's value selects a `values` key: exactly, then loosely (meter sizes, numbers). */
function same(dep: string, wanted: string, candidate: string, strict: boolean): boolean {
  if (candidate === wanted || candidate.trim().toLowerCase() === wanted.trim().toLowerCase())
    return true;
  if (strict) return false;
  if (isSizeKey(dep) || parseMeterSize(wanted)) {
    const a = parseMeterSize(wanted);
    const b = parseMeterSize(candidate);
    if (a && b) return a.inches.eq(b.inches);
  }
  const n = Number(wanted);
  return Number.isFinite(n) && candidate.trim() !== '' && Number(candidate) === n;
}

/**
 * The ways a `values` key splits into one value per `depends_on` key. RateParser joins the
 * values with `|`; a meter size may hold a `|` of its own (`1|1/2"|inside_city`).
 */
function splits(key: string, n: number): string[][] {
  const parts = key.split('|');
  if (n === 1) return [[key]];
  if (parts.length < n) return [];
  const out: string[][] = [];
  const go = (start: number, left: number, acc: string[]) => {
    if (left === 1) {
      out.push([...acc, parts.slice(start).join('|')]);
      return;
    }
    for (let end = start + 1; end <= parts.length - left + 1; end++) {
      go(end, left - 1, [...acc, parts.slice(start, end).join('|')]);
    }
  };
  go(0, n, []);
  return out;
}

function pick(
  c: OwrsChoices,
  deps: string[],
  wanted: string[],
  strict: boolean,
): OwrsNode | undefined {
  for (const { key, value } of c.entries) {
    if (value.type === 'choices') {
      if (deps.length > 1 && same(deps[0], wanted[0], key, strict)) {
        const inner = pick(value, deps.slice(1), wanted.slice(1), strict);
        if (inner) return inner;
      }
    } else if (
      splits(key, deps.length).some((parts) =>
        parts.every((p, i) => same(deps[i], wanted[i], p, strict)),
      )
    ) {
      return value;
    }
  }
  return undefined;
}

/** The values a map accepts for its `i`-th `depends_on` key, to list when one is refused. */
function acceptedValues(map: OwrsMap, i: number): string[] {
  const deps = map.dependsOn;
  const out = new Set<string>();
  const walk = (c: OwrsChoices, level: number) => {
    for (const { key, value } of c.entries) {
      if (value.type === 'choices') {
        if (level === i) out.add(key);
        else if (level < i) walk(value, level + 1);
        continue;
      }
      const rest = deps.slice(level);
      const options = splits(key, rest.length);
      const parts =
        options.find((p) => p.every((v, j) => !isSizeKey(rest[j]) || parseMeterSize(v))) ??
        options[0];
      if (parts?.[i - level] !== undefined) out.add(parts[i - level]);
    }
  };
  walk(map.values, 0);
  return [...out];
}

/** What a class's keys say whatever the customer: its scope suffixes and each key's scope. */
const classFacts = new WeakMap<
  Record<string, OwrsNode>,
  { suffixes: string[]; scopes: Map<string, string | null> }
>();

/**
 * Evaluates one customer class of an OWRS file for one customer, as the format's reference
 * implementation (RateParser) does: customer data overrides the file's defaults, maps follow
 * `depends_on`, `Tiered` starts are the first unit of each tier, `Budget` allocations and
 * percentage starts are rounded half to even. `usage_ccf` is the usage in the file's own unit
 * (its `bill_unit`), the unit its tier starts are written in.
 */
export class OwrsEvaluator {
  private readonly memo = new Map<string, Decimal>();
  private readonly active = new Set<string>();
  readonly tierLines = new Map<string, OwrsLine[]>();
  private readonly block: Record<string, OwrsNode>;
  private readonly suffixes: string[];
  private readonly scopes: Map<string, string | null>;
  private readonly unreadable: string[];

  constructor(
    file: OwrsFile,
    readonly className: string,
    private readonly customer: Record<string, OwrsValue>,
  ) {
    const block = file.classes[className];
    if (!block) throw new OwrsDataError('class', Object.keys(file.classes));
    this.block = block;
    this.unreadable = file.unreadable[className] ?? [];
    let known = classFacts.get(block);
    if (!known) {
      known = {
        suffixes: suffixesOf([...Object.keys(block), ...this.unreadable]),
        scopes: new Map(),
      };
      classFacts.set(block, known);
    }
    this.suffixes = known.suffixes;
    this.scopes = known.scopes;
  }

  /** The customer data a name stands for is missing: say so, naming an unreadable key. */
  private missing(name: string, scope: string | null, valid: string[] = []): OwrsDataError {
    const own = [scope ? `${name}_${scope}` : null, name].find(
      (k) => k !== null && this.unreadable.includes(k),
    );
    return new OwrsDataError(name, valid, own ?? undefined);
  }

  private readonly defined = (key: string) => key in this.customer || key in this.block;

  /** The key a name reads inside a scope, and the scope that key's own formulas read in. */
  private locate(name: string, scope: string | null): { key: string; scope: string | null } {
    const key = scopedName(name, scope, this.defined);
    let own = this.scopes.get(key);
    if (own === undefined) {
      own = scopeOf(key, this.suffixes);
      this.scopes.set(key, own);
    }
    return { key, scope: own ?? scope };
  }

  /** Budget allocations (`indoor`, `outdoor_commodity`...) are whole units, half to even. */
  private isAllocation(key: string): boolean {
    return ['indoor', 'outdoor'].some(
      (base) => key === base || this.suffixes.some((s) => key === `${base}_${s}`),
    );
  }

  private text(name: string, scope: string | null): string {
    const { key, scope: inner } = this.locate(name, scope);
    if (key in this.customer) return String(this.customer[key]);
    const node = this.block[key];
    if (!node) throw this.missing(name, scope);
    const resolved = this.resolve(node, inner);
    if (resolved.type === 'number') return resolved.value.toString();
    return this.num(name, scope).toString();
  }

  /** Follows `depends_on` maps down to a plain node. */
  private resolve(node: OwrsNode, scope: string | null): OwrsNode {
    let current = node;
    while (current.type === 'map') current = this.choose(current, scope);
    return current;
  }

  private choose(map: OwrsMap, scope: string | null): OwrsNode {
    const deps = map.dependsOn;
    const wanted = deps.map((dep, i) => {
      if (!this.defined(this.locate(dep, scope).key))
        throw this.missing(dep, scope, acceptedValues(map, i));
      return this.text(dep, scope);
    });
    const found = pick(map.values, deps, wanted, true) ?? pick(map.values, deps, wanted, false);
    if (found) return found;
    for (const [i, dep] of deps.entries()) {
      const accepted = acceptedValues(map, i);
      if (!accepted.some((v) => same(dep, wanted[i], v, false)))
        throw new OwrsDataError(dep, accepted);
    }
    throw new OwrsDataError(
      deps.join('+'),
      splitsOfAll(map).map((parts) => parts.join('+')),
    );
  }

  num(name: string, scope: string | null = null): Decimal {
    const { key, scope: inner } = this.locate(name, scope);
    const memoKey = `${inner ?? ''}\u0000${key}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    if (this.active.has(memoKey)) throw new FormulaError(`${key} depends on itself`);
    this.active.add(memoKey);
    try {
      let value: Decimal;
      if (key in this.customer) {
        const v = this.customer[key];
        value = typeof v === 'string' ? toDec(v, key) : new Dec(v);
      } else {
        const node = this.block[key];
        if (!node) throw this.missing(name, scope);
        value = this.nodeValue(key, this.resolve(node, inner), inner);
      }
      if (this.isAllocation(key)) value = value.toDecimalPlaces(0, Dec.ROUND_HALF_EVEN);
      this.memo.set(memoKey, value);
      return value;
    } finally {
      this.active.delete(memoKey);
    }
  }

  private nodeValue(key: string, node: OwrsNode, scope: string | null): Decimal {
    switch (node.type) {
      case 'tiered':
      case 'budget':
        return this.tiers(key, node.type, scope);
      default:
        return this.plain(node, scope, key);
    }
  }

  /** A number: a field, a formula, or a list of one value (RateParser reads it as that value). */
  private plain(node: OwrsNode, scope: string | null, key: string): Decimal {
    switch (node.type) {
      case 'number':
        return node.value;
      case 'formula':
        return evaluate(node.expr, (n) => this.num(n, scope));
      case 'list':
        if (node.items.length === 1)
          return this.plain(this.resolve(node.items[0], scope), scope, key);
        throw new FormulaError(`${key} is a list of ${node.items.length} values, not a number`);
      case 'map':
        return this.plain(this.resolve(node, scope), scope, key);
      default:
        throw new FormulaError(
          `${key} is ${node.type === 'percent' ? 'a percentage' : node.type}, not a number`,
        );
    }
  }

  private list(name: string, scope: string | null, charge: string, kind: string): OwrsNode[] {
    const key = scopedName(name, scope, (k) => k in this.block);
    const node = this.block[key];
    if (!node) {
      throw new FormulaError(
        `${charge} is ${kind} but the class has no ${scope ? `${name}_${scope} or ` : ''}${name}`,
      );
    }
    const resolved = this.resolve(node, scope);
    const items = resolved.type === 'list' ? resolved.items : [resolved];
    return items.map((i) => this.resolve(i, scope));
  }

  private tiers(key: string, kind: 'tiered' | 'budget', scope: string | null): Decimal {
    const label = kind === 'tiered' ? 'Tiered' : 'Budget';
    const prices = this.list('tier_prices', scope, key, label).map((p) =>
      this.plain(p, scope, key),
    );
    const usage = this.num('usage_ccf');
    let bounds: { lower: Decimal; upper: Decimal | null }[];
    if (kind === 'tiered') {
      const starts = this.list('tier_starts', scope, key, label).map((s) =>
        this.plain(s, scope, key),
      );
      // RateParser: a start is the first unit billed at that price; tier 1 begins at unit 1.
      const lowers = starts.map((s, i) => (i === 0 ? new Dec(0) : Dec.max(s.minus(1), 0)));
      bounds = lowers.map((lower, i) => ({ lower, upper: lowers[i + 1] ?? null }));
    } else {
      const budget = this.num('budget', scope);
      const starts = this.list('tier_starts', scope, key, label).map((s) =>
        s.type === 'percent'
          ? s.value.dividedBy(100).times(budget).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN)
          : this.plain(s, scope, key),
      );
      bounds = starts.map((lower, i) => ({ lower, upper: starts[i + 1] ?? null }));
    }
    const down = bounds.findIndex((b, i) => i > 0 && b.lower.lt(bounds[i - 1].lower));
    if (down > 0) {
      // A start below the one before it would bill the same units twice.
      throw new FormulaError(
        `${key}: tier ${down + 1} starts at ${bounds[down].lower} units, below tier ${down} (${bounds[down - 1].lower}) for this customer`,
      );
    }
    if (prices.length !== bounds.length) {
      throw new FormulaError(`${key}: ${bounds.length} tier starts but ${prices.length} prices`);
    }
    const lines: OwrsLine[] = bounds.map(({ lower, upper }, i) => {
      const top = upper === null ? usage : Dec.min(usage, upper);
      const quantity = Dec.max(top.minus(lower), 0);
      return {
        key,
        tier: i + 1,
        quantity,
        rate: prices[i],
        exact: quantity.times(prices[i]),
        byUsage: true,
      };
    });
    this.tierLines.set(key, lines);
    return lines.reduce((a, l) => a.plus(l.exact), new Dec(0));
  }

  /** The terms of the `bill` sum, or null when `bill` is not a plain sum of keys. */
  private billTerms(): string[] | null {
    const bill = this.block.bill;
    if (bill?.type !== 'formula') throw new FormulaError('no bill formula');
    const terms = sumTerms(bill.expr);
    if (!terms || terms.some((t) => t.type !== 'name')) return null;
    return (terms as Extract<Expr, { type: 'name' }>[]).map((t) => t.name);
  }

  /** The bill as lines: one per term of the `bill` sum, Tiered/Budget terms one per tier. */
  lines(): OwrsLine[] {
    const terms = this.billTerms();
    if (!terms) {
      const exact = this.num('bill');
      return [{ key: 'bill', quantity: new Dec(1), rate: exact, exact, byUsage: false }];
    }
    const out: OwrsLine[] = [];
    for (const name of terms) {
      const value = this.num(name);
      const tiers = this.tierLines.get(this.locate(name, null).key);
      if (tiers) {
        out.push(...tiers.filter((t, i) => i === 0 || !t.quantity.isZero()));
        continue;
      }
      if (value.isZero()) continue;
      out.push({ key: name, ...this.quantityAndRate(name, value) });
    }
    return out;
  }

  /**
   * Whether a key's value moves with the customer's use or the days billed (transitively):
   * a charge that does not is a fixed charge per billing period.
   */
  readsUsageOrDays(name: string, scope: string | null = null, seen = new Set<string>()): boolean {
    if (name === 'usage_ccf' || name === 'days_in_period') return true;
    const { key, scope: inner } = this.locate(name, scope);
    if (key === 'usage_ccf' || key === 'days_in_period') return true;
    if (key in this.customer || seen.has(key)) return false;
    seen.add(key);
    const node = this.block[key];
    if (!node) return false;
    const reads = (n: OwrsNode | OwrsChoices): boolean => {
      switch (n.type) {
        case 'tiered':
        case 'budget':
          return true;
        case 'formula':
          return [...namesIn(n.expr)].some((x) => this.readsUsageOrDays(x, inner, seen));
        case 'list':
          return n.items.some(reads);
        case 'map':
          return n.dependsOn.some((d) => this.readsUsageOrDays(d, inner, seen)) || reads(n.values);
        case 'choices':
          return n.entries.some((e) => reads(e.value));
        default:
          return false;
      }
    };
    return reads(node);
  }

  /** `rate*usage_ccf` shows as usage × rate; anything else as one unit at its value. */
  private quantityAndRate(
    name: string,
    value: Decimal,
  ): { quantity: Decimal; rate: Decimal; exact: Decimal; byUsage: boolean } {
    const { key, scope } = this.locate(name, null);
    const node = key in this.customer ? undefined : this.block[key];
    const resolved = node ? this.resolve(node, scope) : undefined;
    if (resolved?.type === 'formula' && resolved.expr.type === 'bin' && resolved.expr.op === '*') {
      const { left, right } = resolved.expr;
      const usageSide = [left, right].find((e) => e.type === 'name' && e.name === 'usage_ccf');
      if (usageSide) {
        const other = usageSide === left ? right : left;
        const rate = evaluate(other, (n) => this.num(n, scope));
        return { quantity: this.num('usage_ccf'), rate, exact: value, byUsage: true };
      }
    }
    return { quantity: new Dec(1), rate: value, exact: value, byUsage: false };
  }
}

/** Every combination a map accepts, one value per `depends_on` key. */
function splitsOfAll(map: OwrsMap): string[][] {
  const out: string[][] = [];
  const walk = (c: OwrsChoices, prefix: string[]) => {
    for (const { key, value } of c.entries) {
      if (value.type === 'choices') walk(value, [...prefix, key]);
      else {
        const rest = map.dependsOn.length - prefix.length;
        out.push([...prefix, ...(splits(key, rest)[0] ?? [key])]);
      }
    }
  };
  walk(map.values, []);
  return out;
}

function toDec(text: string, name: string): Decimal {
  try {
    return new Dec(text);
  } catch {
    throw new FormulaError(`${name} is "${text}", not a number`);
  }
}
