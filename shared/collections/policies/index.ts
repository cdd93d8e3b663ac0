import { type CollectionPolicy, loadPolicy } from '../policy';
import { alamedaPowerPolicy, marinWaterPolicy, santaMargaritaPolicy } from './california';
import { portlandWaterPolicy } from './maine-portland-water';
import { philadelphiaWaterPolicy } from './philadelphia-water';

/** The collection policies of the five launch utilities, validated on load. */
export const collectionPolicies: readonly CollectionPolicy[] = [
  portlandWaterPolicy,
  philadelphiaWaterPolicy,
  santaMargaritaPolicy,
  marinWaterPolicy,
  alamedaPowerPolicy,
].map(loadPolicy);

export const policyIds = collectionPolicies.map((p) => p.utilityId);

export function getCollectionPolicy(utilityId: string): CollectionPolicy | undefined {
  return collectionPolicies.find((p) => p.utilityId === utilityId);
}
