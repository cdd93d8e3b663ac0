import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../../../db/cache';
import { CisClient } from '../../../../electron/services/cis/client';
import { SyncEngine } from '../../../../electron/services/cis/sync';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import { type CisServer, startCisServer } from '../../../../server/start';
import { backends, freshDb, type TestDb } from '../../../server/support';
import { TEST_CACHE_KEY } from '../../../support/desk';

type Fault = 'none' | 'drop-reply' | 'duplicate' | 'server-error';

describe.each(await backends())('the desktop’s sync against a real CIS on %s', (kind) => {
  let server: CisServer;
  let pgDb: TestDb | null = null;
  let token: string;
  let account: string;
  const dir = mkdtempSync(join(tmpdir(), 'tapline-sync-'));

  beforeAll(async () => {
    if (kind === 'postgres') {
      pgDb = await freshDb('postgres');
      await pgDb.db.close();
    }
    server = await startCisServer({
      dataDir: kind === 'pglite' ? dir : null,
      databaseUrl: pgDb?.url,
      seed: { utilityId: 'marin-water-ca', accounts: 12 },
    });
    const c = new CisClient({ baseUrl: server.url });
    token = (await c.signIn('agent', TRAINING_PASSWORD)).token;
    account = (
      await server.db.query<{ number: string }>(
        'select number from accounts order by number limit 1',
      )
    ).rows[0].number;
  });
  afterAll(async () => {
    await server?.close();
    if (pgDb) await pgDb.drop().catch(() => {});
  });

  const notesTagged = async (tag: string) =>
    (
      await server.db.query<{ text: string }>(
        'select text from notes where text like $1 order by text',
        [`${tag}%`],
      )
    ).rows.map((r) => r.text);

  /** A fetch that fails the way networks do, around the real one. */
  function faultyFetch(plan: () => Fault): typeof fetch {
    return async (input, init) => {
      const fault = plan();
      if (fault === 'server-error') return new Response('{"error":"down"}', { status: 503 });
      const response = await fetch(input, init);
      if (fault === 'drop-reply')
        throw new TypeError('fetch failed: connection reset after the server answered');
      if (fault === 'duplicate' && init?.method === 'POST') await fetch(input, init);
      return response;
    };
  }

  function engineOn(file: string, plan: () => Fault) {
    const cache = LocalCache.open({ file, key: TEST_CACHE_KEY });
    const client = new CisClient({ baseUrl: server.url, fetchImpl: faultyFetch(plan) });
    client.setToken(token);
    const outcomes: number[] = [];
    const engine = new SyncEngine({
      cache,
      client,
      clientId: cache.clientId(() => crypto.randomUUID()),
      events: {
        status: () => {},
        outcome: (item) => outcomes.push(item.seq),
        accountsChanged: () => {},
      },
      snapshotPage: 4,
    });
    return { cache, engine, outcomes };
  }

  it('loads every header on the first sync, then pulls only changes', async () => {
    const { cache, engine } = engineOn(join(dir, 'first.db'), () => 'none');
    await engine.syncNow();
    expect(cache.headerCount()).toBe(12);
    expect(cache.cursor()).not.toBeNull();
    expect(engine.current()).toMatchObject({
      online: true,
      pending: 0,
      initialLoad: { loaded: 12, done: true },
    });
    cache.close();
  });

  it.each<[string, Fault[]]>([
    ['the reply to a push is lost', ['drop-reply']],
    [
      'every request is sent twice',
      ['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate'],
    ],
    ['the server answers 503 then recovers', ['server-error', 'server-error']],
    ['replies are lost, then duplicated', ['drop-reply', 'duplicate', 'drop-reply', 'duplicate']],
  ])('applies each note exactly once when %s', async (_name, faults) => {
    const tag = `f${Math.random().toString(36).slice(2, 8)}-`;
    const queue = [...faults];
    const { cache, engine } = engineOn(join(dir, `${tag}.db`), () => queue.shift() ?? 'none');
    for (let i = 1; i <= 5; i++)
      cache.enqueue(
        { type: 'addNote', accountNumber: account, text: `${tag}${i}` },
        new Date().toISOString(),
      );
    for (let round = 0; round < 8 && cache.pendingCount() > 0; round++) await engine.syncNow();
    expect(cache.pendingCount()).toBe(0);
    expect(cache.outbox().every((i) => i.status === 'applied')).toBe(true);
    expect(await notesTagged(tag)).toEqual([1, 2, 3, 4, 5].map((i) => `${tag}${i}`));
    engine.stop();
    cache.close();
  });

  it('keeps commands through a server that is down mid-push, and sends them when it is back', async () => {
    const tag = `down${Math.random().toString(36).slice(2, 6)}-`;
    const { cache, engine } = engineOn(join(dir, `${tag}.db`), () => 'none');
    await engine.syncNow();
    const port = server.port;
    await server.close();
    for (let i = 1; i <= 3; i++)
      cache.enqueue(
        { type: 'addNote', accountNumber: account, text: `${tag}${i}` },
        new Date().toISOString(),
      );
    await engine.syncNow();
    expect(engine.current()).toMatchObject({ online: false, pending: 3, error: 'offline' });
    server = await startCisServer({
      dataDir: kind === 'pglite' ? dir : null,
      databaseUrl: pgDb?.url,
      port,
    });
    await engine.syncNow();
    expect(engine.current()).toMatchObject({ online: true, pending: 0 });
    expect(await notesTagged(tag)).toEqual([1, 2, 3].map((i) => `${tag}${i}`));
    engine.stop();
    cache.close();
  });

  it('loses nothing and applies nothing twice when the desktop is killed mid-sync (SIGKILL)', async () => {
    const tag = `kill${Math.random().toString(36).slice(2, 6)}-`;
    const file = join(dir, `${tag}.db`);
    for (const delay of [40, 120, 300]) {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'sync-child.ts'),
          file,
          TEST_CACHE_KEY,
          server.url,
          token,
          account,
          `${tag}${delay}-`,
          '25',
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // The next start of the desktop opens the same cache and finishes the work.
    const { cache, engine } = engineOn(file, () => 'none');
    for (let round = 0; round < 5 && cache.pendingCount() > 0; round++) await engine.syncNow();
    expect(cache.pendingCount()).toBe(0);
    const expected = [40, 120, 300]
      .flatMap((d) => Array.from({ length: 25 }, (_, i) => `${tag}${d}-${i + 1}`))
      .sort();
    expect((await notesTagged(tag)).sort()).toEqual(expected);
    expect(cache.headerCount()).toBe(12);
    engine.stop();
    cache.close();
  });
});
