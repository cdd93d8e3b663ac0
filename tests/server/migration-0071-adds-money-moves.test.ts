import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0071 (money moves) on %s', (kind) => {
  it('keeps the payments before it, and takes moves of a known kind and a positive amount after', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 71),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, phones, mailing_address, protections)
        values ('c-1', 'Holder', 'en', '[]', '{}', '{}');
      insert into premises (id, address, municipality) values ('p-1', '{}', 'Town');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on)
        values ('SM-1', 'santa-margarita-ca', 'c-1', 'p-1', 'active', 'residential', '2020-01-01');
      insert into payments (account_number, paid_on, amount_cents, tender, status) values ('SM-1', '2026-10-01', 6500, 'check', 'posted');
    `);
    expect((await migrate(t.db, knownMigrations(), 71)).at(-1)).toBe(71);
    const kept = await t.db.query('select amount_cents, status from payments');
    expect(kept.rows).toEqual([{ amount_cents: 6500, status: 'posted' }]);
    await t.db.exec(
      `insert into money_moves (kind, account_number, amount_cents, moved_by, reference, created_at)
        values ('reversal', 'SM-1', 6500, 'u-agent', 'SM-00000001', '2026-11-17T15:00:00Z')`,
    );
    const moves = await t.db.query('select kind, amount_cents, moved_by from money_moves');
    expect(moves.rows).toEqual([{ kind: 'reversal', amount_cents: 6500, moved_by: 'u-agent' }]);
    for (const bad of [
      `('gift', 'SM-1', 100, 'u', null, now())`,
      `('refund', 'SM-1', 0, 'u', null, now())`,
      `('refund', 'SM-9', 100, 'u', null, now())`,
    ])
      await expect(
        t.db.exec(
          `insert into money_moves (kind, account_number, amount_cents, moved_by, reference, created_at) values ${bad}`,
        ),
      ).rejects.toThrow();
  });
});
