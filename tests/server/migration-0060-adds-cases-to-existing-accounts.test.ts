import { afterEach, describe, expect, it } from 'vitest';
import { accountRecord } from '../../server/cis/reads';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0060 (cases) on %s', (kind) => {
  it('keeps the accounts written before it, each with no case, and refuses a case of no kind', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 60),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{"line1":"1 Elm St","city":"Portland"}', 'Portland');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('PW-1', 'portland-water-me', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into users (id, username, name, password_hash, role) values ('u1', 'u1', 'U One', 'x', 'agent');
    `);
    expect((await migrate(t.db, knownMigrations(), 60)).at(-1)).toBe(60);
    // Today's reads need today's schema: the migrations after this one, then the account as read.
    await migrate(t.db);
    expect((await accountRecord(t.db, 'PW-1'))?.cases).toEqual([]);
    await expect(
      t.db.query(
        `insert into cases (id, account_number, kind, status, description, preferred_contact, language, opened_on, due_on, owner_id, team, opened_by)
         values ('k1', 'PW-1', 'grievance', 'open', 'x', 'mail', 'en', '2026-11-17', '2026-12-17', 'u1', 'care', 'u1')`,
      ),
    ).rejects.toThrow();
  });
});
