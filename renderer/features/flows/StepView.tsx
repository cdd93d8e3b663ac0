import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePlainDate } from '../../../shared/dates';
import {
  type AnswerError,
  type FlowContext,
  type FlowDefinition,
  type FlowRun,
  type PromptLocale,
  renderText,
  type Segment,
  stepById,
} from '../../../shared/flows/runtime';
import { readableCode } from '../../../shared/i18n';
import { formatMoney, formatNumber, formatPlainDate } from '../../../shared/i18n/format';
import { keycapText } from '../../app/shortcuts';

function Prompt({
  segments,
  lang,
  className,
  inline = false,
}: {
  segments: Segment[];
  lang: PromptLocale;
  className: string;
  inline?: boolean;
}) {
  const { t } = useTranslation('flows');
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className={className} lang={lang}>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one prompt, in order
          <span key={i}>{s.text}</span>
        ) : s.kind === 'value' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one prompt, in order
          <strong key={i} className="value">
            {s.text}
          </strong>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one prompt, in order
          <span key={i} className="missing">
            {t('panel.missingValue', { name: s.name })}
          </span>
        ),
      )}
    </Tag>
  );
}

/** An answer refused, in the screen's language, with its bound written as the screen writes it. */
export function useAnswerErrorText() {
  const { t, i18n } = useTranslation('flows');
  const locale: PromptLocale = i18n.language === 'es' ? 'es' : 'en';
  return (error: AnswerError) => {
    const params: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(error.params)) {
      if (error.format === 'money') params[key] = formatMoney(Number(value), locale);
      else if (error.format === 'date') {
        const date = parsePlainDate(String(value));
        params[key] = date ? formatPlainDate(date, locale, 'long') : String(value);
      } else params[key] = typeof value === 'number' ? formatNumber(value, locale) : value;
    }
    return t(`answerErrors.${error.code}`, params);
  };
}

export interface StepViewProps {
  flow: FlowDefinition;
  run: FlowRun;
  ctx: FlowContext;
  /** The language read to the caller. */
  readLocale: PromptLocale;
  /** Another language shown beside it (the screen's, or in a preview the other one). */
  besideLocale: PromptLocale | null;
  error: AnswerError | null;
  onAnswer(input: string): void;
  onNext(skip?: boolean): void;
  onBack(): void;
  /** Shown under an end step: what became of the suggested wrap-up code. */
  endNote?: ReactNode;
  idPrefix: string;
}

/** One step of a flow as the agent works it: what to read, what to ask, what to do. */
export function StepView(props: StepViewProps) {
  const { flow, run, ctx, readLocale, besideLocale, error, idPrefix } = props;
  const { t, i18n } = useTranslation('flows');
  const { t: ts } = useTranslation('softphone');
  const errorText = useAnswerErrorText();
  const screen: PromptLocale = i18n.language === 'es' ? 'es' : 'en';
  const step = stepById(flow, run.at);
  const container = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const stepKey = `${run.at}:${run.trail.length}`;
  const given = run.answers[step.id];
  const [draft, setDraft] = useState('');

  // A new step: its field is filled with the answer given before (after Back) and, when the
  // agent was working in the script, focused so the keys keep working.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per step shown
  useEffect(() => {
    setDraft(given === undefined ? '' : String(given));
    const active = document.activeElement;
    const working = !active || active === document.body || container.current?.contains(active);
    if (!working) return;
    if (field.current) field.current.focus();
    else container.current?.focus();
  }, [stepKey]);

  const text = 'text' in step ? step.text : undefined;
  const read = renderText(flow, run, ctx, text, readLocale);
  const beside =
    besideLocale && besideLocale !== readLocale
      ? renderText(flow, run, ctx, text, besideLocale)
      : [];
  const hint = renderText(flow, run, ctx, step.hint, screen);
  const label = (l: Record<string, string>) => l[screen] ?? l.en;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onAnswer(draft);
  };

  let body: ReactNode = null;
  if (step.kind === 'ask') {
    const spec = step.answer;
    if (spec.type === 'yes-no' || spec.type === 'choice') {
      const options =
        spec.type === 'yes-no'
          ? [
              { id: true as string | boolean, text: t('panel.yes'), beside: '' },
              { id: false as string | boolean, text: t('panel.no'), beside: '' },
            ]
          : spec.options.map((o) => ({
              id: o.id as string | boolean,
              text: o.label[readLocale],
              beside: o.label[screen] !== o.label[readLocale] ? o.label[screen] : '',
            }));
      body = (
        <ol className="options" aria-label={t('panel.optionsLabel')}>
          {options.map((o, i) => (
            <li key={String(o.id)}>
              <button
                type="button"
                aria-pressed={given === o.id}
                onClick={() => props.onAnswer(String(i + 1))}
              >
                <kbd>{i + 1}</kbd>{' '}
                <span lang={spec.type === 'choice' ? readLocale : screen}>{o.text}</span>
                {o.beside && (
                  <span className="option-beside" lang={screen}>
                    {' '}
                    ({o.beside})
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
      );
    } else {
      const id = `${idPrefix}-answer`;
      const today = parsePlainDate(ctx.today);
      const bound = (days: number | undefined) =>
        days === undefined || !today ? undefined : today.add({ days }).toString();
      body = (
        <form className="answer-form" onSubmit={submit}>
          <label htmlFor={id}>
            {label(step.label)}
            {spec.type === 'text' && spec.optional ? ` (${t('panel.optional')})` : ''}
          </label>
          {spec.type === 'text' && spec.maxLength > 200 ? (
            <textarea
              id={id}
              ref={field}
              rows={3}
              maxLength={spec.maxLength}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          ) : (
            <input
              id={id}
              ref={field}
              type={spec.type === 'date' ? 'date' : 'text'}
              inputMode={spec.type === 'number' ? 'decimal' : undefined}
              min={spec.type === 'date' ? bound(spec.minDaysFromToday) : undefined}
              max={spec.type === 'date' ? bound(spec.maxDaysFromToday) : undefined}
              maxLength={spec.type === 'text' ? spec.maxLength : undefined}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          )}
          <button type="submit" className="primary">
            {t('panel.record')} <kbd>{keycapText('Enter', t)}</kbd>
          </button>
        </form>
      );
    }
  } else if (step.kind === 'action') {
    body = (
      <div className="buttons">
        <button type="button" className="primary" onClick={() => props.onNext()}>
          {label(step.label)} <kbd>{keycapText('Enter', t)}</kbd>
        </button>
        <button type="button" onClick={() => props.onNext(true)}>
          {t('panel.skip')}
        </button>
      </div>
    );
  } else if (step.kind === 'end') {
    const code = ts(`wrapUp.codes.${step.wrapUpCode}`, {
      defaultValue: readableCode(step.wrapUpCode),
    });
    body = (
      <div className="end">
        <p className="suggested">{t('panel.suggestedCode', { code })}</p>
        {run.finished ? (
          <p role="status">{t('panel.finished')}</p>
        ) : (
          <button type="button" className="primary" onClick={() => props.onNext()}>
            {t('panel.finish')} <kbd>{keycapText('Enter', t)}</kbd>
          </button>
        )}
        {props.endNote}
      </div>
    );
  }

  return (
    <div className={`step step-${step.kind}`} ref={container} tabIndex={-1} data-step={step.id}>
      <p className="step-meta">{t('panel.step', { number: run.trail.length + 1 })}</p>
      {read.length > 0 && (
        <section className="read-aloud" aria-label={t('panel.readAloud')}>
          <Prompt segments={read} lang={readLocale} className="prompt" />
          {beside.length > 0 && besideLocale && (
            <Prompt segments={beside} lang={besideLocale} className="prompt-beside" />
          )}
        </section>
      )}
      {hint.length > 0 && (
        <div className="hint">
          <strong>{t('panel.forAgent')}:</strong>{' '}
          <Prompt segments={hint} lang={screen} className="hint-text" inline />
        </div>
      )}
      {body}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="step-nav">
        <button type="button" onClick={props.onBack} disabled={run.trail.length === 0}>
          {t('panel.back')} <kbd>{keycapText('Backspace', t)}</kbd>
        </button>
        {(step.kind === 'say' || (step.kind === 'ask' && given !== undefined)) && (
          <button type="button" onClick={() => props.onNext()}>
            {t('panel.next')} <kbd>{keycapText('Enter', t)}</kbd>
          </button>
        )}
      </div>
    </div>
  );
}
