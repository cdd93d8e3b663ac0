import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0072 (refunds) on %s', (kind) => {
  it('keeps the accounts before it, and takes refunds after: an issued one only with its check number', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 72),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, phones, mailing_address, protections)
        values ('c-1', 'Holder', 'en', '[]', '{}', '{}');
      insert into premises (id, address, municipality) values ('p-1', '{}', 'Town');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, balance_cents, opened_on)
        values ('SM-1', 'santa-margarita-ca', 'c-1', 'p-1', 'closed', 'residential', -4200, '2020-01-01');
    `);
    expect((await migrate(t.db, knownMigrations(), 72)).at(-1)).toBe(72);
    const kept = await t.db.query('select status, balance_cents from accounts');
    expect(kept.rows).toEqual([{ status: 'closed', balance_cents: -4200 }]);
    const row = (id: string, status: string, check: string | null, on: string | null) =>
      `insert into refunds (id, account_number, utility_id, reason, amount_cents, payee, address, status, approver, requested_by, requested_at, check_number, issued_on)
        values ('${id}', 'SM-1', 'santa-margarita-ca', 'closed-account-credit', 4200, 'Holder', '{}', '${status}', 'agent', 'u-agent', now(), ${check ? `'${check}'` : 'null'}, ${on ? `'${on}'` : 'null'})`;
    await t.db.exec(row('r-1', 'approved', null, null));
    await t.db.exec(row('r-2', 'issued', '1001', '2026-11-17'));
    await expect(t.db.exec(row('r-3', 'issued', null, null))).rejects.toThrow();
    await expect(t.db.exec(row('r-4', 'approved', '1002', '2026-11-17'))).rejects.toThrow();
    await expect(t.db.exec(row('r-5', 'paid', null, null))).rejects.toThrow();
    const { rows } = await t.db.query('select id, status from refunds order by id');
    expect(rows).toEqual([
      { id: 'r-1', status: 'approved' },
      { id: 'r-2', status: 'issued' },
    ]);
  });
});
