import type { RuleSource } from './policy';

/** One rule checked for a decision: its outcome, where it is written, and how to say it. */
export interface RuleCheck {
  id: string;
  outcome: 'pass' | 'fail' | 'not-applicable';
  citation: string;
  utilitySetting: boolean;
  /** i18n key in the `collections` namespace, and its params. */
  messageKey: string;
  params: Record<string, string | number>;
}

export function check(
  id: string,
  outcome: RuleCheck['outcome'],
  source: RuleSource | { citation: string; utilitySetting?: boolean },
  params: Record<string, string | number> = {},
  messageKey = `rules.${id}.${outcome}`,
): RuleCheck {
  return {
    id,
    outcome,
    citation: source.citation,
    utilitySetting: source.utilitySetting ?? false,
    messageKey,
    params,
  };
}
