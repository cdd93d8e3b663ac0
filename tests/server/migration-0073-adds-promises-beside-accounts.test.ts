import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migrations 0073 and 0074 (promises, worklists) on %s', (kind) => {
  it('keep the accounts before them, refuse a promise due before it was made or of nothing, and an unknown entry state', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 73),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{}', 'Portland');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on, past_due_cents, past_due_days)
        values ('PW-1', 'portland-water-me', 'c1', 'p1', 'active', 'residential', '2020-01-01', 5000, 40);
    `);
    expect(
      (
        await migrate(
          t.db,
          knownMigrations().filter((m) => m.version <= 74),
        )
      ).at(-1),
    ).toBe(74);
    expect((await t.db.query('select number from accounts')).rows).toEqual([{ number: 'PW-1' }]);
    await t.db.exec(`
      insert into promises (id, account_number, made_on, promised_on, amount_cents, made_by)
        values ('p', 'PW-1', '2026-11-17', '2026-11-17', 1, 'u1');
      insert into worklists (id, name, utility_id, criteria, built_on, built_by)
        values ('wl-1', 'w', 'portland-water-me', '{}', '2026-11-17', 'u1');
      insert into worklist_entries (worklist_id, account_number, state, past_due_cents, past_due_days, next_on)
        values ('wl-1', 'PW-1', 'open', 5000, 40, '2026-11-17');
    `);
    expect((await t.db.query('select status from promises')).rows).toEqual([{ status: 'pending' }]);
    for (const bad of [
      "insert into promises (id, account_number, made_on, promised_on, amount_cents, made_by) values ('q', 'PW-1', '2026-11-17', '2026-11-16', 100, 'u1')",
      "insert into promises (id, account_number, made_on, promised_on, amount_cents, made_by) values ('r', 'PW-1', '2026-11-17', '2026-11-18', 0, 'u1')",
      "update worklist_entries set state = 'maybe'",
      "update worklists set assignment = 'everyone'",
    ])
      await expect(t.db.query(bad)).rejects.toThrow();
  }, 120_000);
});
