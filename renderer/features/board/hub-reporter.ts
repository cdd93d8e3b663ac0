import { deskReports } from '../../../shared/hub/desk-reports';
import type { ChosenState, Desk } from '../../../shared/telephony/types';
import { bridge, call } from '../../bridge';
import { useAppStore } from '../../store';

let counter = 0;
/** A report's id: unique per desktop, so the hub recognises a resend. */
function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The agent is between calls: a lead's change of state can be applied now. */
const free = (desk: Desk) => desk.active === null && desk.other === null && desk.wrapUp === null;

/**
 * Reports the agent's desk to the hub, and applies a lead's change of state. It watches the
 * softphone slice's `desk` from outside the slice (useAppStore.subscribe): every change becomes
 * the hub's reports (shared/hub deskReports). A lead's directive is applied with the slice's
 * chooseState at once when the agent is free, otherwise when the call and its wrap-up are done.
 */
export function installHubReporter(): () => void {
  let directive: { state: ChosenState; reasonCode: string | null } | null = null;

  const apply = () => {
    const s = useAppStore.getState();
    if (!directive || !free(s.desk) || s.session?.principal == null) return;
    const { state, reasonCode } = directive;
    directive = null;
    s.chooseState(state, reasonCode ?? undefined);
    const notice = s.directiveNotice;
    if (notice) s.setDirectiveNotice({ ...notice, waiting: false });
  };

  const offStore = useAppStore.subscribe((state, prev) => {
    if (state.desk === prev.desk) return;
    const reports = deskReports(prev.desk, state.desk, state.now, {
      timeoutWrapUpCode: state.team.timeoutWrapUpCode,
      newId,
    });
    if (reports.length && state.session?.principal)
      void call('hub.report', { reports }).catch(() => {
        // Not signed in any more, or the main side is restarting: the next change reports again.
      });
    if (directive && free(state.desk)) queueMicrotask(apply);
  });

  const offDirective = bridge.on('hub.directive', (d) => {
    directive = { state: d.state, reasonCode: d.reasonCode };
    const s = useAppStore.getState();
    s.setDirectiveNotice({
      state: d.state,
      reasonCode: d.reasonCode,
      why: d.why,
      byName: d.byName,
      waiting: !free(s.desk),
    });
    apply();
  });

  return () => {
    offStore();
    offDirective();
  };
}
