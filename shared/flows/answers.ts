import { containsCardNumber } from '../cis/cards';
import { daysBetween, parsePlainDate } from '../dates';
import type { AnswerSpec } from './schema';

/** An answer as the run keeps it: money in cents, dates `YYYY-MM-DD`, a choice by its option id. */
export type AnswerValue = boolean | number | string;

/** Why an answer was refused; `flows:answerErrors.<code>` says it, with the params. */
export interface AnswerError {
  code:
    | 'required'
    | 'not-yes-no'
    | 'not-an-option'
    | 'not-a-number'
    | 'not-whole'
    | 'too-many-decimals'
    | 'below-min'
    | 'above-max'
    | 'not-a-date'
    | 'too-early'
    | 'too-late'
    | 'too-long'
    | 'card-number';
  params: Record<string, string | number>;
  /** How `params` should read: money in cents, dates, plain numbers. */
  format?: 'money' | 'date' | 'number';
}

export type ParsedAnswer = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

const YES = new Set(['1', 'yes', 'y', 'true', 'sí', 'si', 's']);
const NO = new Set(['2', 'no', 'n', 'false']);

const fail = (
  code: AnswerError['code'],
  params: AnswerError['params'] = {},
  format?: AnswerError['format'],
): ParsedAnswer => ({ ok: false, error: { code, params, ...(format ? { format } : {}) } });

/** Dollars as typed ($1,234.50, 1234.5) to cents; null when it is not an amount. */
function parseDollars(
  text: string,
): { cents: number } | { error: 'not-a-number' | 'too-many-decimals' } {
  const clean = text.replace(/[$\s]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return { error: 'not-a-number' };
  const [whole, fraction = ''] = clean.replace('-', '').split('.');
  if (fraction.length > 2) return { error: 'too-many-decimals' };
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return { cents: clean.startsWith('-') ? -cents : cents };
}

/**
 * Reads what the agent typed or picked (an option's number, "yes", an amount, a date) against
 * the question's rules. `today` bounds date answers; there is no clock here.
 */
export function parseAnswer(spec: AnswerSpec, input: string, today: string): ParsedAnswer {
  const text = input.trim();
  switch (spec.type) {
    case 'yes-no': {
      const word = text.toLowerCase();
      if (YES.has(word)) return { ok: true, value: true };
      if (NO.has(word)) return { ok: true, value: false };
      return fail(text ? 'not-yes-no' : 'required');
    }
    case 'choice': {
      if (!text) return fail('required');
      const byNumber = /^\d+$/.test(text) ? spec.options[Number(text) - 1] : undefined;
      const option = byNumber ?? spec.options.find((o) => o.id === text);
      return option
        ? { ok: true, value: option.id }
        : fail('not-an-option', { count: spec.options.length });
    }
    case 'number': {
      if (!text) return fail('required');
      const money = spec.format === 'money';
      let value: number;
      if (money) {
        const parsed = parseDollars(text);
        if ('error' in parsed) return fail(parsed.error);
        value = parsed.cents;
      } else {
        const clean = text.replace(/,(?=\d{3}(\D|$))/g, '');
        if (!/^-?\d+(\.\d+)?$/.test(clean)) return fail('not-a-number');
        value = Number(clean);
      }
      const scale = money ? 100 : 1;
      if (spec.integer && !Number.isInteger(value / scale)) return fail('not-whole');
      const format = money ? 'money' : 'number';
      if (spec.min !== undefined && value < Math.round(spec.min * scale))
        return fail('below-min', { min: Math.round(spec.min * scale) }, format);
      if (spec.max !== undefined && value > Math.round(spec.max * scale))
        return fail('above-max', { max: Math.round(spec.max * scale) }, format);
      return { ok: true, value };
    }
    case 'date': {
      if (!text) return fail('required');
      const date = parsePlainDate(text);
      const base = parsePlainDate(today);
      if (!date || !base) return fail('not-a-date');
      const offset = daysBetween(base, date);
      if (spec.minDaysFromToday !== undefined && offset < spec.minDaysFromToday)
        return fail(
          'too-early',
          { min: base.add({ days: spec.minDaysFromToday }).toString() },
          'date',
        );
      if (spec.maxDaysFromToday !== undefined && offset > spec.maxDaysFromToday)
        return fail(
          'too-late',
          { max: base.add({ days: spec.maxDaysFromToday }).toString() },
          'date',
        );
      return { ok: true, value: date.toString() };
    }
    case 'text': {
      if (!text && !spec.optional) return fail('required');
      if (text.length > spec.maxLength) return fail('too-long', { max: spec.maxLength }, 'number');
      // The answers go into the call's notes, which never hold a card number.
      if (containsCardNumber(text)) return fail('card-number');
      return { ok: true, value: text };
    }
  }
}
