import { getCollectionPolicy } from '../../../shared/collections/policies';
import { Temporal } from '../../../shared/dates';
import { getUtilityProfile } from '../../../shared/rates/profiles';
import { utilityToday } from '../../../shared/service/orders';
import { getFieldServiceProfile } from '../../../shared/service/profiles';
import { useAppStore } from '../../store';

/**
 * What every panel needs of the open account: its header and detail, the utility's rate
 * profile, collection policy and field service profile, the agent's role, and the utility's
 * today (the date the rules are decided on, in the utility's time zone).
 */
export function useAccountContext() {
  const view = useAppStore((s) => s.view)!;
  const role = useAppStore((s) => s.session?.principal?.role ?? 'agent');
  const utilityId = view.header.utilityId;
  const fieldService = getFieldServiceProfile(utilityId) ?? null;
  const today = fieldService ? utilityToday(fieldService, new Date()) : Temporal.Now.plainDateISO();
  return {
    header: view.header,
    detail: view.detail,
    utility: view.utility,
    profile: getUtilityProfile(utilityId) ?? null,
    policy: getCollectionPolicy(utilityId) ?? null,
    fieldService,
    role,
    today,
  };
}
export type AccountContext = ReturnType<typeof useAccountContext>;
