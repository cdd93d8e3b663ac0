import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0014 (identity provider) on %s', (kind) => {
  it('keeps the users and sessions written before it, and links one subject to one user', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 14),
    );
    await t.db.exec(`
      insert into users (id, username, name, password_hash, role) values ('u-1', 'ana', 'Ana', 'scrypt$x', 'lead');
      insert into sessions (token_hash, user_id, expires_at) values ('h1', 'u-1', now() + interval '1 hour');
    `);
    expect((await migrate(t.db, knownMigrations(), 14)).at(-1)).toBe(14);
    expect((await t.db.query('select id, role from users')).rows).toEqual([
      { id: 'u-1', role: 'lead' },
    ]);
    expect((await t.db.query('select user_id from sessions')).rows).toEqual([{ user_id: 'u-1' }]);
    const link = `insert into identity_links (issuer, subject, user_id, linked_at) values ('https://idp', 'sub-1', 'u-1', now())`;
    await t.db.exec(link);
    await expect(t.db.exec(link)).rejects.toThrow();
    await expect(
      t.db.exec(
        `insert into identity_links (issuer, subject, user_id, linked_at) values ('https://idp', 'sub-2', 'nobody', now())`,
      ),
    ).rejects.toThrow();
  });
});
