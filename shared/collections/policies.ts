import { utilities } from '../utilities';
import type { CollectionPolicy } from './policy';

/** Each utility's collection policy, from its folder under shared/utilities. */
export const collectionPolicies: readonly CollectionPolicy[] = utilities.map((u) => u.collections);

export const policyIds = collectionPolicies.map((p) => p.utilityId);

export function getCollectionPolicy(utilityId: string): CollectionPolicy | undefined {
  return collectionPolicies.find((p) => p.utilityId === utilityId);
}
