import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepById } from '../../../shared/flows/runtime';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { bridge } from '../../bridge';
import { useAppStore } from '../../store';
import { watchCalls } from './call-watch';
import {
  currentScript,
  flowContext,
  promptLocaleOf,
  type Script,
  screenLocale,
} from './flows-slice';
import { StepView } from './StepView';
import './flows.css';
import { readableCode } from '../../../shared/i18n';

export const SCRIPT_PANEL_ID = 'script-panel';
export const FLOW_PICKER_ID = 'flow-picker';

/** A lead's authoring dialog (and its sample accounts) loads only when a lead opens it. */
const FlowAuthoring = lazy(() => import('./FlowAuthoring'));

/** Keys of the script work when the agent is in it and not typing in a field. */
function inScript(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.closest(`#${SCRIPT_PANEL_ID}`)) return false;
  return !target.closest('input, textarea, select, button, a[href], [contenteditable="true"]');
}

function askWithOptions(script: Script | null): boolean {
  if (!script) return false;
  const step = stepById(script.flow, script.run.at);
  return step.kind === 'ask' && (step.answer.type === 'yes-no' || step.answer.type === 'choice');
}

function WrapUpNote({ script }: { script: Script }) {
  const { t: tf } = useTranslation('flows');
  const { t: ts } = useTranslation('softphone');
  const useSuggested = useAppStore((s) => s.useSuggestedWrapUp);
  if (!script.wrapUp) return null;
  const code = ts(`wrapUp.codes.${script.wrapUp.code}`, {
    defaultValue: readableCode(script.wrapUp.code),
  });
  if (script.wrapUp.status === 'applied')
    return <p role="status">{tf('panel.codeApplied', { code })}</p>;
  if (script.wrapUp.status === 'offered') return <p role="status">{tf('panel.codeOffered')}</p>;
  return (
    <button type="button" onClick={useSuggested}>
      {tf('panel.useCode', { code })}
    </button>
  );
}

/** The call script the agent reads from: the flow the call suggests, in the caller's language. */
export function ScriptPanel() {
  const { t } = useTranslation();
  const { t: tf } = useTranslation('flows');
  const state = useAppStore();
  const script = currentScript(state);
  const flows = state.flows;
  const role = state.session?.principal?.role;
  const [authoring, setAuthoring] = useState(false);
  const screen = screenLocale();

  useEffect(() => watchCalls(), []);
  useEffect(() => {
    void useAppStore.getState().loadFlows();
    return bridge.on('flows.changed', (list) => useAppStore.getState().receiveFlows(list));
  }, []);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        id: 'flows.promptLanguage',
        keys: ['Ctrl+Alt+I'],
        labelKey: 'flows:shortcuts.promptLanguage',
        run: () => useAppStore.getState().togglePromptLocale(),
      },
      {
        id: 'flows.next',
        keys: ['Enter'],
        labelKey: 'flows:shortcuts.next',
        when: inScript,
        run: () => useAppStore.getState().nextScript(),
      },
      {
        id: 'flows.back',
        keys: ['Backspace'],
        labelKey: 'flows:shortcuts.back',
        when: inScript,
        run: () => useAppStore.getState().backScript(),
      },
      {
        id: 'flows.answer',
        keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
        display: ['1–9'],
        labelKey: 'flows:shortcuts.answer',
        when: (e) => inScript(e) && askWithOptions(currentScript(useAppStore.getState())),
        run: (e) => useAppStore.getState().answerScript(e.code.replace(/^Digit/, '') || e.key),
      },
    ],
    [],
  );
  useShortcuts(shortcuts);

  const readLocale = script ? promptLocaleOf(state, script) : screen;
  const ctx = script ? flowContext(state, script.key) : null;

  return (
    <aside id={SCRIPT_PANEL_ID} className="script" aria-labelledby="script-title" tabIndex={-1}>
      <div className="script-head">
        <h2 id="script-title">{t('script.title')}</h2>
        {(role === 'lead' || role === 'admin') && (
          <button type="button" className="link" onClick={() => setAuthoring(true)}>
            {tf('panel.manage')}
          </button>
        )}
      </div>
      <div className="script-controls">
        {/* Labelled by its own label, not wrapped in it: a wrapping label's name took in every option. */}
        <span className="field-inline">
          <label htmlFor={FLOW_PICKER_ID}>{tf('panel.flow')}</label>
          <select
            id={FLOW_PICKER_ID}
            data-testid="flow-picker"
            value={script?.flow.id ?? ''}
            onChange={(e) => e.target.value && state.startScript(e.target.value)}
          >
            <option value="" disabled>
              {flows.length ? tf('panel.chooseFlow') : tf('panel.noFlows')}
            </option>
            {flows.map((e) => (
              <option key={e.flow.id} value={e.flow.id}>
                {e.flow.title[screen] ?? e.flow.id}
              </option>
            ))}
          </select>
        </span>
        <fieldset className="segmented">
          <legend>{tf('panel.promptLanguage')}</legend>
          {(['en', 'es'] as const).map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              disabled={!script}
              aria-pressed={readLocale === l}
              data-testid={`prompt-${l}`}
              onClick={() => readLocale !== l && state.togglePromptLocale()}
            >
              {l === 'en' ? 'English' : 'Español'}
            </button>
          ))}
          <kbd>Ctrl+Alt+I</kbd>
        </fieldset>
        <label className="field-inline">
          <input
            type="checkbox"
            checked={state.showTranslation}
            onChange={() => state.toggleTranslation()}
          />
          <span>{tf('panel.translation')}</span>
        </label>
      </div>
      {state.flowsError && <p className="error">{tf('panel.loadFailed')}</p>}
      {!script || !ctx ? (
        <p className="empty">{t('script.empty')}</p>
      ) : (
        <>
          <p className="flow-meta" data-testid="flow-title">
            <strong>{script.flow.title[screen]}</strong> ·{' '}
            {tf('panel.version', { version: script.flow.version })}
            {script.suggested ? ` · ${tf('panel.suggested')}` : ''}
          </p>
          <StepView
            key={`${script.key}:${script.flow.id}`}
            idPrefix="script"
            flow={script.flow}
            run={script.run}
            ctx={ctx}
            readLocale={readLocale}
            besideLocale={state.showTranslation ? screen : null}
            error={script.error}
            onAnswer={state.answerScript}
            onNext={(skip) => state.nextScript({ skip })}
            onBack={state.backScript}
            endNote={<WrapUpNote script={script} />}
          />
          <details className="noted">
            <summary>
              {tf('panel.noted')} ({script.noted.length})
            </summary>
            {script.noted.length ? (
              <ul data-testid="noted">
                {script.noted.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines appended in order, never reordered
                  <li key={i}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{tf('panel.notedNothing')}</p>
            )}
          </details>
        </>
      )}
      <p className="keys small muted">{tf('panel.keys')}</p>
      {authoring && (
        <Suspense fallback={null}>
          <FlowAuthoring onClose={() => setAuthoring(false)} />
        </Suspense>
      )}
    </aside>
  );
}
