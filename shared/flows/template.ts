import { parsePlainDate } from '../dates';
import { formatMoney, formatNumber, formatPlainDate } from '../i18n/format';
import { unitLabel } from '../rates/units';
import type { AnswerSpec, FlowDefinition, PromptLocale, StepOf } from './schema';
import { type VariableSpec, type VariableType, variableSpec } from './variables';

/** `{{ name }}` in a prompt, as i18next writes it. */
const REFERENCE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export function references(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]);
}

/** A `{{` without its `}}` (or the reverse) is a typing slip, refused rather than read aloud. */
export function hasUnbalancedBraces(text: string): boolean {
  const stripped = text.replace(REFERENCE, '');
  return stripped.includes('{{') || stripped.includes('}}');
}

export const ANSWER_PREFIX = 'answers.';

/** What a name refers to: a variable of the account, or the answer to one of the flow's questions. */
export type Reference =
  | { source: 'account'; name: string; spec: VariableSpec }
  | { source: 'answer'; name: string; step: StepOf<'ask'> }
  | { source: 'unknown-answer'; name: string }
  | { source: 'unknown'; name: string };

export function resolveReference(flow: FlowDefinition, name: string): Reference {
  if (name.startsWith(ANSWER_PREFIX)) {
    const id = name.slice(ANSWER_PREFIX.length);
    const step = flow.steps.find((s) => s.id === id);
    return step?.kind === 'ask'
      ? { source: 'answer', name, step }
      : { source: 'unknown-answer', name };
  }
  const spec = variableSpec(name);
  return spec ? { source: 'account', name, spec } : { source: 'unknown', name };
}

/** The type an answer has when a prompt or a condition reads it. */
export function answerType(spec: AnswerSpec): VariableType | 'choice' {
  switch (spec.type) {
    case 'yes-no':
      return 'boolean';
    case 'choice':
      return 'choice';
    case 'number':
      return spec.format === 'money' ? 'money' : 'number';
    case 'date':
      return 'date';
    case 'text':
      return 'text';
  }
}

/** A US number as people read it: (215) 555-0123. */
export function formatPhone(digits: string): string {
  const d = digits.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return d.length === 10 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : digits;
}

/** A value as the prompt's language reads it: money and dates through Intl. */
export function formatValue(
  type: VariableType,
  value: string | number | boolean,
  locale: PromptLocale,
): string {
  switch (type) {
    case 'money':
      return formatMoney(Number(value), locale);
    case 'date': {
      const date = parsePlainDate(String(value));
      return date ? formatPlainDate(date, locale, 'long') : String(value);
    }
    case 'number':
      return formatNumber(Number(value), locale, { maximumFractionDigits: 2 });
    case 'percent':
      return formatNumber(Number(value) / 100, locale, {
        style: 'percent',
        maximumFractionDigits: 2,
      });
    case 'phone':
      return formatPhone(String(value));
    case 'unit':
      return unitLabel(String(value), locale);
    case 'boolean':
    case 'enum':
    case 'text':
      return String(value);
  }
}

/** A prompt cut into text and variables, so the screen can mark what came from the account. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string; text: string }
  | { kind: 'missing'; name: string };

/** Looks a name up: an account variable, or an answer already given (a choice reads as its label). */
export type Lookup = (name: string, locale: PromptLocale) => string | null;

export function renderSegments(template: string, locale: PromptLocale, lookup: Lookup): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(REFERENCE)) {
    const at = match.index ?? 0;
    if (at > last) segments.push({ kind: 'text', text: template.slice(last, at) });
    const name = match[1];
    const text = lookup(name, locale);
    segments.push(text === null ? { kind: 'missing', name } : { kind: 'value', name, text });
    last = at + match[0].length;
  }
  if (last < template.length) segments.push({ kind: 'text', text: template.slice(last) });
  return segments;
}

/** Plain text of a prompt; a missing value reads as `[name]` so a gap is visible, never blank. */
export function segmentsToText(segments: Segment[]): string {
  return segments
    .map((s) => (s.kind === 'text' ? s.text : s.kind === 'value' ? s.text : `[${s.name}]`))
    .join('');
}
