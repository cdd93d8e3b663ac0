import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ageAccounts } from '../../server/cis/aging';
import { type Db, pgliteDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { ensureSeeded, seedState } from '../../server/seed/synthetic';
import { startCisServer } from '../../server/start';
import { freshDb, type TestDb, TODAY } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

const seed = { utilityId: 'portland-water-me', accounts: 40, seed: 5 };

/** What one seed wrote, account by account: number, name, balance, past due and its age. */
const fingerprint = async (db: Db) =>
  (
    await db.query<{ s: string }>(
      `select string_agg(a.number || ':' || c.name || ':' || a.balance_cents || ':' || a.past_due_cents || ':' || a.past_due_days || ':' || a.over30_cents, ',' order by a.number) as s
         from accounts a join customers c on c.id = a.customer_id`,
    )
  ).rows[0].s;

describe('a seed that stopped part way', () => {
  it('is finished on the next start, with the options it started with, to the same data as one run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapline-seed-'));
    let agedOnFirstStart = 0;
    const first = await pgliteDb(join(dataDir, 'cis'));
    await migrate(first);
    // The first start is killed after its second batch of ten accounts.
    await expect(
      ensureSeeded(first, {
        ...seed,
        today: TODAY,
        batchSize: 10,
        onProgress: (done) => {
          if (done === 20) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await seedState(first)).toMatchObject({ state: 'unfinished', done: 20 });
    await first.close();

    // The next start, three days later, asks for another size: the seed it finishes is the first.
    const server = await startCisServer({
      mode: 'training',
      dataDir,
      seed: { utilityId: 'portland-water-me', accounts: 500 },
      hub: null,
      today: () => TODAY.add({ days: 3 }),
    });
    try {
      const { rows } = await server.db.query<{ n: number }>(
        'select count(*)::int as n from accounts',
      );
      expect(rows[0].n).toBe(40);
      expect(await seedState(server.db)).toEqual({ state: 'seeded' });
      // On start, three days after the seed's date, each past due aged three days: the
      // desktops hear of every header that changed.
      const { rows: aged } = await server.db.query<{ n: number; owing: number }>(
        `select (select count(*)::int from change_log where entity = 'aging') as n,
                (select count(*)::int from accounts where past_due_cents > 0) as owing`,
      );
      expect(aged[0].n).toBeGreaterThan(0);
      expect(aged[0].n).toBeGreaterThanOrEqual(aged[0].owing);
      agedOnFirstStart = aged[0].n;
      const once = await freshDb('pglite');
      opened.push(once);
      await migrate(once.db);
      await ensureSeeded(once.db, { ...seed, today: TODAY });
      // The server aged past due to its own day on start; the seed's own day is what both wrote.
      await ageAccounts(server.db, TODAY);
      expect(await fingerprint(server.db)).toBe(await fingerprint(once.db));
    } finally {
      await server.close();
    }
    // Aging runs once a day: started again that day, the server has nothing to tell.
    const again = await startCisServer({
      mode: 'training',
      dataDir,
      seed: { utilityId: 'portland-water-me', accounts: 500 },
      hub: null,
      today: () => TODAY.add({ days: 3 }),
    });
    try {
      const { rows } = await again.db.query<{ n: number }>(
        "select count(*)::int as n from change_log where entity = 'aging'",
      );
      expect(rows[0].n).toBe(agedOnFirstStart);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('never seeds over data no seed wrote', async () => {
    const t = await freshDb('pglite');
    opened.push(t);
    await migrate(t.db);
    await t.db.query(
      "insert into users (id, username, name, password_hash, role) values ('u-1', 'ops', 'Ops', 'x', 'admin')",
    );
    expect(await ensureSeeded(t.db, { ...seed, today: TODAY })).toMatchObject({
      did: 'nothing',
      state: { state: 'foreign' },
    });
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from accounts');
    expect(rows[0].n).toBe(0);
  });
});

describe('past-due aging', () => {
  it('is the seed’s own on its day, and moves on as the days pass', async () => {
    const t = await freshDb('pglite');
    opened.push(t);
    await migrate(t.db);
    await ensureSeeded(t.db, { ...seed, accounts: 120, today: TODAY });
    expect(await ageAccounts(t.db, TODAY)).toEqual([]);
    const before = await t.db.query<{
      number: string;
      past_due_cents: number;
      past_due_days: number;
      balance_cents: number;
    }>('select number, past_due_cents, past_due_days, balance_cents from accounts order by number');
    const later = TODAY.add({ days: 30 });
    const changed = await ageAccounts(t.db, later);
    const after = new Map(
      (
        await t.db.query<{ number: string; past_due_cents: number; past_due_days: number }>(
          'select number, past_due_cents, past_due_days from accounts',
        )
      ).rows.map((r) => [r.number, r]),
    );
    // Nothing was paid in those 30 days: what was past due is 30 days older, and more fell due.
    const owing = before.rows.filter((r) => r.past_due_cents > 0);
    expect(owing.length).toBeGreaterThan(0);
    for (const r of owing) {
      expect(after.get(r.number)!.past_due_days).toBe(r.past_due_days + 30);
      expect(after.get(r.number)!.past_due_cents).toBeGreaterThanOrEqual(r.past_due_cents);
    }
    const newlyPastDue = before.rows.filter(
      (r) => r.past_due_cents === 0 && after.get(r.number)!.past_due_cents > 0,
    );
    expect(newlyPastDue.length).toBeGreaterThan(0);
    for (const r of newlyPastDue)
      expect(after.get(r.number)!.past_due_cents).toBeLessThanOrEqual(r.balance_cents);
    expect(changed.length).toBe(owing.length + newlyPastDue.length);
  });
});
