import { utilities } from '../utilities';
import type { FollowUpSettings } from './settings';

/** A utility's follow-up settings, from its folder under shared/utilities. */
export function getFollowUpSettings(utilityId: string): FollowUpSettings | undefined {
  return utilities.find((u) => u.id === utilityId)?.followUp;
}
