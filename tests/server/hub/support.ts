import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { buildServer } from '../../../server/app';
import { sessionAuth } from '../../../server/auth/sessions';
import type { Db } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import type { BusControl, HubBus } from '../../../server/hub/bus';
import { Hub, type HubOptions } from '../../../server/hub/hub';
import { hubPlugin } from '../../../server/hub/plugin';
import type { Written } from '../../../server/hub/store';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import type { HubServerMessage, HubSharing } from '../../../shared/hub';
import type { FloorEvent } from '../../../shared/metrics';

export interface HubServer {
  app: FastifyInstance;
  hub: Hub;
  url: string;
  close(): Promise<void>;
}

/** A CIS with its hub listening on loopback (the users seeded, no accounts: the hub needs none). */
export async function hubServer(db: Db, options: Partial<HubOptions> = {}): Promise<HubServer> {
  await migrate(db);
  await seedUsers(db);
  const hub = await Hub.start({ db, timeZone: 'America/New_York', ...options });
  const app = await buildServer({ db, plugins: [{ plugin: hubPlugin, options: { hub } }] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    hub,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await hub.close();
    },
  };
}

export async function tokenFor(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TRAINING_PASSWORD }),
  });
  return ((await r.json()) as { token: string }).token;
}

/** A desktop's socket to the hub, with its messages kept in order for the test to wait on. */
export class HubClient {
  readonly received: HubServerMessage[] = [];
  private waiters: {
    match: (m: HubServerMessage) => boolean;
    resolve: (m: HubServerMessage) => void;
  }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as HubServerMessage;
      this.received.push(m);
      for (const w of [...this.waiters])
        if (w.match(m)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
    });
  }

  static connect(url: string, token: string | null): Promise<HubClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/hub`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    const client = new HubClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The next message (already received or to come) that matches, after `from`. */
  next<T extends HubServerMessage['type']>(
    type: T,
    where: (m: Extract<HubServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<HubServerMessage, { type: T }>> {
    const match = (m: HubServerMessage) =>
      m.type === type && where(m as Extract<HubServerMessage, { type: T }>);
    const seen = this.received.find(match);
    if (seen) {
      this.received.splice(this.received.indexOf(seen), 1);
      return Promise.resolve(seen as Extract<HubServerMessage, { type: T }>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(m), 1);
          resolve(m as Extract<HubServerMessage, { type: T }>);
        },
      });
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(): void {
    this.ws.close();
  }
}

let reportCounter = 0;
/** A fresh report id (the desktop makes one per report). */
export const reportId = () => `report-${Date.now()}-${++reportCounter}`;

/**
 * Two in-process buses wired to each other, with a switch that cuts the link (NATS going away)
 * and a way to lose the next message on the way (NATS core delivers at most once).
 */
export function linkedBuses(): {
  a: HubBus;
  b: HubBus;
  cut(): void;
  restore(): void;
  loseNext(): void;
} {
  type Side = {
    events: ((e: FloorEvent[], origin: string, written: Written) => void)[];
    control: ((m: BusControl) => void)[];
    sharing: ((s: HubSharing) => void)[];
  };
  const sides: [Side, Side] = [
    { events: [], control: [], sharing: [] },
    { events: [], control: [], sharing: [] },
  ];
  let up = true;
  let lose = false;
  // The instances on either side are named a and b (each batch names its writer).
  const names = ['a', 'b'];
  const bus = (me: 0 | 1): HubBus => ({
    kind: 'nats',
    publish: (events, written) => {
      if (!up || events.length === 0) return;
      if (lose) {
        lose = false;
        return;
      }
      for (const l of sides[1 - me].events) l(events, names[me], written);
    },
    control: (m) => {
      if (up) for (const l of sides[1 - me].control) l(m);
    },
    onEvents: (l) => void sides[me].events.push(l),
    onControl: (l) => void sides[me].control.push(l),
    sharing: () => (up ? 'shared' : 'degraded'),
    onSharing: (l) => void sides[me].sharing.push(l),
    close: async () => {},
  });
  const announce = () => {
    for (const side of sides) for (const l of side.sharing) l(up ? 'shared' : 'degraded');
  };
  return {
    a: bus(0),
    b: bus(1),
    cut() {
      up = false;
      announce();
    },
    restore() {
      up = true;
      announce();
    },
    loseNext() {
      lose = true;
    },
  };
}

export { sessionAuth };
