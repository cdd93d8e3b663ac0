import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0020 (payments) on %s', (kind) => {
  it('keeps the payments written before it, and takes money orders, receipts and allocations after', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 20),
    );
    await t.db.exec(`
      insert into payments (account_number, paid_on, amount_cents, tender, status) values ('PA-1', '2026-10-01', 6500, 'check', 'posted');
      insert into payments (account_number, paid_on, amount_cents, tender, status) values ('PA-1', '2026-09-01', 6500, 'ach', 'returned');
    `);
    expect((await migrate(t.db, knownMigrations(), 20)).at(-1)).toBe(20);
    const kept = await t.db.query(
      'select amount_cents, tender, status, receipt_number, tender_detail, stopped_disconnection from payments order by id',
    );
    expect(kept.rows).toEqual([
      {
        amount_cents: 6500,
        tender: 'check',
        status: 'posted',
        receipt_number: null,
        tender_detail: {},
        stopped_disconnection: false,
      },
      {
        amount_cents: 6500,
        tender: 'ach',
        status: 'returned',
        receipt_number: null,
        tender_detail: {},
        stopped_disconnection: false,
      },
    ]);
    await t.db.exec(`
      insert into payments (account_number, paid_on, amount_cents, tender, status, utility_id, receipt_number)
        values ('PA-1', '2026-11-17', 1000, 'money-order', 'posted', 'philadelphia-water-pa', 'PA-00000001');
      insert into payment_allocations (payment_id, line, bucket, item_id, bill_id, cents) values (3, 1, 'credit', null, null, 1000);
    `);
    await expect(
      t.db.exec(`insert into payments (account_number, paid_on, amount_cents, tender, status, utility_id, receipt_number)
        values ('PA-2', '2026-11-17', 1000, 'cash', 'posted', 'philadelphia-water-pa', 'PA-00000001')`),
    ).rejects.toThrow();
    await expect(
      t.db.exec(
        `insert into payment_allocations (payment_id, line, bucket, cents) values (3, 2, 'credit', 0)`,
      ),
    ).rejects.toThrow();
  });
});
