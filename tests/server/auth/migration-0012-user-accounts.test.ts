import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../../server/db/migrate';
import { backends, freshDb, type TestDb } from '../support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0012 (user accounts) on %s', (kind) => {
  it('keeps every user enabled with the password they had, and lets one be disabled or given a temporary one', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 12),
    );
    await t.db.query(
      "insert into users (id, username, name, password_hash, role) values ('u-1', 'pat', 'Pat Doe', 'scrypt$x', 'lead')",
    );
    expect(await migrate(t.db)).toContain(12);
    const { rows } = await t.db.query(
      'select id, username, password_hash, role, disabled_at, must_change_password, created_by from users',
    );
    expect(rows).toEqual([
      {
        id: 'u-1',
        username: 'pat',
        password_hash: 'scrypt$x',
        role: 'lead',
        disabled_at: null,
        must_change_password: false,
        created_by: null,
      },
    ]);
    await t.db.query(
      "update users set disabled_at = now(), must_change_password = true where id = 'u-1'",
    );
    const { rows: after } = await t.db.query<{ disabled: boolean; must: boolean }>(
      "select disabled_at is not null as disabled, must_change_password as must from users where id = 'u-1'",
    );
    expect(after).toEqual([{ disabled: true, must: true }]);
  });
});
