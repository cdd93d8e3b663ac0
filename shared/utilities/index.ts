import { utility as alamedaPower } from './alameda-power-ca';
import { utility as marinWater } from './marin-water-ca';
import { utility as philadelphiaWater } from './philadelphia-water-pa';
import { utility as portlandWater } from './portland-water-me';
import { utility as santaMargarita } from './santa-margarita-ca';
import { loadUtility, type Utility } from './utility';

export type { Utility, UtilityInput } from './utility';

/** The utilities Tapline knows, one line each, every part validated on load. */
export const utilities: readonly Utility[] = [
  portlandWater,
  philadelphiaWater,
  santaMargarita,
  marinWater,
  alamedaPower,
].map(loadUtility);

/** The utility a training desk, the CIS server and a flow's preview start with when none is named. */
export const defaultUtilityId = philadelphiaWater.id;

export const utilityIds = utilities.map((u) => u.id);

export function getUtility(id: string): Utility | undefined {
  return utilities.find((u) => u.id === id);
}
