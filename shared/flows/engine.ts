import { type AnswerError, type AnswerValue, parseAnswer } from './answers';
import type { Condition, FlowDefinition, FlowStep, PromptLocale, StepOf } from './schema';
import {
  answerType,
  formatValue,
  type Lookup,
  renderSegments,
  resolveReference,
  type Segment,
} from './template';
import type { FlowVariables, VariableType } from './variables';

/**
 * A flow as it runs on one call: where the agent is, how they got there (so Back retraces it),
 * and what the caller answered. Pure: every move takes the run and gives a new one, with the
 * effects the screen should carry out (open a panel, transfer, suggest a wrap-up code) and what
 * should go into the call's notes.
 */
export interface FlowRun {
  flowId: string;
  version: number;
  /** The step on screen: never a branch (branches are decided on the way). */
  at: string;
  /** The steps shown before this one, in order. */
  trail: string[];
  answers: Record<string, AnswerValue>;
  /** Action steps carried out (or skipped) on the way. */
  actions: Record<string, 'done' | 'skipped'>;
  finished: boolean;
}

/** What a run reads: the account's and call's variables, and the day of the call. */
export interface FlowContext {
  variables: FlowVariables;
  /** `YYYY-MM-DD`: the day of the call (date answers are bounded from it). */
  today: string;
}

export type FlowEffect =
  | { type: 'open-panel'; panel: string; prefill: Record<string, string | number | boolean> }
  | { type: 'transfer'; kind: 'agent' | 'queue' | 'number'; to: string; warm: boolean }
  | { type: 'wrap-up'; code: string };

/** A line for the call's notes, kept as data so it can be written in any language. */
export type NoteEntry =
  | { kind: 'start' }
  | { kind: 'answer'; step: string; value: AnswerValue; changed: boolean }
  | { kind: 'action'; step: string; outcome: 'done' | 'skipped' }
  | { kind: 'end'; step: string; code: string };

/** A branch decided on the way: which case it took (its index) or `otherwise`. */
export interface BranchTaken {
  branch: string;
  taken: number | 'otherwise';
}

export interface Move {
  run: FlowRun;
  effects: FlowEffect[];
  notes: NoteEntry[];
  branches: BranchTaken[];
}

export type AnswerOutcome = ({ ok: true } & Move) | { ok: false; error: AnswerError };

export class FlowRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowRunError';
  }
}

export function stepById(flow: FlowDefinition, id: string): FlowStep {
  const step = flow.steps.find((s) => s.id === id);
  if (!step) throw new FlowRunError(`flow ${flow.id} has no step ${id}`);
  return step;
}

export function currentStep(flow: FlowDefinition, run: FlowRun): FlowStep {
  return stepById(flow, run.at);
}

type Typed = { type: VariableType | 'choice'; value: AnswerValue };

function typedValue(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  name: string,
): Typed | undefined {
  const ref = resolveReference(flow, name);
  if (ref.source === 'answer') {
    const value = run.answers[ref.step.id];
    return value === undefined ? undefined : { type: answerType(ref.step.answer), value };
  }
  if (ref.source === 'account') {
    const value = ctx.variables[name as keyof FlowVariables];
    return value === undefined ? undefined : { type: ref.spec.type, value };
  }
  return undefined;
}

/**
 * A comparison on a missing value is false (only `set: false` holds), so a flow never takes a
 * path on data it does not have. Money is compared in dollars, as the author writes it.
 */
export function evaluate(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  c: Condition,
): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(flow, run, ctx, x));
  if ('any' in c) return c.any.some((x) => evaluate(flow, run, ctx, x));
  if ('not' in c) return !evaluate(flow, run, ctx, c.not);
  const v = typedValue(flow, run, ctx, c.var);
  if (c.set !== undefined) return (v !== undefined) === c.set;
  if (v === undefined) return false;
  const scale = v.type === 'money' ? 100 : 1;
  const literal = (x: string | number | boolean) =>
    typeof x === 'number' ? Math.round(x * scale) : x;
  const amount = (x: number) => Math.round(x * scale);
  if (c.eq !== undefined) return v.value === literal(c.eq);
  if (c.ne !== undefined) return v.value !== literal(c.ne);
  if (c.in !== undefined) return c.in.map(literal).includes(v.value);
  const n = Number(v.value);
  if (c.gt !== undefined) return n > amount(c.gt);
  if (c.gte !== undefined) return n >= amount(c.gte);
  if (c.lt !== undefined) return n < amount(c.lt);
  if (c.lte !== undefined) return n <= amount(c.lte);
  return false;
}

/** From a step id to the next step to show, deciding branches on the way. */
function settle(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  id: string,
): { at: string; branches: BranchTaken[] } {
  const branches: BranchTaken[] = [];
  let step = stepById(flow, id);
  // A validated flow has no branch loop without a step between; the bound guards anything else.
  for (let guard = 0; step.kind === 'branch'; guard++) {
    if (guard > flow.steps.length) throw new FlowRunError(`flow ${flow.id} loops at ${step.id}`);
    const index = step.cases.findIndex((c) => evaluate(flow, run, ctx, c.when));
    const next = index >= 0 ? step.cases[index].next : step.otherwise;
    if (next === undefined) throw new FlowRunError(`branch ${step.id} has no way out`);
    branches.push({ branch: step.id, taken: index >= 0 ? index : 'otherwise' });
    step = stepById(flow, next);
  }
  return { at: step.id, branches };
}

function advance(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  target: string,
  effects: FlowEffect[],
  notes: NoteEntry[],
): Move {
  const { at, branches } = settle(flow, run, ctx, target);
  // Coming to a step going forward (a flow may loop back to a question) asks it afresh.
  const { [at]: _answer, ...answers } = run.answers;
  const { [at]: _action, ...actions } = run.actions;
  return {
    run: { ...run, trail: [...run.trail, run.at], at, answers, actions },
    effects,
    notes,
    branches,
  };
}

export function startRun(flow: FlowDefinition, ctx: FlowContext): Move {
  const blank: FlowRun = {
    flowId: flow.id,
    version: flow.version,
    at: flow.start,
    trail: [],
    answers: {},
    actions: {},
    finished: false,
  };
  const { at, branches } = settle(flow, blank, ctx, flow.start);
  return { run: { ...blank, at }, effects: [], notes: [{ kind: 'start' }], branches };
}

/** Records the answer to the question on screen and moves on; a refused answer changes nothing. */
export function answer(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  input: string,
): AnswerOutcome {
  const step = currentStep(flow, run);
  if (step.kind !== 'ask') throw new FlowRunError(`step ${step.id} asks nothing`);
  const parsed = parseAnswer(step.answer, input, ctx.today);
  if (!parsed.ok) return parsed;
  const before = run.answers[step.id];
  const answered = { ...run, answers: { ...run.answers, [step.id]: parsed.value } };
  const note: NoteEntry = {
    kind: 'answer',
    step: step.id,
    value: parsed.value,
    changed: before !== undefined && before !== parsed.value,
  };
  // The same answer given again (after Back) is already in the notes.
  const notes = before === parsed.value ? [] : [note];
  return { ok: true, ...advance(flow, answered, ctx, step.next, [], notes) };
}

/** What carrying out an action asks of the screen, with its prefill resolved for this call. */
export function actionEffect(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  step: StepOf<'action'>,
  locale: PromptLocale,
): FlowEffect {
  const a = step.action;
  const resolve = (prefill: Record<string, string | number | boolean>) => {
    const out: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(prefill)) {
      const resolved = resolveValue(flow, run, ctx, value, locale);
      if (resolved !== undefined) out[key] = resolved;
    }
    return out;
  };
  switch (a.type) {
    case 'open-panel':
      return { type: 'open-panel', panel: a.panel, prefill: resolve(a.prefill) };
    case 'request-service-order':
      return {
        type: 'open-panel',
        panel: 'service-order',
        prefill: { ...resolve(a.prefill), type: a.orderType },
      };
    case 'issue-notice': {
      // The customer's rights are printed in the caller's language.
      const language = ctx.variables['caller.language'];
      return {
        type: 'open-panel',
        panel: 'notice',
        prefill: { kind: a.kind, ...(language ? { rightsLanguage: language } : {}) },
      };
    }
    case 'transfer':
      return {
        type: 'transfer',
        kind: a.kind,
        to: String(resolveValue(flow, run, ctx, a.to, locale) ?? a.to),
        warm: a.warm,
      };
  }
}

/**
 * A prefill value: `{{name}}` alone passes the value itself (money in dollars, a date, a
 * choice's id); text around variables is written out in `locale`; a missing variable leaves the
 * field out.
 */
function resolveValue(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  value: string | number | boolean,
  locale: PromptLocale,
): string | number | boolean | undefined {
  if (typeof value !== 'string') return value;
  const whole = /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(value);
  if (whole) {
    const v = typedValue(flow, run, ctx, whole[1]);
    // The workspace's panels take amounts in dollars, as an agent types them.
    return v?.type === 'money' ? (Number(v.value) / 100).toFixed(2) : v?.value;
  }
  const segments = renderSegments(value, locale, lookupFor(flow, run, ctx));
  if (segments.some((s) => s.kind === 'missing')) return undefined;
  return segments.map((s) => (s.kind === 'missing' ? '' : s.text)).join('');
}

/**
 * Next: past a prompt; past a question already answered (after Back); an action is carried out
 * (or skipped, `skip`); an end step finishes the run and suggests its wrap-up code.
 */
export function next(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  options: { skip?: boolean; locale?: PromptLocale } = {},
): Move | { ok: false; error: AnswerError } {
  const step = currentStep(flow, run);
  switch (step.kind) {
    case 'say':
      return advance(flow, run, ctx, step.next, [], []);
    case 'ask':
      if (run.answers[step.id] === undefined)
        return { ok: false, error: { code: 'required', params: {} } };
      return advance(flow, run, ctx, step.next, [], []);
    case 'action': {
      const outcome = options.skip ? 'skipped' : 'done';
      const effects = options.skip
        ? []
        : [actionEffect(flow, run, ctx, step, options.locale ?? 'en')];
      const acted = { ...run, actions: { ...run.actions, [step.id]: outcome } } as FlowRun;
      return advance(flow, acted, ctx, step.next, effects, [
        { kind: 'action', step: step.id, outcome },
      ]);
    }
    case 'end':
      if (run.finished) return { run, effects: [], notes: [], branches: [] };
      return {
        run: { ...run, finished: true },
        effects: [{ type: 'wrap-up', code: step.wrapUpCode }],
        notes: [{ kind: 'end', step: step.id, code: step.wrapUpCode }],
        branches: [],
      };
    case 'branch':
      throw new FlowRunError(`a run never rests on branch ${step.id}`);
  }
}

/**
 * One step back along the way the run came. Answers and actions of the steps left behind are
 * forgotten (the step returned to keeps its answer, shown for the agent to confirm or change).
 */
export function back(run: FlowRun): FlowRun {
  if (run.trail.length === 0) return run;
  const at = run.trail.at(-1)!;
  const trail = run.trail.slice(0, -1);
  const kept = new Set([...trail, at]);
  const pick = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([id]) => kept.has(id)));
  return {
    ...run,
    at,
    trail,
    answers: pick(run.answers),
    // The action returned to can be carried out again; the request already made stands.
    actions: pick(Object.fromEntries(Object.entries(run.actions).filter(([id]) => id !== at))),
    finished: false,
  };
}

/** The suggested wrap-up code, once the run stands on its end step. */
export function suggestedWrapUp(flow: FlowDefinition, run: FlowRun): string | null {
  const step = currentStep(flow, run);
  return step.kind === 'end' ? step.wrapUpCode : null;
}

/** Reads a name for a prompt: an account variable through Intl, an answer as given. */
export function lookupFor(flow: FlowDefinition, run: FlowRun, ctx: FlowContext): Lookup {
  return (name, locale) => {
    const v = typedValue(flow, run, ctx, name);
    if (v === undefined) return null;
    if (v.type === 'choice') {
      const ref = resolveReference(flow, name);
      if (ref.source !== 'answer' || ref.step.answer.type !== 'choice') return String(v.value);
      return (
        ref.step.answer.options.find((o) => o.id === v.value)?.label[locale] ?? String(v.value)
      );
    }
    return formatValue(v.type, v.value, locale);
  };
}

/** A step's text (or hint, or label) in a language, with the call's values filled in. */
export function renderText(
  flow: FlowDefinition,
  run: FlowRun,
  ctx: FlowContext,
  text: Record<string, string> | undefined,
  locale: PromptLocale,
): Segment[] {
  if (!text) return [];
  return renderSegments(text[locale] ?? '', locale, lookupFor(flow, run, ctx));
}

/** The flow a call's reason suggests: the first that lists the reason, else the fallback. */
export function suggestFlow<F extends Pick<FlowDefinition, 'reasons' | 'fallback'>>(
  flows: readonly F[],
  reason: string | undefined,
): F | null {
  return (
    (reason ? flows.find((f) => f.reasons.includes(reason)) : undefined) ??
    flows.find((f) => f.fallback) ??
    null
  );
}

/**
 * The flow to start when a call is answered: a caller whose language the agent does not speak
 * needs the interpreter flow first; otherwise the flow the call's reason suggests.
 */
export function flowForCall<F extends Pick<FlowDefinition, 'reasons' | 'fallback'>>(
  flows: readonly F[],
  call: { reason?: string; callerLanguage?: string; agentLanguages: readonly string[] },
): F | null {
  if (call.callerLanguage && !call.agentLanguages.includes(call.callerLanguage)) {
    const interpreter = flows.find((f) => f.reasons.includes('interpreter'));
    if (interpreter) return interpreter;
  }
  return suggestFlow(flows, call.reason);
}
