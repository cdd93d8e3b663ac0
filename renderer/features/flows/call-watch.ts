import { useAppStore } from '../../store';

/**
 * Scripts follow the desk: a call connected gets the flow its reason suggests (once: a call
 * resumed from hold keeps its place); wrap-up starting sets the suggested code; a finished
 * wrap-up takes the call's script away. Returns the unsubscribe.
 */
export function watchCalls(): () => void {
  return useAppStore.subscribe((s, prev) => {
    const active = s.desk.active;
    if (active?.state === 'connected' && !s.scripts[active.id] && s.flows.length > 0)
      s.startForCall(active.id);
    if (s.desk.wrapUp && !prev.desk.wrapUp) s.wrapUpStarted();
    if (prev.desk.wrapUp && !s.desk.wrapUp) s.dropEndedScripts();
  });
}
