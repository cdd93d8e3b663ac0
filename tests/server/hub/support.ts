import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { buildServer } from '../../../server/app';
import { sessionAuth } from '../../../server/auth/sessions';
import type { Db } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { Hub, type HubOptions } from '../../../server/hub/hub';
import { hubPlugin } from '../../../server/hub/plugin';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import type { HubServerMessage } from '../../../shared/hub';

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

export { sessionAuth };
