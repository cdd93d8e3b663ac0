import { loadProfile, type UtilityProfile } from '../schema';
import { alamedaPower } from './alameda-power-ca';
import { marinWater, santaMargarita } from './owrs-profiles';
import { philadelphiaWater } from './philadelphia-water-pa';
import { portlandWater } from './portland-water-me';

/** The five utilities Tapline is first sold to, validated on load. */
export const utilityProfiles: readonly UtilityProfile[] = [
  portlandWater,
  philadelphiaWater,
  santaMargarita,
  marinWater,
  alamedaPower,
].map(loadProfile);

export const utilityIds = utilityProfiles.map((p) => p.id);

export function getUtilityProfile(id: string): UtilityProfile | undefined {
  return utilityProfiles.find((p) => p.id === id);
}
