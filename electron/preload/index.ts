import { contextBridge, ipcRenderer } from 'electron';
import type { TaplineBridge } from '../../shared/ipc/contract';

/**
 * The preload exposes `window.tapline` and nothing else: invoke a contract channel, listen to
 * contract events. It passes data through; validation happens in the main process registry.
 * Kept free of imports beyond 'electron' so the sandboxed preload stays tiny.
 */
const INVOKE = 'tapline:invoke';
const EVENT = 'tapline:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT, (_event, message: { event: string; payload: unknown }) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
});

const bridge = {
  host: 'electron' as const,
  invoke: (channel: string, request: unknown) => ipcRenderer.invoke(INVOKE, channel, request),
  on: (event: string, listener: (payload: never) => void) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener as Listener);
    };
  },
  onConnection: (listener: (state: 'open' | 'closed') => void) => {
    listener('open');
    return () => {};
  },
} satisfies TaplineBridge;

contextBridge.exposeInMainWorld('tapline', bridge);
