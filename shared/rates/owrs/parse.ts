import type Decimal from 'decimal.js';
import { parse as parseYaml } from 'yaml';
import { Dec } from '../../money';
import { type Expr, type FormulaError, namesIn, parseFormula } from './expression';

/** One value of an OWRS rate block, as read. */
export type OwrsNode =
  | { type: 'number'; value: Decimal }
  | { type: 'percent'; value: Decimal }
  | { type: 'formula'; expr: Expr; text: string }
  | { type: 'tiered' }
  | { type: 'budget' }
  | { type: 'list'; items: OwrsNode[] }
  | { type: 'map'; dependsOn: string[]; values: unknown };

export interface OwrsProblem {
  class?: string;
  key: string;
  message: string;
}

export interface OwrsFile {
  metadata: {
    effectiveDate: string | null;
    utilityName: string | null;
    billFrequency: string | null;
    billUnit: string | null;
  };
  classes: Record<string, Record<string, OwrsNode>>;
}

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

const PERCENT = /^(-?\d+(\.\d+)?)\s*%$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function readNode(
  raw: unknown,
  where: string,
  problems: OwrsProblem[],
  cls: string,
): OwrsNode | null {
  if (typeof raw === 'number') return { type: 'number', value: new Dec(String(raw)) };
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === 'Tiered') return { type: 'tiered' };
    if (text === 'Budget') return { type: 'budget' };
    if (NUMBER.test(text)) return { type: 'number', value: new Dec(text) };
    const pct = PERCENT.exec(text);
    if (pct) return { type: 'percent', value: new Dec(pct[1]) };
    try {
      return { type: 'formula', expr: parseFormula(text), text };
    } catch (err) {
      problems.push({
        class: cls,
        key: where,
        message: `formula not readable: ${(err as FormulaError).message} in "${text}"`,
      });
      return null;
    }
  }
  if (Array.isArray(raw)) {
    const items: OwrsNode[] = [];
    for (const [i, item] of raw.entries()) {
      const node = readNode(item, `${where}[${i}]`, problems, cls);
      if (!node) return null;
      items.push(node);
    }
    return { type: 'list', items };
  }
  if (raw && typeof raw === 'object' && 'depends_on' in raw && 'values' in raw) {
    const dep = (raw as { depends_on: unknown }).depends_on;
    const dependsOn = (Array.isArray(dep) ? dep : [dep]).map(String);
    return { type: 'map', dependsOn, values: (raw as { values: unknown }).values };
  }
  problems.push({
    class: cls,
    key: where,
    message: `value not readable: ${JSON.stringify(raw)?.slice(0, 80)}`,
  });
  return null;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * Reads an OWRS file. Never throws for a bad file: what it cannot read is in `problems`, by class
 * and key, and the rest loads. `file` is null only when the YAML itself cannot be parsed.
 */
export function parseOwrs(source: string): { file: OwrsFile | null; problems: OwrsProblem[] } {
  const problems: OwrsProblem[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(source, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  } catch (err) {
    return {
      file: null,
      problems: [{ key: '(file)', message: `not YAML: ${(err as Error).message.split('\n')[0]}` }],
    };
  }
  if (!doc || typeof doc !== 'object' || !('rate_structure' in doc)) {
    return { file: null, problems: [{ key: 'rate_structure', message: 'missing' }] };
  }
  const d = doc as { metadata?: Record<string, unknown>; rate_structure: unknown };
  const md = d.metadata ?? {};
  const file: OwrsFile = {
    metadata: {
      effectiveDate: text(md.effective_date),
      utilityName: text(md.utility_name),
      billFrequency: text(md.bill_frequency),
      billUnit: text(md.bill_unit),
    },
    classes: {},
  };
  if (!d.rate_structure || typeof d.rate_structure !== 'object') {
    problems.push({ key: 'rate_structure', message: 'not a map of customer classes' });
    return { file, problems };
  }
  for (const [cls, block] of Object.entries(d.rate_structure as Record<string, unknown>)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      problems.push({ class: cls, key: cls, message: 'class is not a map of keys' });
      continue;
    }
    const nodes: Record<string, OwrsNode> = {};
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const node = readNode(raw, key, problems, cls);
      if (node) nodes[key] = node;
    }
    file.classes[cls] = nodes;
    for (const [key, node] of Object.entries(nodes)) {
      if (node.type !== 'formula') continue;
      for (const name of namesIn(node.expr)) {
        if (!(name in nodes) && !(name in (block as object)) && !CUSTOMER_DATA.has(name)) {
          problems.push({
            class: cls,
            key,
            message: `reads "${name}", which the file does not define`,
          });
        }
      }
    }
    if (!('bill' in nodes) && !problems.some((p) => p.class === cls && p.key === 'bill')) {
      problems.push({ class: cls, key: 'bill', message: 'no bill formula' });
    }
  }
  return { file, problems };
}
