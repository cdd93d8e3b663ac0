import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import type { RuleSource } from './policy';

/** One rule checked for a decision: its outcome, where it is written, and how to say it. */
export interface RuleCheck {
  id: string;
  outcome: 'pass' | 'fail' | 'not-applicable';
  citation: string;
  /**
   * Where the source is Tapline's own statement rather than a published title (rules not
   * gathered): its key in the `collections` namespace, so it reads in the agent's language.
   */
  citationKey?: string;
  utilitySetting: boolean;
  /** i18n key in the `collections` namespace, and its params. */
  messageKey: string;
  params: Record<string, string | number>;
}

export function check(
  id: string,
  outcome: RuleCheck['outcome'],
  source: RuleSource | { citation: string; citationKey?: string; utilitySetting?: boolean },
  params: Record<string, string | number> = {},
  messageKey = `rules.${id}.${outcome}`,
): RuleCheck {
  return {
    id,
    outcome,
    citation: source.citation,
    ...('citationKey' in source && source.citationKey ? { citationKey: source.citationKey } : {}),
    utilitySetting: source.utilitySetting ?? false,
    messageKey,
    params,
  };
}

/** One of `dates` within the `months` before `today`, or null (a date exactly that long ago is not). */
export function withinMonths(dates: string[], months: number, today: PlainDate): string | null {
  const since = today.subtract({ months });
  const hit = dates
    .map((d) => parsePlainDate(d))
    .find((d) => d !== null && compareDates(d, since) > 0 && compareDates(d, today) <= 0);
  return hit ? hit.toString() : null;
}
