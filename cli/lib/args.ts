import { parseArgs } from 'node:util';
import { type PlainDate, parsePlainDate, Temporal } from '../../shared/dates';
import { parseDollars as parseDollarsText } from '../../shared/money';
import { UsageError } from '../commands/types';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** Strict option parsing: an unknown option or a missing value is a usage error (exit 2). */
export function parseOptions<T extends OptionSpec>(
  argv: string[],
  options: T,
  positionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: positionals });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^.*?: /, ''));
  }
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function numberOption(
  value: string | undefined,
  name: string,
  opts: { integer?: boolean; min?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(n) ||
    (opts.integer && !Number.isInteger(n)) ||
    (opts.min !== undefined && n < opts.min)
  ) {
    throw new UsageError(
      `--${name} must be ${opts.integer ? 'a whole number' : 'a number'}${opts.min !== undefined ? ` of at least ${opts.min}` : ''}, not "${value}"`,
    );
  }
  return n;
}

export function choiceOption<C extends string>(
  value: string | undefined,
  name: string,
  choices: readonly C[],
): C | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not "${value}"`);
  }
  return v as C;
}

export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Dollars as a person types them ("1234.56", "$1,234.56") to cents; a usage error otherwise. */
export function dollarsOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const cents = parseDollarsText(value);
  if (cents === null || cents < 0)
    throw new UsageError(`--${name} must be an amount in dollars such as 120.50, not "${value}"`);
  return cents;
}

export function dateOption(value: string | undefined, name: string): PlainDate | undefined {
  if (value === undefined) return undefined;
  const date = parsePlainDate(value);
  if (!date) throw new UsageError(`--${name} must be a date written YYYY-MM-DD, not "${value}"`);
  return date;
}

/** Today in the machine's time zone, as a calendar date. */
export function todayOption(value: string | undefined): PlainDate {
  return dateOption(value, 'today') ?? Temporal.Now.plainDateISO();
}
