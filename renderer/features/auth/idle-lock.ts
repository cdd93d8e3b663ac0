import { useAppStore } from '../../store';
import { deskBusy } from '../softphone/softphone-slice';

/** What counts as the user being at the desk. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'];

/** How often idleness is looked at: the lock comes at most this late. */
export const IDLE_CHECK_MS = 1000;

/**
 * Locks the desk once nobody has touched the keyboard or the pointer for the session's
 * `lockAfterMinutes` (PCI DSS 8.2.8: at most 15). Never while a call rings, is live or on hold,
 * or its wrap-up is open: then it locks once the call is done and the desk is still idle. Reads
 * the clock through Date.now and setInterval, so tests drive it with fake timers.
 */
export function installIdleLock(store = useAppStore): () => void {
  let last = Date.now();
  const seen = () => {
    last = Date.now();
  };
  for (const e of ACTIVITY_EVENTS)
    window.addEventListener(e, seen, { capture: true, passive: true });
  const timer = setInterval(() => {
    const s = store.getState();
    if (!s.session?.principal) {
      last = Date.now();
      return;
    }
    if (s.locked || deskBusy(s.desk)) return;
    const minutes = s.session.lockAfterMinutes ?? 15;
    if (Date.now() - last >= minutes * 60_000) s.lock();
  }, IDLE_CHECK_MS);
  return () => {
    clearInterval(timer);
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, seen, { capture: true });
  };
}
