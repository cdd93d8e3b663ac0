import { afterEach, describe, expect, it } from 'vitest';
import { accountDetail } from '../../server/cis/reads';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0062 (letters) on %s', (kind) => {
  it('keeps the tasks written before it, and refuses a letter with no pages', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 62),
    );
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{"line1":"1 Elm St","city":"Portland","state":"ME","zip":"04101"}', '{}');
      insert into premises (id, address, municipality) values ('p1', '{"line1":"1 Elm St","city":"Portland"}', 'Portland');
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('PW-1', 'portland-water-me', 'c1', 'p1', 'active', 'residential', '2020-01-01');
      insert into users (id, username, name, password_hash, role) values ('u1', 'u1', 'U One', 'x', 'agent');
      insert into tasks (id, account_number, kind, assignee_id, due_on, status, created_by)
        values ('t1', 'PW-1', 'callback', 'u1', '2026-11-18', 'open', 'u1');
    `);
    expect((await migrate(t.db, knownMigrations(), 62)).at(-1)).toBe(62);
    // Today's reads need today's schema: the migrations after this one, then the account as read.
    await migrate(t.db);
    const detail = await accountDetail(t.db, 'PW-1');
    expect(detail?.tasks.map((x) => x.id)).toEqual(['t1']);
    expect(detail?.letters).toEqual([]);
    await expect(
      t.db.query(
        `insert into letters (id, account_number, template, language, delivery, status, title, body, pdf, pages, created_by)
         values ('l1', 'PW-1', 'welcome', 'en', 'mail', 'queued', 'x', 'x', '\\x00', 0, 'u1')`,
      ),
    ).rejects.toThrow();
  });
});
