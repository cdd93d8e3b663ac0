import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LocalCache } from '../../db/cache';
import { CisClient } from '../../electron/services/cis/client';
import { SyncEngine } from '../../electron/services/cis/sync';
import { buildServer } from '../../server/app';
import { postgresDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility, seedUsers, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import { Temporal } from '../../shared/dates';
import { withTypo } from '../support/typo';
import { machine, peakResident } from './machine';

/**
 * The CIS at Philadelphia's size, then the desktop side against it over loopback HTTP.
 *
 * By default it creates a database of its own on the PostgreSQL server at
 * TAPLINE_BENCH_PG (postgres://postgres@127.0.0.1:5432), seeds TAPLINE_BENCH_ACCOUNTS
 * accounts (500,000) into it, timing the seed, and drops it at the end (TAPLINE_BENCH_KEEP=1
 * keeps it). TAPLINE_BENCH_DATABASE_URL names a database to use instead: it is created if
 * missing and seeded (timed) if empty; one already seeded is reused, and says so.
 */
const ACCOUNTS = Number(process.env.TAPLINE_BENCH_ACCOUNTS ?? 500_000);
const SERVER = process.env.TAPLINE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const KEY = 'b'.repeat(64);
const QUERIES = 1000;

function percentiles(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The maintenance database of the server a URL points at, where databases are created. */
function maintenanceUrl(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`the bench's database name must be a plain identifier, not "${name}"`);
  u.pathname = '/postgres';
  return { admin: u.toString(), name };
}

async function onAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database if it is missing; answers whether it did. */
async function ensureDatabase(url: string): Promise<boolean> {
  const { admin, name } = maintenanceUrl(url);
  return onAdmin(admin, async (c) => {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await c.query(`create database ${name}`);
    return true;
  });
}

async function dropDatabase(url: string): Promise<void> {
  const { admin, name } = maintenanceUrl(url);
  await onAdmin(admin, (c) => c.query(`drop database if exists ${name} with (force)`));
}

export async function run(): Promise<void> {
  const given = process.env.TAPLINE_BENCH_DATABASE_URL;
  const url =
    given ?? `${SERVER.replace(/\/$/, '')}/tapline_bench_${randomBytes(4).toString('hex')}`;
  const created = await ensureDatabase(url);
  const throwaway = !given && process.env.TAPLINE_BENCH_KEEP !== '1';
  console.log(
    `database: ${maintenanceUrl(url).name} (${created ? 'created' : 'already there'}${throwaway ? ', dropped at the end' : ''})`,
  );
  console.log(`machine: ${machine()}`);
  const db = postgresDb(url);
  try {
    await migrate(db);
    let { rows } = await db.query<{ n: number }>('select count(*)::int as n from accounts');
    if (rows[0].n === 0) {
      const started = performance.now();
      await seedUsers(db);
      let shown = 0;
      const { peak } = await peakResident(() =>
        seedSyntheticUtility(db, {
          utilityId: 'philadelphia-water-pa',
          accounts: ACCOUNTS,
          seed: 1,
          today: Temporal.Now.plainDateISO(),
          batchSize: 2000,
          onProgress: (done) => {
            if (done - shown < ACCOUNTS / 10 && done < ACCOUNTS) return;
            shown = done;
            const s = (performance.now() - started) / 1000;
            console.log(`  seed: ${count(done)} accounts after ${s.toFixed(0)} s`);
          },
        }),
      );
      console.log(
        `seed: ${count(ACCOUNTS)} accounts in ${((performance.now() - started) / 1000).toFixed(0)} s (through COPY, generated in worker threads); resident size of the seeding process at most ${(peak / 1024 / 1024).toFixed(0)} MiB`,
      );
      ({ rows } = await db.query<{ n: number }>('select count(*)::int as n from accounts'));
    } else {
      console.log(
        `seed: not timed, reusing the ${count(rows[0].n)} accounts already in ${maintenanceUrl(url).name} (unset TAPLINE_BENCH_DATABASE_URL to seed a fresh database and time it)`,
      );
    }
    const counts = await db.query<{ t: string; n: number }>(
      "select 'bills' as t, count(*)::int as n from bills union all select 'reads', count(*)::int from reads union all select 'payments', count(*)::int from payments union all select 'notices', count(*)::int from notices union all select 'arrangements', count(*)::int from arrangements",
    );
    console.log(
      `data: ${count(rows[0].n)} accounts, ${counts.rows.map((r) => `${count(r.n)} ${r.t}`).join(', ')}`,
    );

    const app = await buildServer({ db, plugins: [] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const dir = mkdtempSync(join(tmpdir(), 'tapline-bench-cache-'));
    const client = new CisClient({ baseUrl, timeoutMs: 120_000 });
    const { token, principal } = await client.signIn('agent', TRAINING_PASSWORD);
    client.setToken(token);
    const cache = LocalCache.open({ file: join(dir, 'cache.db'), key: KEY });
    const engine = new SyncEngine({
      cache,
      client,
      clientId: randomUUID(),
      events: { status: () => {}, outcome: () => {}, accountsChanged: () => {} },
      snapshotPage: 10_000,
      pullPage: 2000,
      issuer: () => principal.userId,
      // The rounds timed here are the sync itself, not the details fetched after it.
      prefetch: null,
    });

    let t = performance.now();
    await engine.syncNow();
    const initial = performance.now() - t;
    console.log(
      `initial sync into an empty cache: ${count(cache.headerCount())} headers in ${(initial / 1000).toFixed(1)} s (${count(Math.round(cache.headerCount() / (initial / 1000)))} headers/s); cache file ${(statSync(join(dir, 'cache.db')).size / 1024 / 1024).toFixed(0)} MiB (encrypted)`,
    );

    const sample = await db.query<{ digits: string; name: string; number: string }>(
      `select p.digits, c.name, a.number from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id order by md5(p.account_number) limit ${QUERIES}`,
    );
    const phone: number[] = [];
    const byName: number[] = [];
    let foundByPhone = 0;
    let foundByName = 0;
    for (const [i, r] of sample.rows.entries()) {
      const formatted = `(${r.digits.slice(0, 3)}) ${r.digits.slice(3, 6)}-${r.digits.slice(6)}`;
      t = performance.now();
      if (cache.byPhone(formatted).some((h) => h.number === r.number)) foundByPhone++;
      phone.push(performance.now() - t);
      // The caller's name as an agent types it in a hurry: one slip, somewhere in the longest word.
      const typed = withTypo(r.name, (i % 10) / 10);
      t = performance.now();
      const hits = cache.search(typed, 20);
      byName.push(performance.now() - t);
      if (hits.some((h) => h.header.number === r.number)) foundByName++;
    }
    console.log(
      `lookup by phone (${count(QUERIES)} queries, the account found ${foundByPhone} times): ${percentiles(phone)}`,
    );
    console.log(
      `search by a name typed with a slip (${count(QUERIES)} queries, the account in the first 20 ${foundByName} times): ${percentiles(byName)}`,
    );

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
        principal.userId,
      );
    t = performance.now();
    await engine.syncNow();
    console.log(
      `push of 1,000 commands (exactly once, each in its own transaction): ${(performance.now() - t).toFixed(0)} ms; ${cache.pendingCount()} left pending${engine.current().error ? ` (${engine.current().error})` : ''}`,
    );

    await engine.stop();
    cache.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await db.close();
    if (throwaway) await dropDatabase(url);
  }
}
