import { parseDollars } from '../../../shared/money';
import type { PanelRequest } from '../../store/ui-slice';

type Prefill = PanelRequest['prefill'];

/** A prefill value as the text a field holds, or the fallback. */
export function prefillText(prefill: Prefill, key: string, fallback = ''): string {
  const v = prefill[key];
  return v === undefined || typeof v === 'boolean' ? fallback : String(v);
}

/** A dollar amount from a prefill ("125.50", 125.5) as field text, or the fallback. */
export function prefillDollars(prefill: Prefill, key: string, fallback = ''): string {
  const v = prefill[key];
  if (v === undefined || typeof v === 'boolean') return fallback;
  const cents = parseDollars(String(v));
  return cents === null ? fallback : (cents / 100).toFixed(2);
}

export function prefillFlag(prefill: Prefill, key: string, fallback = false): boolean {
  const v = prefill[key];
  return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : fallback;
}

export function prefillChoice<T extends string>(
  prefill: Prefill,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = prefill[key];
  return typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : fallback;
}
