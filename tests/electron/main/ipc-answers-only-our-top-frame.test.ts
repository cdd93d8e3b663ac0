import { describe, expect, it } from 'vitest';
import { bindIpc, EVENT, INVOKE } from '../../../electron/main/ipc';
import { isTrustedSender } from '../../../electron/main/security-policy';
import { anonymousSession, HandlerRegistry } from '../../../electron/services/registry';

const TOP = { url: 'app://tapline/index.html', parent: null };

type Invoke = (event: { senderFrame: unknown }, channel: unknown, payload: unknown) => unknown;

/** ipcMain as bindIpc sees it, with the registry answering `app.ping`. */
function bound() {
  const handlers = new Map<string, Invoke>();
  const ipcMain = {
    handle: (name: string, handler: Invoke) => handlers.set(name, handler),
    removeHandler: (name: string) => handlers.delete(name),
  };
  const registry = new HandlerRegistry();
  let pinged = 0;
  registry.handle('app.ping', ({ nonce }) => {
    pinged += 1;
    return { nonce, at: new Date(0).toISOString() };
  });
  const sent: unknown[][] = [];
  let destroyed = false;
  const contents = {
    isDestroyed: () => destroyed,
    send: (...args: unknown[]) => sent.push(args),
  };
  const unbind = bindIpc(ipcMain as never, registry, anonymousSession(), () => contents);
  return {
    registry,
    handlers,
    sent,
    unbind,
    pinged: () => pinged,
    destroy: () => (destroyed = true),
    invoke: (senderFrame: unknown) => {
      const handler = handlers.get(INVOKE);
      if (!handler) throw new Error('nothing bound to ipcMain');
      return handler({ senderFrame }, 'app.ping', { nonce: 'n1' });
    },
  };
}

describe('the IPC sender check', () => {
  it('trusts only the top frame of our own page', () => {
    expect(isTrustedSender(TOP)).toBe(true);
    expect(isTrustedSender({ url: 'app://tapline/index.html', parent: TOP })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://tapline.example.com/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://tapline/', parent: undefined })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('dispatches a message from our top frame to the registry', async () => {
    const ipc = bound();
    expect(await ipc.invoke(TOP)).toMatchObject({ ok: true, value: { nonce: 'n1' } });
    expect(ipc.pinged()).toBe(1);
  });

  it('answers `forbidden` to any other sender and never runs the handler', async () => {
    const ipc = bound();
    for (const frame of [
      { url: 'app://tapline/index.html', parent: TOP },
      { url: 'https://example.com/', parent: null },
      null,
    ]) {
      expect(await ipc.invoke(frame)).toEqual({
        ok: false,
        error: { code: 'forbidden', messageKey: 'errors:forbidden', details: { reason: 'sender' } },
      });
    }
    expect(ipc.pinged()).toBe(0);
  });

  it('sends the registry’s events to the window while it lives, and stops when unbound', () => {
    const ipc = bound();
    ipc.registry.emit('app.notice', { messageKey: 'k', level: 'info' });
    expect(ipc.sent).toEqual([
      [EVENT, { event: 'app.notice', payload: { messageKey: 'k', level: 'info' } }],
    ]);
    ipc.destroy();
    ipc.registry.emit('app.notice', { messageKey: 'k2', level: 'info' });
    expect(ipc.sent).toHaveLength(1);

    const other = bound();
    other.unbind();
    other.registry.emit('app.notice', { messageKey: 'k3', level: 'info' });
    expect(other.sent).toEqual([]);
    expect(other.handlers.has(INVOKE)).toBe(false);
  });
});
