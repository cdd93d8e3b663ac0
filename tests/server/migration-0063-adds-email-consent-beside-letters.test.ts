import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0063 (e-mail consent) on %s', (kind) => {
  it('keeps the letters written before it, orders consents as recorded, and refuses an unknown word', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 63),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{}', 'Portland');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('PW-1', 'portland-water-me', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into letters (id, account_number, template, language, delivery, status, title, body, pdf, pages, created_by)
        values ('l1', 'PW-1', 'welcome', 'en', 'mail', 'queued', 'x', 'x', '\\x00', 1, 'u1');
    `);
    expect((await migrate(t.db, knownMigrations(), 63)).at(-1)).toBe(63);
    expect((await t.db.query('select id from letters')).rows).toEqual([{ id: 'l1' }]);
    await t.db.exec(`
      insert into email_consents (id, customer_id, email, status, recorded_by, recorded_at) values ('z', 'c1', 'a@example.com', 'given', 'u1', '2026-11-17T15:00:00Z');
      insert into email_consents (id, customer_id, email, status, recorded_by, recorded_at) values ('a', 'c1', 'a@example.com', 'withdrawn', 'u1', '2026-11-17T15:00:00Z');
    `);
    const latest = await t.db.query<{ id: string }>(
      "select id from email_consents where customer_id = 'c1' order by seq desc limit 1",
    );
    expect(latest.rows).toEqual([{ id: 'a' }]);
    await expect(
      t.db.query(
        "insert into email_consents (id, customer_id, email, status, recorded_by) values ('b', 'c1', 'a@example.com', 'maybe', 'u1')",
      ),
    ).rejects.toThrow();
  });
});
