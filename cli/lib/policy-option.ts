import {
  type CollectionPolicy,
  getCollectionPolicy,
  policyIds,
  type RuleCheck,
  ruleText as sharedRuleText,
} from '../../shared/collections';
import { UsageError } from '../commands/types';
import { money } from './args';

export function policyOption(id: string | undefined): CollectionPolicy {
  if (!id) throw new UsageError(`--utility is required (one of: ${policyIds.join(', ')})`);
  const policy = getCollectionPolicy(id);
  if (!policy) throw new UsageError(`unknown utility "${id}" (valid: ${policyIds.join(', ')})`);
  return policy;
}

export function ruleText(rule: RuleCheck, lang: 'en' | 'es'): string {
  return sharedRuleText(rule, lang, { money });
}

export function rulesJson(rules: RuleCheck[]) {
  return rules.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    citation: r.citation,
    ...(r.utilitySetting ? { utilitySetting: true } : {}),
  }));
}

export function printRules(out: (t: string) => void, rules: RuleCheck[], lang: 'en' | 'es'): void {
  for (const r of rules) {
    const mark = r.outcome === 'pass' ? 'ok  ' : r.outcome === 'fail' ? 'NO  ' : '--  ';
    out(`  ${mark}${ruleText(r, lang)}`);
    out(`        ${r.citation}${r.utilitySetting ? ' [utility setting]' : ''}`);
  }
}
