import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0070 (counter drawers) on %s', (kind) => {
  it('keeps the payments taken before it, unvoided, and allows one open drawer per cashier', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 70),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{}', 'Rancho Santa Margarita');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('SM-1', 'santa-margarita-ca', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into payments (account_number, paid_on, amount_cents, tender, status, utility_id, receipt_number, channel, drawer_id)
        values ('SM-1', '2026-11-16', 4217, 'cash', 'posted', 'santa-margarita-ca', 'SM-00000001', 'counter', 'D1');
    `);
    expect((await migrate(t.db, knownMigrations(), 70)).at(-1)).toBe(70);
    const kept = await t.db.query(
      'select amount_cents, drawer_id, voided_by, void_reason from payments',
    );
    expect(kept.rows).toEqual([
      { amount_cents: expect.anything(), drawer_id: 'D1', voided_by: null, void_reason: null },
    ]);
    expect(Number(kept.rows[0].amount_cents)).toBe(4217);
    const open = (id: string, seq: number, status = 'open') =>
      t.db.query(
        `insert into drawers (id, utility_id, business_day, seq, cashier, float_cents, status, opened_at)
         values ($1, 'santa-margarita-ca', '2026-11-17', $2, 'u-agent', 20000, $3, now())`,
        [id, seq, status],
      );
    await open('SM-20261117-01', 1);
    await expect(open('SM-20261117-02', 2)).rejects.toThrow();
    await open('SM-20261117-03', 3, 'closed');
    await expect(open('SM-20261117-04', 3, 'closed')).rejects.toThrow();
    await expect(open('SM-20261117-05', 5, 'counting')).rejects.toThrow();
  }, 120_000);
});
