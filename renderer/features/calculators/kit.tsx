import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type CommandResult, type CommandType, resultOf } from '../../../shared/cis';
import type { RuleCheck } from '../../../shared/collections/rules';
import { ruleCitation, ruleText } from '../../../shared/collections/text';
import type { AppLocale } from '../../../shared/i18n/format';
import type { OutboxItemView } from '../../../shared/ipc';
import { useAppStore } from '../../store';
import type { PanelRequest } from '../../store/ui-slice';
import { useFormat } from '../account/format';
import { refusalText } from '../account/reason';
import type { AccountContext } from './context';
import type { Parsed } from './fields';

type Format = ReturnType<typeof useFormat>;

/** The error of a field in the agent's language; amounts in it as money. */
export function errorText(
  t: (k: string, o?: Record<string, unknown>) => string,
  error: NonNullable<Parsed<unknown>['error']>,
  f: Format,
): string {
  const money = /amountM(in|ax)$/.test(error.key);
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(error.params ?? {}))
    params[k] = typeof v === 'number' ? (money ? f.money(v) : f.number(v)) : v;
  return t(error.key, params);
}

/**
 * A panel of the workspace: a labelled region with its heading, Esc or the button closes it.
 * It opens on its first field, so the agent types at once; or on its heading, where what the
 * agent needs first is a decision to read and the first field is further down.
 */
export function PanelFrame({
  title,
  intro,
  focusFirstField = true,
  children,
}: {
  title: string;
  intro?: string;
  focusFirstField?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('calculators');
  const closePanel = useAppStore((s) => s.closePanel);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Where the panel opens is decided once, when it opens, and focused in the same commit that
  // shows it: the agent's next key lands in the field, never on the page behind it.
  const firstField = useRef(focusFirstField);
  useLayoutEffect(() => {
    const region = heading.current?.closest('section');
    const first = firstField.current
      ? region?.querySelector<HTMLElement>('input, select, textarea')
      : null;
    (first ?? heading.current)?.focus();
  }, []);
  return (
    <section
      className="panel"
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          closePanel();
        }
      }}
    >
      <div className="panel-head">
        <h3 id={id} ref={heading} tabIndex={-1}>
          {title}
        </h3>
        <button type="button" onClick={closePanel}>
          {t('panel.close')} <kbd>Esc</kbd>
        </button>
      </div>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}

/** A labelled input with its hint and its error, wired for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: Parsed<unknown>['error'];
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy || undefined })}
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="error small">
          {errorText(t, error, f)}
        </span>
      )}
    </div>
  );
}

/** What every panel is given: the open account's context, and the values a request filled in. */
export interface PanelProps {
  ctx: AccountContext;
  prefill: PanelRequest['prefill'];
}

type FieldFrame = {
  label: string;
  hint?: string;
  error?: Parsed<unknown>['error'];
  value: string;
  onChange: (value: string) => void;
};

/** A text input in its labelled field; `onChange` gets the text. */
export function InputField({
  label,
  hint,
  error,
  value,
  onChange,
  ...input
}: FieldFrame & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => <input {...p} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  value,
  onChange,
  ...area
}: FieldFrame & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <textarea {...p} {...area} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** A choice in its labelled field; the options are its children. */
export function SelectField({
  label,
  hint,
  error,
  value,
  onChange,
  children,
}: FieldFrame & { children: ReactNode }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A yes or no the agent ticks, its label beside it. */
export function CheckField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {label}
    </label>
  );
}

/** Why the last command could not even be queued (a card number, an unknown account). */
export function ActionError() {
  const { t } = useTranslation();
  const error = useAppStore((s) => s.actionError);
  return error ? (
    <p className="error" role="alert">
      {t(error)}
    </p>
  ) : null;
}

const MARK = { pass: '✓', fail: '✗', 'not-applicable': '–' } as const;

/**
 * Where a rule or a number comes from. A published source keeps its own title, in English, and
 * says so to screen readers; a number the utility sets itself is named by the utility and marked
 * "utility setting" in the agent's language, before the source it rests on (in English too).
 * Tapline's own statement about a source (rules not gathered) comes in the agent's language.
 */
export function Citation({
  citation,
  utilitySetting = false,
  block = false,
  lang = 'en',
}: {
  citation: string;
  utilitySetting?: boolean;
  block?: boolean;
  lang?: AppLocale;
}) {
  const { t } = useTranslation('calculators');
  const name = useAppStore((s) => s.view?.utility?.name ?? null);
  // A source that already opens with the utility's name says who; naming it twice reads as a slip.
  const utility = name && !citation.toLowerCase().startsWith(name.toLowerCase()) ? name : null;
  const Tag = block ? 'p' : 'span';
  return (
    <Tag className="citation small muted">
      {utilitySetting && utility && <>{utility} </>}
      {utilitySetting && <span className="badge warn">{t('rules.utilitySetting')}</span>}
      {utilitySetting && ' '}
      <span lang={lang}>{citation}</span>
    </Tag>
  );
}

/** Every rule a decision checked: its outcome (in words, not colour alone) and where it is written. */
export function RuleList({ rules, locale }: { rules: RuleCheck[]; locale?: AppLocale }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const lang = locale ?? f.locale;
  return (
    <ul className="rules">
      {rules.map((r) => (
        <li key={`${r.id}-${r.messageKey}`} className={`rule ${r.outcome}`}>
          <span className="mark" aria-hidden="true">
            {MARK[r.outcome]}
          </span>
          <span className="visually-hidden">{t(`rules.outcome.${r.outcome}`)}: </span>
          <span lang={lang}>{ruleText(r, lang, { date: (d) => f.date(d, 'long') })}</span>
          <RuleCitation rule={r} locale={lang} />
        </li>
      ))}
    </ul>
  );
}

function RuleCitation({ rule, locale }: { rule: RuleCheck; locale: AppLocale }) {
  const { text, lang } = ruleCitation(rule, locale);
  return <Citation citation={text} utilitySetting={rule.utilitySetting} lang={lang} />;
}

/**
 * What happened to a command the panel queued: waiting to send (and why, offline), done with
 * what the central system answered (read with the command's result schema), or refused with its
 * reason.
 */
export function CommandStatus<T extends CommandType>({
  seq,
  type,
  applied,
}: {
  seq: number;
  /** The command's type: its result is read with that command's schema. */
  type: T;
  applied: (result: CommandResult<T>) => ReactNode;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const item = useAppStore((s) => s.outbox.find((i) => i.seq === seq)) as
    | OutboxItemView
    | undefined;
  const online = useAppStore((s) => s.sync?.online ?? false);
  if (!item) return null;
  if (item.status === 'pending')
    return (
      <p className="notice" role="status">
        {online ? t('command.sending') : t('command.queuedOffline')}
      </p>
    );
  if (item.status === 'rejected')
    return (
      <p className="error" role="alert">
        {t('command.refused', { reason: refusalText(t, item.result, f) })}
      </p>
    );
  const result = resultOf(type, item.result);
  return (
    <div className="done" role="status">
      {result ? applied(result) : null}
    </div>
  );
}

/** Two buttons choosing the language of what is read or sent to the caller. */
export function LanguageChoice({
  value,
  onChange,
  label,
}: {
  value: AppLocale;
  onChange: (l: AppLocale) => void;
  label: string;
}) {
  const { t: ta } = useTranslation('account');
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset
    <div className="read-in" role="group" aria-label={label}>
      {(['en', 'es'] as const).map((l) => (
        <button key={l} type="button" aria-pressed={value === l} onClick={() => onChange(l)}>
          {ta(`languages.${l}`)}
        </button>
      ))}
    </div>
  );
}

/** Copies text for the agent to paste (an email, a referral); says so when it is done. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
