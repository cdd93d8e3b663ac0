import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0003 (actions) on %s', (kind) => {
  it('keeps the orders, adjustments and accounts written before it', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    const before = knownMigrations().filter((m) => m.version < 3);
    await migrate(t.db, before);
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{}', 'Philadelphia');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('PA-1', 'philadelphia-water-pa', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into service_orders (id, account_number, type, priority, status) values ('o1', 'PA-1', 'reread', 'routine', 'scheduled');
      insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver, requested_by) values ('a1', 'PA-1', 'leak', -2500, 'pending', 'leak', 'agent', 'u-agent');
    `);
    expect((await migrate(t.db)).at(-1)).toBe(3);
    const order = await t.db.query(
      'select type, escalation, respond_by, requested_by from service_orders',
    );
    expect(order.rows).toEqual([
      { type: 'reread', escalation: null, respond_by: null, requested_by: null },
    ]);
    const account = await t.db.query('select deposit_due_cents, final_bill_address from accounts');
    expect(account.rows).toEqual([{ deposit_due_cents: 0, final_bill_address: null }]);
    const adjustment = await t.db.query('select amount_cents, decided_at from adjustments');
    expect(adjustment.rows).toEqual([{ amount_cents: -2500, decided_at: null }]);
  });
});
