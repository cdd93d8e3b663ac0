import { parsePlainDate } from '../dates';
import { formatMoney, formatNumber, formatPlainDate } from '../i18n/format';
import enFlows from '../i18n/locales/en/flows.json';
import enSoftphone from '../i18n/locales/en/softphone.json';
import esFlows from '../i18n/locales/es/flows.json';
import esSoftphone from '../i18n/locales/es/softphone.json';
import { namespaceText } from '../i18n/text';
import type { AnswerValue } from './answers';
import { type FlowRun, type NoteEntry, stepById } from './engine';
import type { FlowDefinition, PromptLocale } from './schema';

const flowsText = namespaceText({ en: enFlows, es: esFlows });
const softphoneText = namespaceText({ en: enSoftphone, es: esSoftphone });

/** An answer as the notes write it, in `locale`. */
export function formatAnswer(
  flow: FlowDefinition,
  stepId: string,
  value: AnswerValue,
  locale: PromptLocale,
): string {
  const step = stepById(flow, stepId);
  if (step.kind !== 'ask') return String(value);
  const spec = step.answer;
  switch (spec.type) {
    case 'yes-no':
      return flowsText(locale, value ? 'notes.yes' : 'notes.no');
    case 'choice':
      return spec.options.find((o) => o.id === value)?.label[locale] ?? String(value);
    case 'number':
      return spec.format === 'money'
        ? formatMoney(Number(value), locale)
        : formatNumber(Number(value), locale, { maximumFractionDigits: 2 });
    case 'date': {
      const date = parsePlainDate(String(value));
      return date ? formatPlainDate(date, locale, 'long') : String(value);
    }
    case 'text':
      return String(value) || '—';
  }
}

/** One line of the call's notes. */
export function noteLine(flow: FlowDefinition, entry: NoteEntry, locale: PromptLocale): string {
  switch (entry.kind) {
    case 'start':
      return flowsText(locale, 'notes.start', {
        title: flow.title[locale] ?? flow.id,
        version: flow.version,
      });
    case 'answer': {
      const step = stepById(flow, entry.step);
      const label = step.kind === 'ask' ? step.label[locale] : entry.step;
      return flowsText(locale, entry.changed ? 'notes.changed' : 'notes.answer', {
        label,
        answer: formatAnswer(flow, entry.step, entry.value, locale),
      });
    }
    case 'action': {
      const step = stepById(flow, entry.step);
      const label = step.kind === 'action' ? step.label[locale] : entry.step;
      return flowsText(locale, entry.outcome === 'done' ? 'notes.done' : 'notes.skipped', {
        label,
      });
    }
    case 'end':
      return flowsText(locale, 'notes.end', {
        code: softphoneText(locale, `wrapUp.codes.${entry.code}`),
      });
  }
}

/**
 * The run as the call's notes record it: the script and version, each answer and action along
 * the way in order, and the suggested wrap-up code once finished.
 */
export function transcript(flow: FlowDefinition, run: FlowRun, locale: PromptLocale): string[] {
  const entries: NoteEntry[] = [{ kind: 'start' }];
  for (const id of [...run.trail, run.at]) {
    if (run.answers[id] !== undefined)
      entries.push({ kind: 'answer', step: id, value: run.answers[id], changed: false });
    const outcome = run.actions[id];
    if (outcome) entries.push({ kind: 'action', step: id, outcome });
  }
  const last = stepById(flow, run.at);
  if (run.finished && last.kind === 'end')
    entries.push({ kind: 'end', step: last.id, code: last.wrapUpCode });
  return entries.map((e) => noteLine(flow, e, locale));
}
