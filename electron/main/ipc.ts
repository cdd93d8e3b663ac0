import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { ipcError } from '../../shared/ipc';
import type { CallerSession, HandlerRegistry } from '../services/registry';
import { isAppUrl } from './security';

export const INVOKE = 'tapline:invoke';
export const EVENT = 'tapline:event';

/**
 * Binds the handler registry to ipcMain. Each message's sender frame must be our own page (the
 * top frame at app://tapline); anything else gets `forbidden` and is not dispatched.
 */
export function bindIpc(
  registry: HandlerRegistry,
  session: CallerSession,
  target: () => WebContents | null,
): () => void {
  ipcMain.handle(INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return { ok: false, error: ipcError('forbidden', { reason: 'sender' }) };
    }
    return registry.dispatch(channel, payload, session);
  });

  const unsubscribe = registry.onEvent((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT, { event: name, payload });
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE);
  };
}
