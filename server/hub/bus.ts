import type { NatsConnection } from 'nats';
import { z } from 'zod';
import type { HubSharing } from '../../shared/hub';
import { type FloorEvent, floorEvent } from '../../shared/metrics';
import type { Written } from './store';

/** A note from another instance: catch up from the database, or reload the queues' settings. */
export type BusControl = { type: 'resync'; origin: string } | { type: 'settings'; origin: string };

/**
 * How hub instances share the floor. Each instance stores what reaches it and publishes each
 * batch it wrote, with the batch's place in its sequence; the others apply it to their picture
 * and pass it to their leads. The database stays the record: an instance that sees a batch
 * whose predecessor never reached it, or that was cut off, catches up from it.
 */
export interface HubBus {
  readonly kind: 'local' | 'nats';
  publish(events: FloorEvent[], written: Written): void;
  control(message: BusControl): void;
  onEvents(listener: (events: FloorEvent[], origin: string, written: Written) => void): void;
  onControl(listener: (message: BusControl) => void): void;
  /** `single`: alone by configuration; `shared`: peers reachable; `degraded`: peers cut off. */
  sharing(): HubSharing;
  onSharing(listener: (sharing: HubSharing) => void): void;
  close(): Promise<void>;
}

/** The embedded default: one hub in the process, nothing to share with. */
export function localBus(): HubBus {
  return {
    kind: 'local',
    publish() {},
    control() {},
    onEvents() {},
    onControl() {},
    sharing: () => 'single',
    onSharing() {},
    async close() {},
  };
}

/** Subjects are `<prefix>.events` and `<prefix>.control`: one prefix per floor sharing a NATS. */
export const DEFAULT_SUBJECT_PREFIX = 'tapline.hub.v2';

const seq = z.number().int().nonnegative();
const written = z.object({ after: seq, upTo: seq });

/**
 * NATS core pub/sub between instances (TAPLINE_NATS_URL). Start-up never waits for NATS: until it
 * answers, and whenever it drops, the instance runs degraded (its own agents only) and keeps
 * trying every second (the hub catches up from the database when it is back).
 */
export function natsBus(options: {
  servers: string;
  instance: string;
  subjectPrefix?: string;
  log?: (message: string, details?: unknown) => void;
}): HubBus {
  const SUBJECT_EVENTS = `${options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX}.events`;
  const SUBJECT_CONTROL = `${options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX}.control`;
  const log = options.log ?? (() => {});
  // Messages are JSON text; nats' StringCodec is this pair.
  const codec = {
    encode: (text: string) => new TextEncoder().encode(text),
    decode: (data: Uint8Array) => new TextDecoder().decode(data),
  };
  const eventListeners: ((events: FloorEvent[], origin: string, written: Written) => void)[] = [];
  const controlListeners: ((message: BusControl) => void)[] = [];
  const sharingListeners: ((sharing: HubSharing) => void)[] = [];
  let nc: NatsConnection | null = null;
  let sharing: HubSharing = 'degraded';
  let closed = false;
  let everConnected = false;

  const setSharing = (next: HubSharing) => {
    if (next === sharing) return;
    sharing = next;
    for (const l of sharingListeners) l(next);
  };

  const receive = (data: Uint8Array, handle: (json: unknown) => void) => {
    try {
      handle(JSON.parse(codec.decode(data)));
    } catch (err) {
      log('a hub bus message was not readable', (err as Error).message);
    }
  };

  const connected = async (conn: NatsConnection) => {
    nc = conn;
    conn.subscribe(SUBJECT_EVENTS, {
      callback: (_err, msg) =>
        receive(msg.data, (json) => {
          const {
            origin,
            events,
            written: place,
          } = json as {
            origin: string;
            events: unknown[];
            written: unknown;
          };
          const at = written.safeParse(place);
          if (origin === options.instance || !Array.isArray(events) || !at.success) return;
          const valid = events.flatMap((e) => {
            const parsed = floorEvent.safeParse(e);
            return parsed.success ? [parsed.data] : [];
          });
          for (const l of eventListeners) l(valid, origin, at.data);
        }),
    });
    conn.subscribe(SUBJECT_CONTROL, {
      callback: (_err, msg) =>
        receive(msg.data, (json) => {
          const m = json as BusControl;
          if (m.origin === options.instance) return;
          if (m.type === 'resync' || m.type === 'settings') for (const l of controlListeners) l(m);
        }),
    });
    await conn.flush();
    everConnected = true;
    log(`hub ${options.instance} shares the floor through NATS at ${options.servers}`);
    setSharing('shared');
    (async () => {
      for await (const s of conn.status()) {
        if (s.type === 'disconnect') setSharing('degraded');
        if (s.type === 'reconnect') setSharing('shared');
      }
    })().catch(() => {});
  };

  const attempt = async (): Promise<void> => {
    while (!closed && !nc) {
      try {
        // The client loads with the first connection: a hub without NATS never needs it.
        const { connect } = await import('nats');
        const conn = await connect({
          servers: options.servers,
          name: `tapline-hub-${options.instance}`,
          noEcho: true,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
          timeout: 2000,
        });
        if (closed) {
          await conn.close();
          return;
        }
        await connected(conn);
      } catch (err) {
        if (!everConnected)
          log(
            `NATS at ${options.servers} does not answer: this hub runs alone until it does`,
            (err as Error).message,
          );
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  void attempt();

  return {
    kind: 'nats',
    publish(events, place) {
      if (!nc || sharing !== 'shared' || events.length === 0) return;
      nc.publish(
        SUBJECT_EVENTS,
        codec.encode(JSON.stringify({ origin: options.instance, events, written: place })),
      );
    },
    control(message) {
      nc?.publish(SUBJECT_CONTROL, codec.encode(JSON.stringify(message)));
    },
    onEvents: (l) => void eventListeners.push(l),
    onControl: (l) => void controlListeners.push(l),
    sharing: () => sharing,
    onSharing: (l) => void sharingListeners.push(l),
    async close() {
      closed = true;
      await nc?.drain().catch(() => {});
    },
  };
}
