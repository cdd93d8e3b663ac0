import { afterEach, describe, expect, it } from 'vitest';
import { casesOf } from '../../server/cis/cases';
import { tasksOf } from '../../server/cis/tasks';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0061 (tasks) on %s', (kind) => {
  it('keeps the cases written before it, and refuses a task for both a user and a team', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 61),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{"line1":"1 Elm St","city":"Portland"}', 'Portland');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('PW-1', 'portland-water-me', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into users (id, username, name, password_hash, role) values ('u1', 'u1', 'U One', 'x', 'agent');
      insert into cases (id, account_number, kind, status, description, preferred_contact, language, opened_on, due_on, owner_id, team, opened_by)
        values ('k1', 'PW-1', 'complaint', 'open', 'x', 'mail', 'en', '2026-11-17', '2026-12-17', 'u1', 'care', 'u1');
    `);
    expect((await migrate(t.db, knownMigrations(), 61)).at(-1)).toBe(61);
    expect((await casesOf(t.db, 'PW-1')).map((c) => c.id)).toEqual(['k1']);
    expect(await tasksOf(t.db, 'PW-1')).toEqual([]);
    await expect(
      t.db.query(
        `insert into tasks (id, account_number, kind, assignee_id, team, due_on, status, created_by)
         values ('t1', 'PW-1', 'callback', 'u1', 'care', '2026-11-18', 'open', 'u1')`,
      ),
    ).rejects.toThrow();
  });
});
