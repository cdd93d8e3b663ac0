import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCache } from '../../db/cache';
import { CisClient } from '../../electron/services/cis/client';
import { SyncEngine } from '../../electron/services/cis/sync';
import { buildServer } from '../../server/app';
import { postgresDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility, seedUsers, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import { Temporal } from '../../shared/dates';

/**
 * The CIS at Philadelphia's size: seed (or reuse) TAPLINE_BENCH_ACCOUNTS accounts (500,000) in
 * PostgreSQL, then measure the desktop side against it over loopback HTTP.
 */
const ACCOUNTS = Number(process.env.TAPLINE_BENCH_ACCOUNTS ?? 500_000);
const URL =
  process.env.TAPLINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tapline_bench';
const KEY = 'b'.repeat(64);

function percentiles(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms`;
}

export async function run(): Promise<void> {
  const db = postgresDb(URL);
  try {
    await migrate(db);
    let { rows } = await db.query<{ n: number }>('select count(*)::int as n from accounts');
    if (rows[0].n === 0) {
      const started = performance.now();
      await seedUsers(db);
      await seedSyntheticUtility(db, {
        utilityId: 'philadelphia-water-pa',
        accounts: ACCOUNTS,
        seed: 1,
        today: Temporal.Now.plainDateISO(),
        batchSize: 2000,
      });
      console.log(
        `seed: ${ACCOUNTS.toLocaleString('en-US')} accounts in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      ({ rows } = await db.query<{ n: number }>('select count(*)::int as n from accounts'));
    } else {
      console.log(
        `seed: reusing ${rows[0].n.toLocaleString('en-US')} accounts already in ${URL} (time it with: npm run cli -- seed --utility philadelphia-water-pa --accounts ${ACCOUNTS} --database-url URL)`,
      );
    }
    const counts = await db.query<{ t: string; n: number }>(
      "select 'bills' as t, count(*)::int as n from bills union all select 'reads', count(*)::int from reads union all select 'payments', count(*)::int from payments",
    );
    console.log(
      `data: ${rows[0].n.toLocaleString('en-US')} accounts, ${counts.rows.map((r) => `${r.n.toLocaleString('en-US')} ${r.t}`).join(', ')}`,
    );

    const app = await buildServer({ db });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const dir = mkdtempSync(join(tmpdir(), 'tapline-bench-cache-'));
    const client = new CisClient({ baseUrl, timeoutMs: 120_000 });
    client.setToken((await client.signIn('agent', TRAINING_PASSWORD)).token);
    const cache = LocalCache.open({ file: join(dir, 'cache.db'), key: KEY });
    const engine = new SyncEngine({
      cache,
      client,
      clientId: randomUUID(),
      events: { status: () => {}, outcome: () => {}, accountsChanged: () => {} },
      snapshotPage: 10_000,
      pullPage: 2000,
    });

    let t = performance.now();
    await engine.syncNow();
    const initial = performance.now() - t;
    console.log(
      `initial sync into an empty cache: ${cache.headerCount().toLocaleString('en-US')} headers in ${(initial / 1000).toFixed(1)} s (${Math.round(cache.headerCount() / (initial / 1000)).toLocaleString('en-US')} headers/s); cache file ${(statSync(join(dir, 'cache.db')).size / 1024 / 1024).toFixed(0)} MiB (encrypted)`,
    );

    const sample = await db.query<{ digits: string; name: string }>(
      'select p.digits, c.name from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id order by md5(p.account_number) limit 1000',
    );
    const phone: number[] = [];
    const byName: number[] = [];
    let found = 0;
    for (const r of sample.rows) {
      const formatted = `(${r.digits.slice(0, 3)}) ${r.digits.slice(3, 6)}-${r.digits.slice(6)}`;
      t = performance.now();
      if (cache.byPhone(formatted).length) found++;
      phone.push(performance.now() - t);
      const typed = r.name.split(' ').at(-1)!;
      t = performance.now();
      cache.search(typed, 20);
      byName.push(performance.now() - t);
    }
    console.log(`lookup by phone (1,000 queries, ${found} found): ${percentiles(phone)}`);
    console.log(`search by name as typed (1,000 queries): ${percentiles(byName)}`);

    const numbers = await db.query<{ number: string }>(
      'select number from accounts order by md5(number || 2) limit 1000',
    );
    await db.transaction(async (tx) => {
      for (const r of numbers.rows) {
        await tx.query(
          "update customers set preferred_language = case when preferred_language = 'en' then 'es' else 'en' end where id = (select customer_id from accounts where number = $1)",
          [r.number],
        );
        await tx.query('update accounts set version = version + 1 where number = $1', [r.number]);
        await tx.query(
          "insert into change_log (account_number, kind, entity) values ($1, 'header', 'customer')",
          [r.number],
        );
      }
    });
    t = performance.now();
    await engine.syncNow();
    console.log(`incremental sync of 1,000 changes: ${(performance.now() - t).toFixed(0)} ms`);

    for (const r of numbers.rows)
      cache.enqueue(
        { type: 'addNote', accountNumber: r.number, text: 'bench note' },
        new Date().toISOString(),
      );
    t = performance.now();
    await engine.syncNow();
    console.log(
      `push of 1,000 commands (exactly once, each in its own transaction): ${(performance.now() - t).toFixed(0)} ms; ${cache.pendingCount()} left pending${engine.current().error ? ` (${engine.current().error})` : ''}`,
    );

    engine.stop();
    cache.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await db.close();
  }
}
