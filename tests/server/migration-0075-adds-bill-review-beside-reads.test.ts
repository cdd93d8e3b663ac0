import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0075 (bill review) on %s', (kind) => {
  it('keeps bills, orders and reads as they were (version 1), and refuses a setting out of bounds', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 75),
    );
    await t.db.exec(`
      insert into users (id, username, name, password_hash, role) values ('u1', 'lead', 'Lead', 'x', 'lead');
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{}', 'Philadelphia');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('PH-1', 'philadelphia-water-pa', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into bills (account_number, period_from, period_to, usage, unit, total_cents, due_on, lines) values ('PH-1', '2026-10-02', '2026-11-01', 30, 'mcf', 233788, '2026-11-26', '[]');
      insert into service_orders (id, account_number, type, priority, status) values ('o1', 'PH-1', 'reread', 'routine', 'scheduled');
    `);
    expect(await migrate(t.db, knownMigrations(), 75)).toContain(75);
    expect((await t.db.query('select total_cents::text as c, version from bills')).rows).toEqual([
      { c: '233788', version: 1 },
    ]);
    expect((await t.db.query('select status, read_id, result from service_orders')).rows).toEqual([
      { status: 'scheduled', read_id: null, result: null },
    ]);
    await t.db.exec(`
      insert into bill_runs (utility_id, bill_on, created_by) values ('philadelphia-water-pa', '2026-11-02', 'u1');
      insert into bill_drafts (run_id, account_number, period_from, period_to, usage, unit, total_cents, due_on, lines)
        select id, 'PH-1', '2026-11-01', '2026-12-01', 30, 'mcf', 233788, '2026-12-26', '[]' from bill_runs;
    `);
    expect((await t.db.query('select status, exceptions from bill_drafts')).rows).toEqual([
      { status: 'new', exceptions: [] },
    ]);
    await expect(
      t.db.query(
        "insert into bill_review_settings (utility_id, max_estimated_in_a_row, source) values ('x', 0, 's')",
      ),
    ).rejects.toThrow();
    await expect(t.db.query("update bill_drafts set status = 'sent'")).rejects.toThrow();
  }, 120_000);
});
