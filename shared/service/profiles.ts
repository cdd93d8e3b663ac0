import { utilities } from '../utilities';
import type { FieldServiceProfile } from './profile';

/** Each utility's field-service profile, from its folder under shared/utilities. */
export const fieldServiceProfiles: readonly FieldServiceProfile[] = utilities.map((u) => u.service);

export function getFieldServiceProfile(utilityId: string): FieldServiceProfile | undefined {
  return fieldServiceProfiles.find((p) => p.utilityId === utilityId);
}
