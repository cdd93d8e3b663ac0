import type { StateCreator } from 'zustand';
import { Temporal } from '../../../shared/dates';
import {
  type AnswerError,
  answer,
  back,
  type FlowContext,
  type FlowDefinition,
  type FlowRun,
  flowForCall,
  flowVariables,
  type Move,
  next,
  noteLine,
  type PromptLocale,
  startRun,
  suggestedWrapUp,
} from '../../../shared/flows/runtime';
import type { FlowEntry, FlowsList, Locale } from '../../../shared/ipc';
import type { Call } from '../../../shared/telephony/types';
import { call } from '../../bridge';
import { i18n } from '../../i18n';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';
import type { PanelId } from '../../store/ui-slice';

/** The key of a script run with no call: the agent practising or reading ahead. */
export const PRACTICE = 'practice';

/** A flow running on one call (or in practice). */
export interface Script {
  key: string;
  /** The version in use when the run started: a version loaded mid-call does not move the agent. */
  flow: FlowDefinition;
  run: FlowRun;
  /** The prompt language chosen for this call; null follows the setting (auto: the caller's). */
  promptOverride: Locale | null;
  error: AnswerError | null;
  /** What this run put in the call's notes, as written. */
  noted: string[];
  /** The notes are written in the screen's language when the run started, one language a call. */
  notesLocale: PromptLocale;
  /** The suggested wrap-up code: set, waiting for wrap-up, or the agent kept another. */
  wrapUp: { code: string; status: 'applied' | 'offered' | 'kept' } | null;
  /** Started by the call's reason (not picked by the agent). */
  suggested: boolean;
}

export interface FlowsSlice {
  flows: FlowEntry[];
  utilities: FlowsList['utilities'];
  flowProblems: FlowsList['problems'];
  flowsError: string | null;
  scripts: Record<string, Script>;
  /** Shows the screen language beside the prompt when the two differ. */
  showTranslation: boolean;
  loadFlows(): Promise<void>;
  receiveFlows(list: FlowsList): void;
  /** Starts a flow on the call on screen (or in practice). */
  startScript(flowId: string, suggested?: boolean): void;
  /** The flow the call suggests, when a call is answered. */
  startForCall(callId: string): void;
  answerScript(input: string): void;
  nextScript(options?: { skip?: boolean }): void;
  backScript(): void;
  togglePromptLocale(): void;
  toggleTranslation(): void;
  /** Wrap-up started: the suggested code of a run standing at its end is set. */
  wrapUpStarted(): void;
  /** Sets the suggested code after the agent had chosen another. */
  useSuggestedWrapUp(): void;
  /** The call's wrap-up is over: its script goes with it. */
  dropEndedScripts(): void;
}

/** The call the screen is about: the one on the line, else the last one in wrap-up. */
export function scriptKey(s: AppState): string {
  const d = s.desk;
  if (d.active && d.active.state !== 'ringing' && d.active.state !== 'ended') return d.active.id;
  return d.wrapUp?.calls.at(-1)?.id ?? PRACTICE;
}

export function currentScript(s: AppState): Script | null {
  return s.scripts[scriptKey(s)] ?? null;
}

function callOf(s: AppState, key: string): Call | null {
  const d = s.desk;
  return [d.active, d.other, ...(d.wrapUp?.calls ?? [])].find((c) => c && c.id === key) ?? null;
}

let lastUtilityId: string | undefined;

/** What the flow reads on this call: the open account, the agent, the caller, today. */
export function flowContext(s: AppState, key: string): FlowContext {
  const caller = callOf(s, key)?.caller;
  const principal = s.session?.principal;
  if (s.view) lastUtilityId = s.view.header.utilityId;
  const today = Temporal.Now.plainDateISO().toString();
  return {
    today,
    variables: flowVariables(
      s.view ? { header: s.view.header, detail: s.view.detail } : null,
      {
        agentName: principal?.name ?? '',
        agentLanguages: principal?.languages ?? ['en'],
        callerLanguage: caller?.language,
        callerPhone: caller?.from.replace(/^\+1(?=\d{10}$)/, ''),
        utilityId: lastUtilityId,
      },
      today,
      s.utilities,
    ),
  };
}

/** The language prompts are read in: this call's choice, else the setting, else the caller's. */
export function promptLocaleOf(s: AppState, script: Script): PromptLocale {
  if (script.promptOverride) return script.promptOverride;
  const setting = s.settings?.promptLocale ?? 'auto';
  if (setting !== 'auto') return setting;
  return callOf(s, script.key)?.caller.language ?? s.view?.header.language ?? screenLocale();
}

export function screenLocale(): PromptLocale {
  return i18n.language === 'es' ? 'es' : 'en';
}

export const createFlowsSlice: StateCreator<AppState, [], [], FlowsSlice> = (set, get) => {
  const update = (key: string, patch: Partial<Script>) => {
    const script = get().scripts[key];
    if (script) set({ scripts: { ...get().scripts, [key]: { ...script, ...patch } } });
  };

  /** The code a finished (or ended) run suggests, set when wrap-up allows it. */
  const suggestCode = (key: string, code: string): Script['wrapUp'] => {
    const wrapUp = get().desk.wrapUp;
    if (!wrapUp?.calls.some((c) => c.id === key)) return { code, status: 'offered' };
    if (wrapUp.code && wrapUp.code !== code) return { code, status: 'kept' };
    if (!wrapUp.code) get().setWrapUpCode(code);
    return { code, status: 'applied' };
  };

  /** Carries out a move: its notes into the call's notes, its effects on the screen. */
  const apply = (key: string, flow: FlowDefinition, move: Move) => {
    const locale = get().scripts[key]?.notesLocale ?? screenLocale();
    const lines = move.notes.map((n) => noteLine(flow, n, locale));
    if (key !== PRACTICE) for (const line of lines) get().appendCallNotes(line);
    let wrapUp = get().scripts[key]?.wrapUp ?? null;
    for (const effect of move.effects) {
      if (effect.type === 'open-panel') get().openPanel(effect.panel as PanelId, effect.prefill);
      else if (effect.type === 'transfer' && key !== PRACTICE)
        void get().transfer({ kind: effect.kind, to: effect.to, warm: effect.warm });
      else if (effect.type === 'wrap-up' && key !== PRACTICE)
        wrapUp = suggestCode(key, effect.code);
    }
    const script = get().scripts[key];
    if (script)
      update(key, { run: move.run, error: null, noted: [...script.noted, ...lines], wrapUp });
  };

  const begin = (key: string, entry: FlowEntry, suggested: boolean) => {
    const flow = entry.flow;
    const move = startRun(flow, flowContext(get(), key));
    const { [PRACTICE]: _practice, ...calls } = get().scripts;
    const kept = key === PRACTICE ? get().scripts : calls;
    set({
      scripts: {
        ...kept,
        [key]: {
          key,
          flow,
          run: move.run,
          promptOverride: get().scripts[key]?.promptOverride ?? null,
          error: null,
          noted: [],
          notesLocale: screenLocale(),
          wrapUp: null,
          suggested,
        },
      },
    });
    apply(key, flow, move);
  };

  const withScript = (fn: (script: Script, ctx: FlowContext) => void) => {
    const key = scriptKey(get());
    const script = get().scripts[key];
    if (script) fn(script, flowContext(get(), key));
  };

  return {
    flows: [],
    utilities: {},
    flowProblems: [],
    flowsError: null,
    scripts: {},
    showTranslation: true,
    async loadFlows() {
      try {
        get().receiveFlows(await call('flows.list', {}));
      } catch (err) {
        set({ flowsError: messageKeyOf(err) });
      }
    },
    receiveFlows(list) {
      set({
        flows: list.flows,
        utilities: list.utilities,
        flowProblems: list.problems,
        flowsError: null,
      });
    },
    startScript(flowId, suggested = false) {
      const entry = get().flows.find((e) => e.flow.id === flowId);
      if (entry) begin(scriptKey(get()), entry, suggested);
    },
    startForCall(callId) {
      const s = get();
      const caller = callOf(s, callId)?.caller;
      const flow = flowForCall(
        s.flows.map((e) => e.flow),
        {
          reason: caller?.reason,
          callerLanguage: caller?.language,
          agentLanguages: s.session?.principal?.languages ?? ['en'],
        },
      );
      const entry = flow && s.flows.find((e) => e.flow.id === flow.id);
      if (entry) begin(callId, entry, true);
    },
    answerScript(input) {
      withScript((script, ctx) => {
        const outcome = answer(script.flow, script.run, ctx, input);
        if (outcome.ok) apply(script.key, script.flow, outcome);
        else update(script.key, { error: outcome.error });
      });
    },
    nextScript(options = {}) {
      withScript((script, ctx) => {
        const move = next(script.flow, script.run, ctx, {
          skip: options.skip,
          locale: screenLocale(),
        });
        if ('ok' in move) update(script.key, { error: move.error });
        else apply(script.key, script.flow, move);
      });
    },
    backScript() {
      withScript((script) => update(script.key, { run: back(script.run), error: null }));
    },
    togglePromptLocale() {
      withScript((script) =>
        update(script.key, {
          promptOverride: promptLocaleOf(get(), script) === 'es' ? 'en' : 'es',
        }),
      );
    },
    toggleTranslation() {
      set({ showTranslation: !get().showTranslation });
    },
    wrapUpStarted() {
      for (const c of get().desk.wrapUp?.calls ?? []) {
        const script = get().scripts[c.id];
        if (!script) continue;
        const code = script.wrapUp?.code ?? suggestedWrapUp(script.flow, script.run);
        if (code) update(c.id, { wrapUp: suggestCode(c.id, code) });
      }
    },
    useSuggestedWrapUp() {
      withScript((script) => {
        if (!script.wrapUp) return;
        get().setWrapUpCode(script.wrapUp.code);
        update(script.key, { wrapUp: { code: script.wrapUp.code, status: 'applied' } });
      });
    },
    dropEndedScripts() {
      const d = get().desk;
      const live = new Set(
        [d.active, d.other, ...(d.wrapUp?.calls ?? [])].filter((c) => c).map((c) => c!.id),
      );
      set({
        scripts: Object.fromEntries(
          Object.entries(get().scripts).filter(([key]) => key === PRACTICE || live.has(key)),
        ),
      });
    },
  };
};
