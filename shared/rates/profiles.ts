import { utilities } from '../utilities';
import type { UtilityProfile } from './schema';

/** Each utility's rate profile, from its folder under shared/utilities. */
export const utilityProfiles: readonly UtilityProfile[] = utilities.map((u) => u.rates);

export const utilityIds = utilityProfiles.map((p) => p.id);

export function getUtilityProfile(id: string): UtilityProfile | undefined {
  return utilityProfiles.find((p) => p.id === id);
}
