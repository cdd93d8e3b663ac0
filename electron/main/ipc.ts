import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcError } from '../../shared/ipc';
import type { CallerSession, HandlerRegistry } from '../services/registry';
import { isTrustedSender } from './security-policy';

export const INVOKE = 'tapline:invoke';
export const EVENT = 'tapline:event';

/**
 * Binds the handler registry to ipcMain (Electron's, or a test's stand-in). Each message's sender
 * frame must be our own page (the top frame at app://tapline); anything else gets `forbidden` and
 * is not dispatched.
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  registry: HandlerRegistry,
  session: CallerSession,
  target: () => Pick<WebContents, 'isDestroyed' | 'send'> | null,
): () => void {
  ipcMain.handle(INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
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
