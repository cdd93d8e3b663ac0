import { namesIn } from './expression';
import type { OwrsChoices, OwrsNode, OwrsProblem } from './parse';
import { scopedName, scopeOf, suffixesOf } from './scope';

/** Customer data the format defines: names a formula may read without the file defining them. */
export const CUSTOMER_DATA = new Set([
  'usage_ccf',
  'meter_size',
  'hhsize',
  'irr_area',
  'et_amount',
  'days_in_period',
  'season',
  'month',
  'usage_month',
  'city_limits',
  'pressure_zone',
  'elevation_zone',
  'meter_type',
  'water_type',
  'rate_class',
  'domestic_type',
  'number_dwelling_units',
  'lot_size_group',
  'usage_zone',
  'commercial_budget',
  'irrigated_area',
  'area',
  'senior',
]);

/** How many items each variant of a tier list has (one variant per `depends_on` value). */
function variants(node: OwrsNode | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: OwrsNode | OwrsChoices, path: string) => {
    if (n.type === 'list') out.set(path, n.items.length);
    else if (n.type === 'choices')
      for (const e of n.entries) walk(e.value, path ? `${path}|${e.key}` : e.key);
    else if (n.type === 'map') walk(n.values, path);
    else out.set(path, 1);
  };
  if (node) walk(node, '');
  return out;
}

/** Items of a tier list that are plain numbers (or percentages), each variant apart. */
function lists(node: OwrsNode | undefined): OwrsNode[][] {
  if (!node) return [];
  if (node.type === 'list') return [node.items];
  if (node.type !== 'map') return [];
  const out: OwrsNode[][] = [];
  const walk = (c: OwrsChoices) => {
    for (const e of c.entries) {
      if (e.value.type === 'choices') walk(e.value);
      else out.push(...lists(e.value));
    }
  };
  walk(node.values);
  return out;
}

/**
 * Checks one customer class without customer data: every name a formula reads (at any depth:
 * in lists and in `depends_on` values), every `depends_on` key, every `Tiered` and `Budget`
 * charge's tier keys and their lengths, values nested unlike their `depends_on`, keys that read
 * themselves, and the `bill` formula. Each finding names the key it is about.
 */
export function checkClass(
  cls: string,
  nodes: Record<string, OwrsNode>,
  rawKeys: string[],
  problems: OwrsProblem[],
): void {
  const keys = new Set(rawKeys);
  const has = (k: string) => keys.has(k);
  const suffixes = suffixesOf(rawKeys);
  const add = (key: string, message: string) => {
    if (!problems.some((p) => p.class === cls && p.key === key && p.message === message)) {
      problems.push({ class: cls, key, message });
    }
  };
  /** The key a name read from a key of `scope` resolves to (any scope when it has none). */
  const target = (name: string, scope: string | null): string | null => {
    const candidates = scope
      ? [`${name}_${scope}`, name]
      : [name, ...suffixes.map((s) => `${name}_${s}`)];
    return candidates.find(has) ?? null;
  };
  const edges = new Map<string, Set<string>>();
  const edge = (from: string, to: string) => {
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  };

  const numberOnly = (key: string): string | null => {
    const node = nodes[key];
    if (node?.type === 'list' && node.items.length !== 1)
      return `a list of ${node.items.length} values where a number is needed`;
    if (node?.type === 'percent') return 'a percentage where a number is needed';
    return null;
  };

  const visit = (owner: string, node: OwrsNode, where: string, scope: string | null) => {
    switch (node.type) {
      case 'formula':
        for (const name of namesIn(node.expr)) {
          const key = target(name, scope);
          if (key === null) {
            if (!CUSTOMER_DATA.has(name)) {
              add(
                where,
                `reads "${name}", which the file does not define${scope ? ` (nor ${name}_${scope})` : ''}`,
              );
            }
            continue;
          }
          edge(owner, key);
          const wrong = numberOnly(key);
          if (wrong) add(where, `reads "${key}", ${wrong}`);
        }
        break;
      case 'list':
        for (const [i, item] of node.items.entries()) visit(owner, item, `${where}[${i}]`, scope);
        break;
      case 'map':
        for (const dep of node.dependsOn) {
          const key = target(dep, scope);
          if (key) edge(owner, key);
          else if (!CUSTOMER_DATA.has(dep)) {
            add(
              where,
              `depends on "${dep}", which is neither a key of the class nor customer data the format names`,
            );
          }
        }
        choices(owner, node.values, node.dependsOn, where, scope);
        break;
      case 'tiered':
      case 'budget':
        charge(owner, node.type === 'tiered' ? 'Tiered' : 'Budget');
        break;
      default:
        break;
    }
  };

  const choices = (
    owner: string,
    c: OwrsChoices,
    deps: string[],
    where: string,
    scope: string | null,
  ) => {
    for (const { key, value } of c.entries) {
      const at = `${where}[${key}]`;
      if (value.type === 'choices') {
        if (deps.length <= 1) add(at, `nested deeper than its depends_on (${deps.join(', ')})`);
        else choices(owner, value, deps.slice(1), at, scope);
      } else {
        if (deps.length > 1 && key.split('|').length < deps.length) {
          add(
            at,
            `one value where depends_on lists ${deps.length} keys (${deps.join(', ')}): write "${deps.join('|')}" or nest them`,
          );
        }
        visit(owner, value, at, scope);
      }
    }
  };

  const charge = (key: string, kind: 'Tiered' | 'Budget') => {
    const scope = scopeOf(key, suffixes);
    const starts = scopedName('tier_starts', scope, has);
    const prices = scopedName('tier_prices', scope, has);
    const either = (name: string) => (scope ? `${name}_${scope} or ${name}` : name);
    for (const [name, found] of [
      ['tier_starts', starts],
      ['tier_prices', prices],
    ] as const) {
      if (has(found)) edge(key, found);
      else add(key, `${kind}, but the class has no ${either(name)}`);
    }
    if (kind === 'Budget') {
      const budget = scopedName('budget', scope, has);
      if (has(budget)) edge(key, budget);
      else add(key, `Budget, but the class has no ${either('budget')}`);
    }
    if (!has(starts) || !has(prices)) return;
    const s = variants(nodes[starts]);
    const p = variants(nodes[prices]);
    const pairs =
      nodes[starts]?.type === 'map' &&
      nodes[prices]?.type === 'map' &&
      nodes[starts].dependsOn.join() === nodes[prices].dependsOn.join()
        ? [...s].flatMap(([k, n]) => (p.has(k) ? [[n, p.get(k)!]] : []))
        : [...s.values()].flatMap((n) => [...p.values()].map((m) => [n, m]));
    for (const [n, m] of pairs) {
      if (n !== m) add(key, `${starts} has ${n} starts but ${prices} has ${m} prices`);
    }
    for (const items of lists(nodes[starts])) {
      if (kind === 'Tiered' && items.some((i) => i.type === 'percent')) {
        add(starts, 'percentage starts need a Budget charge (the percent of what?)');
      }
      for (const type of ['number', 'percent'] as const) {
        const values = items.flatMap((i) => (i.type === type ? [i.value] : []));
        // Equal starts make an empty tier, which bills nothing; a start below the one before
        // it would bill a unit twice.
        if (values.some((v, i) => i > 0 && v.lt(values[i - 1]))) {
          add(starts, `tier starts go down: ${values.join(', ')}`);
        }
      }
    }
  };

  for (const [key, node] of Object.entries(nodes)) visit(key, node, key, scopeOf(key, suffixes));

  if (!('bill' in nodes) && !problems.some((p) => p.class === cls && p.key === 'bill')) {
    add('bill', 'no bill formula');
  }

  // A key that reads itself, through any chain of keys, has no value.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const walk = (key: string) => {
    state.set(key, 'open');
    stack.push(key);
    for (const next of edges.get(key) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        add(next, `depends on itself: ${cycle.join(' → ')}`);
      } else if (!state.has(next)) walk(next);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of edges.keys()) if (!state.has(key)) walk(key);
}
