import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCache } from '../../../../db/cache';
import { CisClient } from '../../../../electron/services/cis/client';
import {
  SyncEngine,
  type SyncOptions,
  type SyncStatus,
} from '../../../../electron/services/cis/sync';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import { type CisServer, startCisServer } from '../../../../server/start';
import { freshDb, type TestDb } from '../../../server/support';
import { TEST_CACHE_KEY } from '../../../support/desk';

/**
 * A real reference CIS for the desktop's sync to talk to over HTTP, on PGlite (in a data folder,
 * so it can be stopped and started again) or on a throwaway PostgreSQL database.
 */
export async function cisUnderTest(kind: 'pglite' | 'postgres', accounts = 12) {
  const dir = mkdtempSync(join(tmpdir(), 'tapline-sync-'));
  let pgDb: TestDb | null = null;
  if (kind === 'postgres') {
    pgDb = await freshDb('postgres');
    await pgDb.db.close();
  }
  const where = { dataDir: kind === 'pglite' ? dir : null, databaseUrl: pgDb?.url };
  let server: CisServer = await startCisServer({
    mode: 'training',
    ...where,
    seed: { utilityId: 'marin-water-ca', accounts },
  });
  const port = server.port;
  const url = server.url;
  const signIn = async (username: string) =>
    new CisClient({ baseUrl: url }).signIn(username, TRAINING_PASSWORD);
  const account = (
    await server.db.query<{ number: string }>('select number from accounts order by number limit 1')
  ).rows[0].number;
  return {
    dir,
    url,
    port,
    account,
    /** Where the database is, to open it again as the server does. */
    where,
    server: () => server,
    signIn,
    async stop() {
      await server.close();
    },
    async start() {
      server = await startCisServer({
        mode: 'training',
        ...where,
        port,
      });
    },
    /** The notes at the server whose text starts with the tag, sorted. */
    async notesTagged(tag: string): Promise<string[]> {
      return (
        await server.db.query<{ text: string }>(
          'select text from notes where text like $1 order by text',
          [`${tag}%`],
        )
      ).rows.map((r) => r.text);
    },
    async close() {
      await server?.close().catch(() => {});
      if (pgDb) await pgDb.drop().catch(() => {});
    },
  };
}
export type CisUnderTest = Awaited<ReturnType<typeof cisUnderTest>>;

/**
 * drop-reply: the server answers, the desktop never hears it. duplicate: the request arrives
 * twice. server-error: a 503 before the server sees the request. fail-after: the server applies
 * the request, and the desktop hears a 500.
 */
export type Fault = 'none' | 'drop-reply' | 'duplicate' | 'server-error' | 'fail-after';

/** A fetch that fails the way networks do, around the real one. */
export function faultyFetch(plan: (url: string, body: string) => Fault): typeof fetch {
  return async (input, init) => {
    const fault = plan(String(input), typeof init?.body === 'string' ? init.body : '');
    if (fault === 'server-error') return new Response('{"error":"down"}', { status: 503 });
    // A connection per request: a server stopped and started again on the same port is not
    // reached through a socket the previous one left behind.
    init = {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), connection: 'close' },
    };
    const response = await fetch(input, init);
    if (fault === 'drop-reply')
      throw new TypeError('fetch failed: connection reset after the server answered');
    if (fault === 'duplicate' && init?.method === 'POST') await fetch(input, init);
    if (fault === 'fail-after') return new Response('{"error":"internal"}', { status: 500 });
    return response;
  };
}

/** A desktop's cache and sync engine on a file, signed in with a token, recording what it saw. */
export function desktopOn(
  cis: CisUnderTest,
  file: string,
  o: {
    token: string;
    fetchImpl?: typeof fetch;
    issuer?: () => string | null;
    options?: Partial<SyncOptions>;
  },
) {
  const cache = LocalCache.open({ file, key: TEST_CACHE_KEY });
  const client = new CisClient({ baseUrl: cis.url, fetchImpl: o.fetchImpl });
  client.setToken(o.token);
  const outcomes: { seq: number; duplicate: boolean }[] = [];
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    cache,
    client,
    clientId: cache.clientId(() => crypto.randomUUID()),
    events: {
      status: (s) => statuses.push(s),
      outcome: (item, _outcome, duplicate) => outcomes.push({ seq: item.seq, duplicate }),
      accountsChanged: () => {},
    },
    snapshotPage: 4,
    issuer: o.issuer,
    prefetch: null,
    ...o.options,
  });
  return {
    cache,
    client,
    engine,
    outcomes,
    statuses,
    note(text: string, issuedBy: string | null = null) {
      return cache.enqueue(
        { type: 'addNote', accountNumber: cis.account, text },
        new Date().toISOString(),
        issuedBy,
      );
    },
    async rounds(n: number) {
      for (let i = 0; i < n && cache.pendingCount() > 0; i++) await engine.syncNow();
    },
    async close() {
      await engine.stop();
      cache.close();
    },
  };
}

export const tagged = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}-`;
