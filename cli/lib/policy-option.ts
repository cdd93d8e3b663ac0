import {
  type CollectionPolicy,
  collectionsText,
  getCollectionPolicy,
  policyIds,
  type RuleCheck,
} from '../../shared/collections';
import { UsageError } from '../commands/types';
import { money } from './args';

export function policyOption(id: string | undefined): CollectionPolicy {
  if (!id) throw new UsageError(`--utility is required (one of: ${policyIds.join(', ')})`);
  const policy = getCollectionPolicy(id);
  if (!policy) throw new UsageError(`unknown utility "${id}" (valid: ${policyIds.join(', ')})`);
  return policy;
}

/** Rule params that are amounts in cents, shown as dollars in the text. */
const CENT_PARAMS = new Set([
  'down',
  'minimum',
  'installment',
  'monthly',
  'pastDue',
  'threshold',
  'amount',
  'average',
  'credit',
  'base',
  'cap',
  'agentLimit',
  'leadLimit',
]);

export function ruleText(rule: RuleCheck, lang: 'en' | 'es'): string {
  const params = Object.fromEntries(
    Object.entries(rule.params).map(([k, v]) => [
      k,
      CENT_PARAMS.has(k) && typeof v === 'number' ? money(v) : v,
    ]),
  );
  return collectionsText(lang, rule.messageKey, params);
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
