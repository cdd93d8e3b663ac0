import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../../../db/cache';
import { buildServer } from '../../../../server/app';
import { type Db, openDatabase } from '../../../../server/db/database';
import { backends } from '../../../server/support';
import { TEST_CACHE_KEY } from '../../../support/desk';
import {
  type CisUnderTest,
  cisUnderTest,
  desktopOn,
  type Fault,
  faultyFetch,
  tagged,
} from './cis-under-test';

/**
 * The database of a server that goes down in the middle of a push: every command's transaction
 * waits at its start for `atCommand`, which may hold it (the server's last moment) or let it go.
 */
function watched(db: Db, atCommand: (n: number) => Promise<void>): Db {
  let commands = 0;
  const inside = (tx: Db): Db => ({
    kind: tx.kind,
    async query<T>(sql: string, params?: unknown[]) {
      if (/from sync_clients where client_id = \$1 for update/.test(sql))
        await atCommand(++commands);
      return tx.query<T>(sql, params);
    },
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(inside(tx)),
    close: () => tx.close(),
  });
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction((tx) => fn(inside(tx))),
    close: () => db.close(),
  };
}

describe.each(await backends())('the desktop’s sync against a real CIS on %s', (kind) => {
  let cis: CisUnderTest;
  let token: string;
  /** Desktops started as child processes: none outlives the tests, even one that timed out. */
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    cis = await cisUnderTest(kind);
    token = (await cis.signIn('agent')).token;
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await cis?.close();
  }, 60_000);

  const desktop = (name: string, plan: () => Fault = () => 'none') =>
    desktopOn(cis, join(cis.dir, `${name}.db`), { token, fetchImpl: faultyFetch(plan) });

  it('loads every header on the first sync, then pulls only changes', async () => {
    const d = desktop('first');
    await d.engine.syncNow();
    expect(d.cache.headerCount()).toBe(12);
    expect(d.cache.cursor()).not.toBeNull();
    expect(d.engine.current()).toMatchObject({
      online: true,
      pending: 0,
      initialLoad: { loaded: 12, done: true },
    });
    await d.close();
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
    const tag = tagged('f');
    const queue = [...faults];
    const d = desktop(tag, () => queue.shift() ?? 'none');
    for (let i = 1; i <= 5; i++) d.note(`${tag}${i}`);
    await d.rounds(8);
    expect(d.cache.pendingCount()).toBe(0);
    expect(d.cache.outbox().every((i) => i.status === 'applied')).toBe(true);
    expect(await cis.notesTagged(tag)).toEqual([1, 2, 3, 4, 5].map((i) => `${tag}${i}`));
    await d.close();
  });

  it('keeps commands through a server that is down, and sends them when it is back', async () => {
    const tag = tagged('down');
    const d = desktop(tag);
    await d.engine.syncNow();
    await cis.stop();
    for (let i = 1; i <= 3; i++) d.note(`${tag}${i}`);
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: false, pending: 3, error: 'offline' });
    // Unreachable is not the server failing: nothing is counted against the commands.
    expect(d.cache.outbox().map((i) => i.serverFailures)).toEqual([0, 0, 0]);
    await cis.start();
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, pending: 0, error: null });
    expect(await cis.notesTagged(tag)).toEqual([1, 2, 3].map((i) => `${tag}${i}`));
    await d.close();
  });

  it('applies each command exactly once when the server goes down with a batch half applied', async () => {
    const tag = tagged('half');
    const d = desktop(tag);
    await d.engine.syncNow();
    const queued = [1, 2, 3, 4, 5].map((i) => d.note(`${tag}${i}`));

    // The same database, behind a server that dies as it starts the fourth command of the batch.
    await cis.stop();
    const db = await openDatabase({
      databaseUrl: cis.where.databaseUrl,
      dataDir: cis.where.dataDir ? join(cis.where.dataDir, 'cis') : null,
    });
    let halfway: () => void = () => {};
    const reachedHalfway = new Promise<void>((r) => {
      halfway = r;
    });
    let die: (err: Error) => void = () => {};
    const app = await buildServer({
      db: watched(db, async (n) => {
        if (n < 4) return;
        halfway();
        await new Promise<void>((_, reject) => {
          die = reject;
        });
      }),
      plugins: [],
    });
    await app.listen({ host: '127.0.0.1', port: cis.port });
    const round = d.engine.syncNow();
    await reachedHalfway;
    app.server.closeAllConnections();
    die(new Error('the server went down'));
    await round;
    expect(d.engine.current()).toMatchObject({ online: false, pending: 5, error: 'offline' });
    const applied = await db.query<{ n: number }>(
      'select count(*)::int as n from notes where text like $1',
      [`${tag}%`],
    );
    expect(applied.rows[0].n).toBe(3);
    await app.close();
    await db.close();

    await cis.start();
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, pending: 0 });
    expect(await cis.notesTagged(tag)).toEqual([1, 2, 3, 4, 5].map((i) => `${tag}${i}`));
    // The first three came back as the server's stored outcomes, the last two were applied now.
    expect(d.outcomes).toEqual(queued.map((item, i) => ({ seq: item.seq, duplicate: i < 3 })));
    await d.close();
  });

  it('loses nothing and applies nothing twice when the desktop is killed inside its transactions (SIGKILL)', async () => {
    const tag = tagged('kill');
    const file = join(cis.dir, `${tag}.db`);
    const runs = ['snapshot', 'push', 'pull', 'anywhere'] as const;
    const inspect = <T>(look: (cache: LocalCache) => T): T => {
      const cache = LocalCache.open({ file, key: TEST_CACHE_KEY });
      try {
        return look(cache);
      } finally {
        cache.close();
      }
    };
    for (const where of runs) {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'sync-child.ts'),
          file,
          TEST_CACHE_KEY,
          cis.url,
          token,
          cis.account,
          `${tag}${where}-`,
          '25',
          where,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      children.add(child);
      const lines = createInterface({ input: child.stdout });
      const said = (line: string) =>
        new Promise<void>((resolve) => {
          const listen = (l: string) => {
            if (l === line) {
              lines.off('line', listen);
              resolve();
            }
          };
          lines.on('line', listen);
        });
      const exited = new Promise((r) => child.once('exit', r));
      try {
        if (where === 'anywhere') {
          await said('queued');
          await new Promise((r) => setTimeout(r, 150));
        } else {
          await said(`inside ${where}`);
        }
      } finally {
        child.kill('SIGKILL');
        await exited;
      }

      // What the cache holds after the kill shows where it landed: the open transaction is gone.
      if (where === 'snapshot') {
        expect(inspect((c) => [c.headerCount(), c.pendingCount(), c.cursor()])).toEqual([
          3,
          25,
          null,
        ]);
      }
      if (where === 'push') {
        // The server applied the batch; the desktop never recorded its answer.
        expect((await cis.notesTagged(`${tag}push-`)).length).toBe(25);
        expect(inspect((c) => c.pendingCount())).toBe(50);
      }
      if (where === 'pull') {
        expect(
          inspect((c) => [c.pendingCount(), c.cursor() === Number(c.meta('snapshot_cursor'))]),
        ).toEqual([0, true]);
      }
    }

    // The next start of the desktop opens the same cache and finishes the work.
    const d = desktopOn(cis, file, { token });
    await d.rounds(5);
    await d.engine.syncNow();
    expect(d.cache.pendingCount()).toBe(0);
    const expected = runs
      .flatMap((w) => Array.from({ length: 25 }, (_, i) => `${tag}${w}-${i + 1}`))
      .sort();
    expect((await cis.notesTagged(tag)).sort()).toEqual(expected);
    expect(d.cache.headerCount()).toBe(12);
    expect(d.cache.cursor()).toBeGreaterThan(Number(d.cache.meta('snapshot_cursor')));
    await d.close();
  }, 120_000);
});
