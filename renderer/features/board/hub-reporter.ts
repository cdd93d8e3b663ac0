import type { AgentReport } from '../../../shared/hub';
import { deskReports } from '../../../shared/hub/desk-reports';
import { IpcFailure } from '../../../shared/ipc/failure';
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

/** How long reports the main side could not take wait before they are sent again. */
export const REPORT_RETRY_MS = 2000;
/** The most reports one `hub.report` call carries (the channel's limit). */
const PER_CALL = 50;
/** Reports kept while the main side is away: a working day of one agent's, many times over. */
const MAX_UNSENT = 10_000;

/**
 * Reports the agent's desk to the hub, and applies a lead's change of state. It watches the
 * softphone slice's `desk` from outside the slice (useAppStore.subscribe): every change becomes
 * the hub's reports (shared/hub deskReports). A lead's directive is applied with the slice's
 * chooseState at once when the agent is free, otherwise when the call and its wrap-up are done.
 *
 * Reports are a diff of two desks: one lost is never made again. They are sent in order, and
 * what the main side does not take (restarting, the web host's socket down) waits and is sent
 * again, every REPORT_RETRY_MS and as soon as the bridge is back; the hub stores a resend once.
 * They belong to the agent signed in when they were made: another user signing in at this
 * desktop drops them rather than report them as theirs.
 */
export function installHubReporter(): () => void {
  let directive: { state: ChosenState; reasonCode: string | null } | null = null;
  let unsent: { userId: string; report: AgentReport }[] = [];
  let sending = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const send = async () => {
    if (retry) clearTimeout(retry);
    retry = null;
    if (sending) return;
    sending = true;
    try {
      for (;;) {
        const userId = useAppStore.getState().session?.principal?.userId;
        if (userId === undefined) return;
        unsent = unsent.filter((u) => u.userId === userId);
        if (unsent.length === 0) return;
        const batch = unsent.slice(0, PER_CALL);
        try {
          await call('hub.report', { reports: batch.map((u) => u.report) });
        } catch (err) {
          // A report the contract refuses would be refused forever: it is not held up behind.
          if (!(err instanceof IpcFailure && err.error.code === 'bad_request')) {
            retry = setTimeout(() => void send(), REPORT_RETRY_MS);
            return;
          }
        }
        unsent = unsent.filter((u) => !batch.includes(u));
      }
    } finally {
      sending = false;
    }
  };

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
    // Signed in again: what waited for this agent goes now.
    if (state.session !== prev.session && state.session?.principal && unsent.length) void send();
    if (state.desk === prev.desk) return;
    const reports = deskReports(prev.desk, state.desk, state.now, {
      timeoutWrapUpCode: state.team.timeoutWrapUpCode,
      newId,
    });
    const userId = state.session?.principal?.userId;
    if (reports.length && userId !== undefined) {
      unsent.push(...reports.map((report) => ({ userId, report })));
      if (unsent.length > MAX_UNSENT) unsent.splice(0, unsent.length - MAX_UNSENT);
      void send();
    }
    if (directive && free(state.desk)) queueMicrotask(apply);
  });

  const offConnection = bridge.onConnection((connection) => {
    if (connection === 'open' && unsent.length) void send();
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
    if (retry) clearTimeout(retry);
    offStore();
    offConnection();
    offDirective();
  };
}
