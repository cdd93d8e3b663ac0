import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { FlowIssue, ValidationOptions } from './issues';
import {
  type Condition,
  comparisonOps,
  type FlowDefinition,
  type FlowStep,
  flowDefinition,
  type Localized,
  promptLocales,
} from './schema';
import { hasUnbalancedBraces, references, resolveReference } from './template';
import { isReadable } from './variables';

export type FlowLoad =
  | { ok: true; flow: FlowDefinition; issues: [] }
  | { ok: false; flow: null; issues: FlowIssue[] };

type Path = (string | number)[];

/** Turns a zod issue into a problem an author can act on, without zod's English. */
function schemaIssue(issue: z.core.$ZodIssue, raw: unknown): FlowIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = locate(path, raw);
  const base = { code: 'schema' as const, ...where };
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(raw, path) === undefined
        ? { ...base, params: { problem: 'required' } }
        : { ...base, params: { problem: 'wrong-type', expected: issue.expected } };
    case 'unrecognized_keys':
      return { ...base, params: { problem: 'unknown-field', keys: issue.keys.join(', ') } };
    case 'invalid_union':
      return 'discriminator' in issue && issue.discriminator
        ? { ...base, params: { problem: 'unknown-kind', options: optionsOf(issue) } }
        : { ...base, params: { problem: 'not-a-condition' } };
    case 'invalid_value':
      return {
        ...base,
        params: { problem: 'not-allowed', options: issue.values.map(String).join(', ') },
      };
    case 'too_small':
      return { ...base, params: { problem: 'too-small', limit: Number(issue.minimum) } };
    case 'too_big':
      return { ...base, params: { problem: 'too-big', limit: Number(issue.maximum) } };
    case 'invalid_format':
      return { ...base, params: { problem: 'bad-id' } };
    case 'custom':
      return { ...base, params: { problem: 'one-comparison' } };
    default:
      return { ...base, params: { problem: 'invalid' } };
  }
}

function valueAt(raw: unknown, path: Path): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function optionsOf(issue: z.core.$ZodIssue): string {
  const options = (issue as { options?: unknown[] }).options;
  return Array.isArray(options) ? options.map(String).join(', ') : '';
}

/** `steps.3.answer` → step id of steps[3] and field `answer`. */
function locate(path: Path, raw: unknown): { step?: string; field?: string } {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const steps = (raw as { steps?: unknown[] } | null)?.steps;
    const id = (steps?.[path[1]] as { id?: unknown } | undefined)?.id;
    const field = path.slice(2).join('.');
    return {
      step: typeof id === 'string' ? id : `#${path[1] + 1}`,
      ...(field ? { field } : {}),
    };
  }
  return path.length ? { field: path.join('.') } : {};
}

function* textsOf(step: FlowStep): Generator<[field: string, text: Localized]> {
  if (step.hint) yield ['hint', step.hint];
  switch (step.kind) {
    case 'say':
      yield ['text', step.text];
      break;
    case 'ask':
      yield ['text', step.text];
      yield ['label', step.label];
      if (step.answer.type === 'choice') {
        for (const [i, o] of step.answer.options.entries())
          yield [`answer.options.${i}.label`, o.label];
      }
      break;
    case 'action':
      if (step.text) yield ['text', step.text];
      yield ['label', step.label];
      break;
    case 'end':
      if (step.text) yield ['text', step.text];
      break;
    case 'branch':
      break;
  }
}

export function successors(step: FlowStep): string[] {
  switch (step.kind) {
    case 'branch':
      return [...step.cases.map((c) => c.next), ...(step.otherwise ? [step.otherwise] : [])];
    case 'end':
      return [];
    default:
      return [step.next];
  }
}

function* comparisons(c: Condition): Generator<Extract<Condition, { var: string }>> {
  if ('var' in c) yield c;
  else if ('all' in c) for (const x of c.all) yield* comparisons(x);
  else if ('any' in c) for (const x of c.any) yield* comparisons(x);
  else yield* comparisons(c.not);
}

function checkComparison(
  flow: FlowDefinition,
  step: FlowStep,
  field: string,
  c: Extract<Condition, { var: string }>,
): FlowIssue[] {
  const ref = resolveReference(flow, c.var);
  const at = { step: step.id, field };
  if (ref.source === 'unknown')
    return [{ code: 'unknown-variable', ...at, params: { name: c.var } }];
  if (ref.source === 'unknown-answer')
    return [{ code: 'unknown-answer', ...at, params: { name: c.var } }];
  const op = comparisonOps.find((o) => c[o] !== undefined)!;
  if (op === 'set') return [];
  const type =
    ref.source === 'answer'
      ? ref.step.answer.type === 'choice'
        ? 'choice'
        : ref.step.answer.type === 'yes-no'
          ? 'boolean'
          : ref.step.answer.type === 'number'
            ? 'number'
            : ref.step.answer.type
      : ref.spec.type;
  const numeric = ['money', 'number', 'percent'].includes(type);
  const values = op === 'in' ? c.in! : [c[op] as string | number | boolean];
  const wrong = (expected: string): FlowIssue[] => [
    { code: 'wrong-comparison', ...at, params: { name: c.var, op, expected } },
  ];
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && !numeric) return wrong('no-order');
  if (numeric && values.some((v) => typeof v !== 'number')) return wrong('number');
  if (type === 'boolean' && (op === 'in' || values.some((v) => typeof v !== 'boolean')))
    return wrong('boolean');
  if (!numeric && type !== 'boolean' && values.some((v) => typeof v !== 'string'))
    return wrong('text');
  const options =
    ref.source === 'answer' && ref.step.answer.type === 'choice'
      ? ref.step.answer.options.map((o) => o.id)
      : ref.source === 'account'
        ? ref.spec.options
        : undefined;
  const unknown = options ? values.filter((v) => !options.includes(String(v))) : [];
  return unknown.map((v) => ({
    code: 'unknown-option' as const,
    ...at,
    params: { name: c.var, value: String(v), options: options!.join(', ') },
  }));
}

function prefillOf(step: FlowStep): Record<string, string | number | boolean> {
  if (step.kind !== 'action') return {};
  const a = step.action;
  if (a.type === 'open-panel' || a.type === 'request-service-order') return a.prefill;
  if (a.type === 'transfer') return { to: a.to };
  return {};
}

/** The checks after the shape: the graph, the languages, the variables, the codes. */
export function checkFlow(flow: FlowDefinition, options: ValidationOptions): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const byId = new Map<string, FlowStep>();
  for (const step of flow.steps) {
    if (byId.has(step.id)) issues.push({ code: 'duplicate-step', step: step.id, params: {} });
    else byId.set(step.id, step);
  }

  if (!byId.has(flow.start))
    issues.push({ code: 'unknown-step', field: 'start', params: { target: flow.start } });
  for (const step of flow.steps) {
    const targets: [string, string][] =
      step.kind === 'branch'
        ? [
            ...step.cases.map((c, i): [string, string] => [`cases.${i}.next`, c.next]),
            ...(step.otherwise ? [['otherwise', step.otherwise] as [string, string]] : []),
          ]
        : step.kind === 'end'
          ? []
          : [['next', step.next]];
    for (const [field, target] of targets) {
      if (!byId.has(target))
        issues.push({ code: 'unknown-step', step: step.id, field, params: { target } });
    }
    if (step.kind === 'branch' && !step.otherwise)
      issues.push({ code: 'branch-without-otherwise', step: step.id, params: {} });
  }

  // A step pointing nowhere cuts the graph: every step after it would be reported unreachable
  // too. The author fixes the targets first; the graph is checked once they all exist.
  const targetsExist = !issues.some((i) => i.code === 'unknown-step');
  // Reachable from the start ...
  const reached = new Set<string>();
  const queue = byId.has(flow.start) ? [flow.start] : [];
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of successors(byId.get(id)!)) if (byId.has(next)) queue.push(next);
  }
  for (const step of byId.values())
    if (targetsExist && !reached.has(step.id))
      issues.push({ code: 'unreachable-step', step: step.id, params: {} });

  // ... and able to reach an end: walk the graph backwards from every end step.
  const predecessors = new Map<string, string[]>();
  for (const step of byId.values())
    for (const next of successors(step))
      predecessors.set(next, [...(predecessors.get(next) ?? []), step.id]);
  const finishing = new Set<string>();
  const back = [...byId.values()].filter((s) => s.kind === 'end').map((s) => s.id);
  while (back.length) {
    const id = back.pop()!;
    if (finishing.has(id)) continue;
    finishing.add(id);
    back.push(...(predecessors.get(id) ?? []));
  }
  for (const step of byId.values()) {
    if (targetsExist && reached.has(step.id) && !finishing.has(step.id))
      issues.push({ code: 'no-way-out', step: step.id, params: {} });
  }

  const texts: [FlowStep | null, string, Localized][] = [
    [null, 'title', flow.title],
    ...(flow.description
      ? [[null, 'description', flow.description] as [null, string, Localized]]
      : []),
    ...flow.steps.flatMap((s) =>
      [...textsOf(s)].map(([f, t]): [FlowStep, string, Localized] => [s, f, t]),
    ),
  ];
  for (const [step, field, text] of texts) {
    const at = step ? { step: step.id, field } : { field };
    for (const locale of promptLocales) {
      if (!text[locale]?.trim())
        issues.push({ code: 'missing-language', ...at, params: { language: locale } });
    }
    for (const [locale, value] of Object.entries(text)) {
      if (hasUnbalancedBraces(value))
        issues.push({ code: 'unbalanced-braces', ...at, params: { language: locale } });
      for (const name of references(value)) {
        const ref = resolveReference(flow, name);
        if (ref.source === 'unknown')
          issues.push({ code: 'unknown-variable', ...at, params: { name, language: locale } });
        else if (ref.source === 'unknown-answer')
          issues.push({ code: 'unknown-answer', ...at, params: { name, language: locale } });
        else if (
          (ref.source === 'account' && !isReadable(ref.spec.type)) ||
          (ref.source === 'answer' && ref.step.answer.type === 'yes-no')
        )
          issues.push({ code: 'not-readable', ...at, params: { name, language: locale } });
      }
    }
  }
  // An error found once per language says the same thing twice: keep one.
  const seen = new Set<string>();
  const deduped = issues.filter((i) => {
    if (i.code !== 'unknown-variable' && i.code !== 'unknown-answer' && i.code !== 'not-readable')
      return true;
    const key = `${i.code}|${i.step}|${i.field}|${i.params.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  for (const step of flow.steps) {
    if (step.kind === 'branch') {
      for (const [i, c] of step.cases.entries())
        for (const cmp of comparisons(c.when))
          deduped.push(...checkComparison(flow, step, `cases.${i}.when`, cmp));
    }
    for (const [key, value] of Object.entries(prefillOf(step))) {
      if (typeof value !== 'string') continue;
      for (const name of references(value)) {
        const ref = resolveReference(flow, name);
        if (ref.source === 'unknown' || ref.source === 'unknown-answer')
          deduped.push({
            code: ref.source === 'unknown' ? 'unknown-variable' : 'unknown-answer',
            step: step.id,
            field: `action.${key === 'to' ? 'to' : `prefill.${key}`}`,
            params: { name },
          });
      }
    }
    if (step.kind === 'action' && step.action.type === 'open-panel') {
      if (!options.panels.includes(step.action.panel))
        deduped.push({
          code: 'unknown-panel',
          step: step.id,
          field: 'action.panel',
          params: { panel: step.action.panel, panels: options.panels.join(', ') },
        });
    }
    if (step.kind === 'end' && !options.wrapUpCodes.includes(step.wrapUpCode))
      deduped.push({
        code: 'unknown-wrap-up-code',
        step: step.id,
        field: 'wrapUpCode',
        params: { code: step.wrapUpCode, codes: options.wrapUpCodes.join(', ') },
      });
  }
  return deduped;
}

/** Checks an already-parsed flow (the library as the service serves it, a test's object). */
export function validateFlow(raw: unknown, options: ValidationOptions): FlowLoad {
  const parsed = flowDefinition.safeParse(raw);
  if (!parsed.success)
    return { ok: false, flow: null, issues: parsed.error.issues.map((i) => schemaIssue(i, raw)) };
  const issues = checkFlow(parsed.data, options);
  return issues.length
    ? { ok: false, flow: null, issues }
    : { ok: true, flow: parsed.data, issues: [] };
}

/**
 * Reads a flow file as written (YAML, or JSON, which YAML reads too) and validates it; every
 * problem comes back with its line in the file.
 */
export function loadFlowSource(source: string, options: ValidationOptions): FlowLoad {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    // The parser may place an unclosed bracket after the last line: point at the last one.
    const lastLine = source.trimEnd().split('\n').length;
    return {
      ok: false,
      flow: null,
      issues: doc.errors.map((e) => ({
        code: 'syntax',
        line: Math.min(lines.linePos(e.pos[0]).line, lastLine),
        params: { message: e.message.split('\n')[0] },
      })),
    };
  }
  let raw: unknown;
  try {
    // Aliases that expand without end (a "billion laughs") are refused, not expanded.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return {
      ok: false,
      flow: null,
      issues: [
        { code: 'syntax', line: 1, params: { message: (err as Error).message.split('\n')[0] } },
      ],
    };
  }
  const result = validateFlow(raw, options);
  if (result.ok) return result;
  const lineOf = (path: Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] };
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const steps = (raw as { steps?: { id?: unknown }[] } | null)?.steps ?? [];
  return {
    ok: false,
    flow: null,
    issues: result.issues.map((issue) => {
      const index = issue.step ? steps.findIndex((s) => s?.id === issue.step) : -1;
      const stepIndex =
        index >= 0
          ? index
          : /^#\d+$/.test(issue.step ?? '')
            ? Number(issue.step!.slice(1)) - 1
            : -1;
      const field = issue.field?.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? [];
      const path: Path = stepIndex >= 0 ? ['steps', stepIndex, ...field] : field;
      const line = lineOf(path);
      return line ? { ...issue, line } : issue;
    }),
  };
}
