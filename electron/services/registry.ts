import {
  type ChannelName,
  channels,
  type EventName,
  type EventOf,
  events,
  IpcFailure,
  type IpcResult,
  ipcError,
  isChannelName,
  MAX_MESSAGE_BYTES,
  type RequestOf,
  type ResponseOf,
  type Role,
  roleAllows,
} from '../../shared/ipc';

/** Who is calling: one per window (Electron) or per WebSocket connection (web host). */
export interface CallerSession {
  role: Role | null;
  userId: string | null;
  /** The CIS session token, once signed in. */
  token: string | null;
}

export function anonymousSession(): CallerSession {
  return { role: null, userId: null, token: null };
}

export type Handler<C extends ChannelName> = (
  request: ResponseOfRequest<C>,
  session: CallerSession,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** The parsed (output) type of a channel's request schema. */
type ResponseOfRequest<C extends ChannelName> = import('zod').output<
  (typeof channels)[C]['request']
>;

type Logger = (message: string, details?: unknown) => void;

/**
 * The one place every IPC request passes: name checked against the contract, size limited,
 * role checked, body validated, handler run, answer validated. Whatever comes in, the answer is
 * a value or a typed error; nothing thrown escapes.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Handler<ChannelName>>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();

  constructor(private readonly log: Logger = () => {}) {}

  handle<C extends ChannelName>(name: C, handler: Handler<C>): void {
    if (!isChannelName(name)) throw new Error(`not a channel of the contract: ${String(name)}`);
    if (this.handlers.has(name)) throw new Error(`channel handled twice: ${name}`);
    this.handlers.set(name, handler as unknown as Handler<ChannelName>);
  }

  /** Channels of the contract that nobody handles yet (a start-up check and a test). */
  unhandled(): string[] {
    return Object.keys(channels).filter((name) => !this.handlers.has(name));
  }

  async dispatch(
    name: unknown,
    payload: unknown,
    session: CallerSession,
  ): Promise<IpcResult<unknown>> {
    if (!isChannelName(name)) {
      return {
        ok: false,
        error: ipcError('unknown_channel', { channel: String(name).slice(0, 80) }),
      };
    }
    const def = channels[name];
    if (!roleAllows(def.roles, session.role)) {
      const code = session.role === null ? 'unauthenticated' : 'forbidden';
      return { ok: false, error: ipcError(code, { channel: name, roles: def.roles }) };
    }
    const handler = this.handlers.get(name);
    if (!handler) return { ok: false, error: ipcError('unknown_channel', { channel: name }) };

    const parsed = def.request.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: ipcError('bad_request', {
          issues: parsed.error.issues.map((i) => ({
            path: i.path.map(String),
            message: i.message,
          })),
        }),
      };
    }
    let value: unknown;
    try {
      value = await handler(parsed.data as never, session);
    } catch (err) {
      if (err instanceof IpcFailure) return { ok: false, error: err.error };
      this.log(`handler ${name} failed`, err);
      return { ok: false, error: ipcError('internal') };
    }
    const checked = def.response.safeParse(value);
    if (!checked.success) {
      this.log(`handler ${name} answered outside its schema`, checked.error.issues);
      return { ok: false, error: ipcError('bad_response') };
    }
    return { ok: true, value: checked.data };
  }

  /** Direct typed call, for services calling each other and for tests. */
  async call<C extends ChannelName>(
    name: C,
    request: RequestOf<C>,
    session: CallerSession,
  ): Promise<IpcResult<ResponseOf<C>>> {
    return (await this.dispatch(name, request, session)) as IpcResult<ResponseOf<C>>;
  }

  /** Sends a main-to-renderer event to every bound transport, validated against the contract. */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      this.log(`event ${event} outside its schema`, checked.error.issues);
      return;
    }
    for (const listener of this.listeners) listener(event, checked.data);
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Parses one raw wire message (a string or bytes) into a request, or a typed error. */
export function parseWireMessage(
  raw: string | Buffer,
):
  | { ok: true; id: number; channel: unknown; payload: unknown }
  | { ok: false; id: number | null; error: ReturnType<typeof ipcError> } {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > MAX_MESSAGE_BYTES) {
    return { ok: false, id: null, error: ipcError('too_large', { limit: MAX_MESSAGE_BYTES }) };
  }
  let message: unknown;
  try {
    message = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return { ok: false, id: null, error: ipcError('bad_request', { reason: 'not JSON' }) };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, id: null, error: ipcError('bad_request', { reason: 'not an object' }) };
  }
  const { id, channel, payload } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return { ok: false, id: null, error: ipcError('bad_request', { reason: 'id' }) };
  }
  return { ok: true, id, channel, payload };
}
