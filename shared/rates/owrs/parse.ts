import type Decimal from 'decimal.js';
import { isMap, isScalar, parseDocument } from 'yaml';
import { Dec } from '../../money';
import type { Unit } from '../units';
import { checkClass } from './check';

export { CUSTOMER_DATA } from './check';

import { type Expr, type FormulaError, parseFormula } from './expression';

/** One value of an OWRS rate block, as read. */
export type OwrsNode =
  | { type: 'number'; value: Decimal }
  | { type: 'percent'; value: Decimal }
  | { type: 'formula'; expr: Expr; text: string }
  | { type: 'tiered' }
  | { type: 'budget' }
  | { type: 'list'; items: OwrsNode[] }
  | { type: 'map'; dependsOn: string[]; values: OwrsChoices };

/**
 * The `values` of a `depends_on` map. A key is one value of the first `depends_on` key (the
 * next level holds the rest), or every value joined with `|` as RateParser pastes them
 * (`5/8"|inside_city`).
 */
export interface OwrsChoices {
  type: 'choices';
  entries: { key: string; value: OwrsNode | OwrsChoices }[];
}

export interface OwrsProblem {
  class?: string;
  key: string;
  message: string;
}

export type OwrsFrequency = 'monthly' | 'bimonthly' | 'quarterly';

export interface OwrsFile {
  metadata: {
    effectiveDate: string | null;
    utilityName: string | null;
    /** As written (`Bi-Monthly`), and as Tapline reads it (null: not a frequency it knows). */
    billFrequency: string | null;
    frequency: OwrsFrequency | null;
    /** As written, and the unit the file's tier starts and `usage_ccf` are in. */
    billUnit: string | null;
    unit: Unit | null;
  };
  classes: Record<string, Record<string, OwrsNode>>;
  /** Keys of each class that are in the file but could not be read (the problems say why). */
  unreadable: Record<string, string[]>;
}

const PERCENT = /^(-?\d+(\.\d+)?)\s*%$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return !!raw && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Date);
}

function readChoices(
  raw: Record<string, unknown>,
  where: string,
  problems: OwrsProblem[],
  cls: string,
): OwrsChoices {
  const entries: OwrsChoices['entries'] = [];
  for (const [key, value] of Object.entries(raw)) {
    const at = `${where}[${key}]`;
    const node =
      isPlainObject(value) && !('depends_on' in value)
        ? readChoices(value, at, problems, cls)
        : readNode(value, at, problems, cls);
    if (node) entries.push({ key, value: node });
  }
  return { type: 'choices', entries };
}

function readNode(
  raw: unknown,
  where: string,
  problems: OwrsProblem[],
  cls: string,
): OwrsNode | null {
  const problem = (message: string) => {
    problems.push({ class: cls, key: where, message });
    return null;
  };
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
      return problem(`formula not readable: ${(err as FormulaError).message} in "${text}"`);
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
  if (isPlainObject(raw) && ('depends_on' in raw || 'values' in raw)) {
    if (!('depends_on' in raw)) return problem('values without depends_on');
    const dep = raw.depends_on;
    const dependsOn = (Array.isArray(dep) ? dep : [dep])
      .filter((d) => typeof d === 'string' || typeof d === 'number')
      .map(String);
    if (dependsOn.length === 0 || dependsOn.length !== (Array.isArray(dep) ? dep.length : 1)) {
      return problem(`depends_on is not a key or a list of keys: ${JSON.stringify(dep)}`);
    }
    if (!isPlainObject(raw.values)) {
      return problem(
        `values is ${Array.isArray(raw.values) ? 'a list' : 'missing'}, not a map by ${dependsOn.join(', ')}`,
      );
    }
    return { type: 'map', dependsOn, values: readChoices(raw.values, where, problems, cls) };
  }
  return problem(
    `value not readable: ${raw === null ? 'empty' : JSON.stringify(raw)?.slice(0, 80)}`,
  );
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim() || null;
}

/** OWRS files write dates as 2017-01-01, 07/01/2017 or 7-1-2017. */
export function normalizeDate(text: string | null): string | null {
  if (!text) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`;
  const us = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text.trim());
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  return null;
}

/** `bill_unit` as files write it; without one, tier starts are in CCF (`usage_ccf`). */
const UNITS: Record<string, Unit> = {
  ccf: 'ccf',
  hcf: 'hcf',
  kgal: 'kgal',
  tgal: 'kgal',
  mcf: 'mcf',
  kl: 'kl',
  kilolitre: 'kl',
  kiloliter: 'kl',
};

const FREQUENCIES: Record<string, OwrsFrequency> = {
  monthly: 'monthly',
  bimonthly: 'bimonthly',
  quarterly: 'quarterly',
};

/** Keys of the document besides `rate_structure` that the format defines. */
const DOCUMENT_KEYS = new Set(['metadata', 'rate_structure', 'author_info']);

/** Keys written twice in one class: YAML keeps the last, so the first is never read. */
function reportDuplicateKeys(doc: ReturnType<typeof parseDocument>, problems: OwrsProblem[]): void {
  const structure = doc.get('rate_structure', true);
  if (!isMap(structure)) return;
  for (const pair of structure.items) {
    const cls = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!isMap(pair.value)) continue;
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const item of pair.value.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (seen.has(key) && !reported.has(key)) {
        reported.add(key);
        problems.push({
          class: cls,
          key,
          message: 'written more than once in the class: only the last one is read',
        });
      }
      seen.add(key);
    }
  }
}

/**
 * Reads an OWRS file. Never throws for a bad file: every key it cannot read (or that would be
 * read wrong) is in `problems`, by class and key, and the rest loads. `file` is null only when
 * the YAML itself cannot be parsed.
 */
export function parseOwrs(source: string): { file: OwrsFile | null; problems: OwrsProblem[] } {
  const problems: OwrsProblem[] = [];
  const doc = parseDocument(source, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    return {
      file: null,
      problems: [{ key: '(file)', message: `not YAML: ${doc.errors[0].message.split('\n')[0]}` }],
    };
  }
  const d: unknown = doc.toJS();
  if (!isPlainObject(d) || !('rate_structure' in d)) {
    return { file: null, problems: [{ key: 'rate_structure', message: 'missing' }] };
  }
  const md = isPlainObject(d.metadata) ? d.metadata : {};
  const billUnit = text(md.bill_unit);
  const billFrequency = text(md.bill_frequency);
  const effectiveDate = text(md.effective_date);
  const file: OwrsFile = {
    metadata: {
      effectiveDate,
      utilityName: text(md.utility_name),
      billFrequency,
      frequency: FREQUENCIES[(billFrequency ?? '').toLowerCase().replace(/[^a-z]/g, '')] ?? null,
      billUnit,
      unit: billUnit === null ? 'ccf' : (UNITS[billUnit.toLowerCase()] ?? null),
    },
    classes: {},
    unreadable: {},
  };
  if (normalizeDate(effectiveDate) === null) {
    problems.push({
      key: 'metadata.effective_date',
      message: effectiveDate ? `not a date: "${effectiveDate}"` : 'missing',
    });
  }
  if (billUnit !== null && file.metadata.unit === null) {
    problems.push({
      key: 'metadata.bill_unit',
      message: `"${billUnit}" is not a unit Tapline converts (${Object.keys(UNITS).join(', ')})`,
    });
  }
  if (file.metadata.frequency === null) {
    problems.push({
      key: 'metadata.bill_frequency',
      message: `${billFrequency ? `"${billFrequency}"` : 'missing'}: not monthly, bi-monthly or quarterly, so fixed charges cannot be prorated`,
    });
  }
  for (const key of Object.keys(d)) {
    if (!DOCUMENT_KEYS.has(key)) {
      problems.push({ key, message: 'outside rate_structure and metadata: not read' });
    }
  }
  if (!isPlainObject(d.rate_structure)) {
    problems.push({ key: 'rate_structure', message: 'not a map of customer classes' });
    return { file, problems };
  }
  reportDuplicateKeys(doc, problems);
  for (const [cls, block] of Object.entries(d.rate_structure)) {
    if (!isPlainObject(block)) {
      problems.push({ class: cls, key: cls, message: 'class is not a map of keys' });
      continue;
    }
    const nodes: Record<string, OwrsNode> = {};
    const unreadable: string[] = [];
    for (const [key, raw] of Object.entries(block)) {
      const node = readNode(raw, key, problems, cls);
      if (node) nodes[key] = node;
      else unreadable.push(key);
    }
    file.classes[cls] = nodes;
    if (unreadable.length) file.unreadable[cls] = unreadable;
    checkClass(cls, nodes, Object.keys(block), problems);
  }
  return { file, problems };
}
