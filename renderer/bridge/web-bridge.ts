import type {
  ChannelName,
  EventName,
  EventOf,
  IpcResult,
  RequestOf,
  ResponseOf,
  TaplineBridge,
  WireEvent,
  WireResponse,
} from '../../shared/ipc';

type Pending = (result: IpcResult<unknown>) => void;

const transportError = { code: 'transport', messageKey: 'errors:transport' } as const;

/** The token comes in the URL fragment once; it is kept for this tab only and hidden from view. */
function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('tapline.token', fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem('tapline.token') ?? '';
}

/**
 * The web host's implementation of the bridge: the same contract over a WebSocket, with
 * requests queued while connecting and reconnection with backoff.
 */
export function createWebBridge(): TaplineBridge {
  const token = takeToken();
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ipc?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: 'open' | 'closed') => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retry = 0;
  let state: 'open' | 'closed' = 'closed';

  const setState = (next: 'open' | 'closed') => {
    if (next === state) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = () => {
    const ws = new WebSocket(wsUrl);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      setState('open');
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as WireResponse | WireEvent;
      if ('event' in data) {
        for (const listener of eventListeners.get(data.event) ?? []) listener(data.payload);
        return;
      }
      if (data.id === null) return;
      const resolve = pending.get(data.id);
      pending.delete(data.id);
      resolve?.(data.ok ? { ok: true, value: data.value } : { ok: false, error: data.error });
    };
    ws.onclose = () => {
      setState('closed');
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ ok: false, error: transportError });
      }
      retry += 1;
      setTimeout(connect, Math.min(5000, 250 * 2 ** Math.min(retry, 5)));
    };
  };
  connect();

  return {
    host: 'web',
    invoke<C extends ChannelName>(channel: C, request: RequestOf<C>) {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, payload: request });
      return new Promise<IpcResult<ResponseOf<C>>>((resolve) => {
        pending.set(id, resolve as Pending);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      eventListeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
