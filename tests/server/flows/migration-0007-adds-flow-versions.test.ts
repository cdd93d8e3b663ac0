import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../../server/db/migrate';
import { backends, freshDb, type TestDb } from '../support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migration 0007 (flow versions) on %s', (kind) => {
  it('adds the published flows beside the users and the audit trail written before it', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 7),
    );
    await t.db.exec(`
      insert into users (id, username, name, password_hash, role, languages, team) values ('u-lead', 'lead', 'Jordan Lee', 'x', 'lead', '{en}', 'care-a');
      insert into audit (user_id, action, account_number, details) values ('u-lead', 'adjustmentApproved', null, '{"amountCents": -2500}');
    `);
    expect((await migrate(t.db, knownMigrations(), 7)).at(-1)).toBe(7);
    expect((await t.db.query('select user_id, action, details from audit')).rows).toEqual([
      { user_id: 'u-lead', action: 'adjustmentApproved', details: { amountCents: -2500 } },
    ]);

    const insert = (version: number, by = 'u-lead') =>
      t.db.query(
        "insert into flow_versions (flow_id, version, format, source, published_by, published_at) values ('high-bill', $1, 'yaml', 'id: high-bill', $2, now()) returning seq",
        [version, by],
      );
    const first = await insert(2);
    const second = await insert(3);
    expect(Number(second.rows[0].seq)).toBeGreaterThan(Number(first.rows[0].seq));
    // One row per version of a flow, a positive version, a known user.
    await expect(insert(3)).rejects.toThrow(/unique|duplicate/i);
    await expect(insert(0)).rejects.toThrow(/check/i);
    await expect(insert(4, 'u-nobody')).rejects.toThrow(/foreign key/i);
  });
});
