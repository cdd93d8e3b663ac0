import { collectionPolicies, getCollectionPolicy } from '../collections/policies';
import { getUtilityProfile } from '../rates/profiles';
import type { UsageThresholds } from '../usage/analysis';
import { getUtility } from '../utilities';
import type { UtilityLines } from '../utilities/lines';
import { DEFAULT_THRESHOLDS } from './context';

/**
 * What a script needs to know of a utility, drawn from its collection policy, its rate profile
 * and its lines. Computed on the main side and sent with the flows, so the screen reads plain
 * data and never loads the policies' validation.
 */
export interface UtilityFacts {
  name: string;
  state: string;
  service: 'water' | 'electric';
  /** Arrangement terms by class of account: down payment as a percent, months allowed. */
  terms: Record<
    'residential' | 'commercial',
    { downPercent: number; minMonths: number; maxMonths: number }
  >;
  maxArrangements: number | null;
  writtenConfirmationDays: number | null;
  shutoffRulesGathered: boolean;
  usageThresholds: UsageThresholds;
  lines: Omit<UtilityLines, 'source'> | null;
}

export function utilityFacts(utilityId: string): UtilityFacts | null {
  const policy = getCollectionPolicy(utilityId);
  if (!policy) return null;
  const terms = (t: (typeof policy.arrangement)['residential']) => ({
    downPercent: Number(t.minDownPercent),
    minMonths: t.minMonths,
    maxMonths: t.maxMonths,
  });
  const lines = getUtility(utilityId)?.lines;
  return {
    name: policy.utilityName,
    state: policy.state,
    service: policy.service,
    terms: {
      residential: terms(policy.arrangement.residential),
      commercial: terms(policy.arrangement.commercial),
    },
    maxArrangements: policy.arrangement.maxArrangements?.count ?? null,
    writtenConfirmationDays: policy.arrangement.writtenConfirmation?.businessDays ?? null,
    shutoffRulesGathered: policy.disconnection.rulesGathered,
    usageThresholds: getUtilityProfile(utilityId)?.usageThresholds ?? DEFAULT_THRESHOLDS,
    lines: lines
      ? {
          customerServiceLine: lines.customerServiceLine,
          emergencyLine: lines.emergencyLine,
          interpreterLine: lines.interpreterLine,
          interpreterClientId: lines.interpreterClientId,
          leadQueue: lines.leadQueue,
          spanishQueue: lines.spanishQueue,
        }
      : null,
  };
}

/** The facts of every utility Tapline has a policy for, by id. */
export function allUtilityFacts(): Record<string, UtilityFacts> {
  return Object.fromEntries(
    collectionPolicies.map((p) => [p.utilityId, utilityFacts(p.utilityId)!]),
  );
}
