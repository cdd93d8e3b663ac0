import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allUtilityFacts,
  answer,
  type CallFacts,
  defaultFlowValidation,
  type FlowAccount,
  type FlowContext,
  type FlowDefinition,
  type FlowRun,
  flowVariables,
  loadFlowSource,
  type Move,
  next,
  type PromptLocale,
  renderText,
  type Segment,
  startRun,
  stepById,
} from '../../../shared/flows';

export const LIBRARY_DIR = 'shared/flows/library';
export const TODAY = '2026-03-16';

/** The library as the desktop loads it: every file, validated. */
export function library(): FlowDefinition[] {
  return readdirSync(LIBRARY_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const loaded = loadFlowSource(
        readFileSync(join(LIBRARY_DIR, f), 'utf8'),
        defaultFlowValidation,
      );
      if (!loaded.ok) throw new Error(`${f}: ${JSON.stringify(loaded.issues)}`);
      return loaded.flow;
    });
}

export function flowById(id: string): FlowDefinition {
  const flow = library().find((f) => f.id === id);
  if (!flow) throw new Error(`no flow ${id}`);
  return flow;
}

export const ALEX: CallFacts = { agentName: 'Alex Rivera', agentLanguages: ['en'] };
export const MARISOL: CallFacts = { agentName: 'Marisol Vega', agentLanguages: ['en', 'es'] };

export function contextFor(
  account: FlowAccount | null,
  call: CallFacts = ALEX,
  today = TODAY,
): FlowContext {
  return {
    today,
    variables: flowVariables(
      account,
      { callerPhone: '2155550187', utilityId: 'philadelphia-water-pa', ...call },
      today,
      allUtilityFacts(),
    ),
  };
}

export const plain = (segments: Segment[]) =>
  segments.map((s) => (s.kind === 'missing' ? `[${s.name}]` : s.text)).join('');

/** A scripted walk: answers by step id (what the agent types or the option's number). */
export function walk(
  flow: FlowDefinition,
  ctx: FlowContext,
  answers: Record<string, string>,
  options: { skip?: string[]; locale?: PromptLocale } = {},
): { run: FlowRun; moves: Move[]; said: string[] } {
  const locale = options.locale ?? 'en';
  const first = startRun(flow, ctx);
  const moves: Move[] = [first];
  let run = first.run;
  const said: string[] = [];
  for (let guard = 0; !run.finished; guard++) {
    if (guard > 200) throw new Error(`${flow.id}: no end after 200 steps at ${run.at}`);
    const step = stepById(flow, run.at);
    if ('text' in step && step.text)
      said.push(plain(renderText(flow, run, ctx, step.text, locale)));
    let move: Move;
    if (step.kind === 'ask') {
      const input = answers[step.id];
      if (input === undefined) throw new Error(`${flow.id}: no answer scripted for ${step.id}`);
      const outcome = answer(flow, run, ctx, input);
      if (!outcome.ok)
        throw new Error(`${flow.id}: ${step.id} refused ${input}: ${outcome.error.code}`);
      move = outcome;
    } else {
      const outcome = next(flow, run, ctx, {
        skip: options.skip?.includes(step.id),
        locale,
      });
      if ('ok' in outcome) throw new Error(`${flow.id}: next refused at ${step.id}`);
      move = outcome;
    }
    moves.push(move);
    run = move.run;
  }
  return { run, moves, said };
}

export const effectsOf = (moves: Move[]) => moves.flatMap((m) => m.effects);
export const branchesOf = (moves: Move[]) => moves.flatMap((m) => m.branches);
