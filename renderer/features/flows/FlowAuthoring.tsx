import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Temporal } from '../../../shared/dates';
import {
  type AnswerError,
  answer,
  type BranchTaken,
  back,
  type FlowDefinition,
  type FlowIssue,
  type FlowRun,
  flowVariables,
  type Move,
  next,
  startRun,
} from '../../../shared/flows/runtime';
import { type SamplePresetId, sampleAccount, samplePresets } from '../../../shared/flows/samples';
import { formatNumber } from '../../../shared/i18n/format';
import { IpcFailure } from '../../../shared/ipc/failure';
import { useModalDialog } from '../../app/dialog';
import { call } from '../../bridge';
import { useAppStore } from '../../store';
import { messageKeyOf } from '../../store/errors';
import { useFormat } from '../account/format';
import { StepView } from './StepView';

/** The largest file the check accepts (the IPC channel's limit). */
const MAX_SOURCE = 200_000;

/** A problem of a flow file in the screen's language: where, then what. */
export function useIssueText() {
  const { t } = useTranslation('flows');
  return (issue: FlowIssue) => {
    const where = [
      issue.line ? t('issues.at.line', { line: issue.line }) : null,
      issue.step ? t('issues.at.step', { step: issue.step }) : null,
      issue.field ? t('issues.at.field', { field: issue.field }) : null,
    ].filter(Boolean);
    const p = issue.params;
    const language = typeof p.language === 'string' ? t(`languages.${p.language}`) : '';
    const message =
      issue.code === 'schema'
        ? t(`issues.schema.${p.problem}`, {
            ...p,
            expected: p.expected ? t(`issues.types.${p.expected}`) : '',
          })
        : issue.code === 'wrong-comparison'
          ? t(`issues.wrong-comparison.${p.expected}`, p)
          : t(`issues.${issue.code}`, { ...p, language });
    return where.length ? `${where.join(' · ')}: ${message}` : message;
  };
}

type Check = { ok: true; flow: FlowDefinition } | { ok: false; issues: FlowIssue[] };
type Said = { key: string; params?: Record<string, string | number> };

interface PreviewState {
  run: FlowRun;
  error: AnswerError | null;
  branches: BranchTaken[];
}

/** A flow walked against a sample account, prompts in English with the Spanish beside. */
function FlowPreview({ flow }: { flow: FlowDefinition }) {
  const { t } = useTranslation('flows');
  const view = useAppStore((s) => s.view);
  const principal = useAppStore((s) => s.session?.principal);
  const utilities = useAppStore((s) => s.utilities);
  const [sample, setSample] = useState<SamplePresetId | 'open'>(samplePresets[0].id);
  const today = Temporal.Now.plainDateISO().toString();
  const ctx = useMemo(() => {
    const account =
      sample === 'open' && view
        ? { header: view.header, detail: view.detail }
        : sampleAccount(today, samplePresets.find((p) => p.id === sample)?.options ?? {});
    return {
      today,
      variables: flowVariables(
        account,
        {
          agentName: principal?.name ?? '',
          agentLanguages: principal?.languages ?? ['en'],
          callerLanguage: account.header.language,
          callerPhone: account.header.phones[0],
        },
        today,
        utilities,
      ),
    };
  }, [sample, view, principal, utilities, today]);
  const fresh = (): PreviewState => {
    const move = startRun(flow, ctx);
    return { run: move.run, error: null, branches: move.branches };
  };
  const [state, setState] = useState<PreviewState>(fresh);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new flow or account starts over
  useEffect(() => setState(fresh()), [flow, ctx]);

  const moved = (move: Move | { ok: false; error: AnswerError }) =>
    'run' in move
      ? setState({ run: move.run, error: null, branches: [...state.branches, ...move.branches] })
      : setState({ ...state, error: move.error });

  return (
    <section className="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('authoring.preview')}</h3>
      <div className="preview-controls">
        <label className="field-inline">
          <span>{t('authoring.previewAgainst')}</span>
          <select
            value={sample}
            onChange={(e) => setSample(e.target.value as SamplePresetId | 'open')}
          >
            {samplePresets.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`authoring.samples.${p.id}`)}
              </option>
            ))}
            {view && (
              <option value="open">
                {t('authoring.openAccount', { number: view.header.number })}
              </option>
            )}
          </select>
        </label>
        <button type="button" onClick={() => setState(fresh())}>
          {t('authoring.restart')}
        </button>
      </div>
      <StepView
        idPrefix="preview"
        flow={flow}
        run={state.run}
        ctx={ctx}
        readLocale="en"
        besideLocale="es"
        error={state.error}
        onAnswer={(input) => moved(answer(flow, state.run, ctx, input))}
        onNext={(skip) => moved(next(flow, state.run, ctx, { skip }))}
        onBack={() => setState({ ...state, run: back(state.run), error: null })}
      />
      {state.branches.length > 0 && (
        <div className="branches">
          <h4>{t('authoring.branches')}</h4>
          <ul>
            {state.branches.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the branches in the order taken
              <li key={i}>
                {b.taken === 'otherwise'
                  ? t('authoring.branchOtherwise', { branch: b.branch })
                  : t('authoring.branchCase', { branch: b.branch, number: b.taken + 1 })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A team lead loads a flow file, sees what is wrong with it, previews it, and puts it in use. */
export default function FlowAuthoring({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation('flows');
  const { t: tc } = useTranslation();
  const issueText = useIssueText();
  const dialog = useRef<HTMLDialogElement>(null);
  const entries = useAppStore((s) => s.flows);
  const problems = useAppStore((s) => s.flowProblems);
  const [source, setSource] = useState('');
  const [checked, setChecked] = useState<Check | null>(null);
  /** What to tell the lead, kept as a key so it follows the screen language. */
  const [message, setMessage] = useState<Said | null>(null);
  const [error, setError] = useState<Said | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const screen = i18n.language === 'es' ? 'es' : 'en';
  const f = useFormat();
  const titleOf = (id: string) => entries.find((e) => e.flow.id === id)?.flow.title[screen] ?? id;
  const say = ({ key, params = {} }: Said) =>
    tc(key, {
      ...params,
      ...(typeof params.size === 'number'
        ? { size: `${formatNumber(params.size, screen)} kB` }
        : {}),
      ...(typeof params.id === 'string' ? { title: titleOf(params.id) } : {}),
    });

  useModalDialog(dialog, true);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setChecked(null);
    setMessage(null);
    setFileName(file.name);
    if (file.size > MAX_SOURCE) {
      setError({ key: 'flows:authoring.fileTooLarge', params: { size: MAX_SOURCE / 1000 } });
      return;
    }
    setError(null);
    setSource(await file.text());
  };

  const run = async (channel: 'flows.check' | 'flows.publish') => {
    setMessage(null);
    setError(null);
    if (!source.trim()) {
      setError({ key: 'flows:authoring.empty' });
      return;
    }
    setBusy(true);
    try {
      if (channel === 'flows.check') {
        setChecked(await call('flows.check', { source }));
      } else {
        const { entry } = await call('flows.publish', { source });
        // The preview of the flow just checked goes on where it was.
        if (!checked?.ok) setChecked({ ok: true, flow: entry.flow });
        setMessage({
          key: 'flows:authoring.published',
          params: { version: entry.flow.version, id: entry.flow.id },
        });
      }
    } catch (err) {
      const details =
        err instanceof IpcFailure ? (err.error.details as { issues?: FlowIssue[] }) : null;
      if (details?.issues) setChecked({ ok: false, issues: details.issues });
      setError({ key: messageKeyOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="overlay authoring"
      aria-labelledby="authoring-title"
      onCancel={onClose}
      onClose={onClose}
    >
      <h2 id="authoring-title">{t('authoring.title')}</h2>
      <p>{t('authoring.intro')}</p>
      <div className="authoring-source">
        <div className="field">
          <span>{t('authoring.file')}</span>
          <span className="file-pick">
            {/* The browser's own file button speaks the browser's language: ours speaks the agent's. */}
            <label className="button">
              {t('authoring.chooseFile')}
              <input
                type="file"
                className="visually-hidden"
                accept=".yaml,.yml,.json"
                onChange={(e) => void pick(e)}
              />
            </label>
            <span className="muted">{fileName ?? t('authoring.noFile')}</span>
          </span>
        </div>
        <label className="field">
          <span>{t('authoring.paste')}</span>
          <textarea
            rows={8}
            spellCheck={false}
            value={source}
            onChange={(e) => {
              setSource(e.target.value);
              setChecked(null);
              setMessage(null);
            }}
          />
        </label>
        <div className="buttons">
          <button type="button" disabled={busy} onClick={() => void run('flows.check')}>
            {t('authoring.check')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run('flows.publish')}
          >
            {t('authoring.publish')}
          </button>
          <button type="button" onClick={onClose}>
            {t('authoring.close')}
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {busy && <p>{t('authoring.checking')}</p>}
        {error && (
          <p className="error" role="alert">
            {say(error)}
          </p>
        )}
        {message && <p className="notice">{say(message)}</p>}
        {checked?.ok === false && (
          <div className="issues" data-testid="flow-issues">
            <p>{t('authoring.problems', { count: checked.issues.length })}</p>
            <ol>
              {checked.issues.map((issue, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems in file order
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ol>
          </div>
        )}
        {checked?.ok && !message && (
          <p className="notice">
            {t('authoring.valid', {
              title: checked.flow.title[screen] ?? checked.flow.id,
              version: checked.flow.version,
              steps: checked.flow.steps.length,
            })}
          </p>
        )}
      </div>
      {checked?.ok && <FlowPreview flow={checked.flow} />}
      <section aria-labelledby="in-use-title">
        <h3 id="in-use-title">{t('authoring.loaded')}</h3>
        <ul className="in-use">
          {entries.map((e) => (
            <li key={e.flow.id}>
              <strong>{e.flow.title[screen] ?? e.flow.id}</strong> ·{' '}
              {t('panel.version', { version: e.flow.version })} ·{' '}
              {e.source === 'library'
                ? t('authoring.library')
                : t('authoring.publishedBy', {
                    name: e.publishedBy ?? '—',
                    date: e.publishedAt ? f.dateTime(e.publishedAt) : '—',
                  })}
            </li>
          ))}
        </ul>
        {problems.map((p) => (
          <div key={p.file} className="issues">
            <p>{t('authoring.brokenFile', { file: p.file })}</p>
            <ol>
              {p.issues.map((issue, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems in file order
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ol>
          </div>
        ))}
      </section>
    </dialog>
  );
}
