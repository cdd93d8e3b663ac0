import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresDb } from '../../server/db/database';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { backends, freshDb, postgresAvailable, type TestDb } from './support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

describe.each(await backends())('migrations on %s', (kind) => {
  const open = async () => {
    const t = await freshDb(kind);
    opened.push(t);
    return t.db;
  };

  it('applies every known migration once, in order, and then nothing', async () => {
    const db = await open();
    const all = knownMigrations().map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ version: number }>(
      'select version from schema_migrations order by version',
    );
    expect(rows.map((r) => r.version)).toEqual(all);
  });

  it('refuses a database newer than the code', async () => {
    const db = await open();
    await migrate(db);
    await db.query(
      "insert into schema_migrations (version, name) values (9999, 'from_the_future')",
    );
    await expect(migrate(db)).rejects.toThrow(/newer than this version of Tapline/);
  });

  it('refuses applied migrations that are not a prefix of the known ones', async () => {
    const db = await open();
    await migrate(db);
    await db.query("update schema_migrations set name = 'renamed' where version = 1");
    await expect(migrate(db)).rejects.toThrow(/unknown schema/);
  });

  it('migrates a database at N-1 to N keeping its rows (each migration tested on data)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapline-mig-'));
    writeFileSync(join(dir, '0001_core.sql'), knownMigrations()[0].sql);
    writeFileSync(
      join(dir, '0002_note_pinned.sql'),
      'alter table notes add column pinned boolean not null default false;',
    );
    const db = await open();
    await migrate(db, knownMigrations(dir), 1);
    await db.query(
      `insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
       `.trim(),
    );
    await db.query(
      "insert into premises (id, address, municipality) values ('p1', '{}', 'Portland')",
    );
    await db.query(
      "insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('ME-1', 'portland-water-me', 'c1', 'p1', 'active', 'residential', '2026-01-01')",
    );
    await db.query(
      "insert into notes (id, account_number, text, author_id, author_name) values ('n1', 'ME-1', 'hello', 'u', 'U')",
    );
    expect(await migrate(db, knownMigrations(dir))).toEqual([2]);
    const { rows } = await db.query<{ text: string; pinned: boolean }>(
      'select text, pinned from notes',
    );
    expect(rows).toEqual([{ text: 'hello', pinned: false }]);
  });
  it('refuses a migration edited after it was applied, and trusts rows from before checksums once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapline-mig-'));
    for (const m of knownMigrations())
      writeFileSync(join(dir, `${String(m.version).padStart(4, '0')}_${m.name}.sql`), m.sql);
    const db = await open();
    await migrate(db, knownMigrations(dir));
    // A database migrated before checksums were kept: its rows take the current text's.
    await db.query('update schema_migrations set checksum = null');
    expect(await migrate(db, knownMigrations(dir))).toEqual([]);
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from schema_migrations where checksum is not null',
    );
    expect(rows[0].n).toBe(knownMigrations().length);
    writeFileSync(
      join(dir, '0001_core.sql'),
      `${knownMigrations()[0].sql}\ncreate index notes_text on notes (text);\n`,
    );
    await expect(migrate(db, knownMigrations(dir))).rejects.toThrow(
      /migration 1 \(core\) was edited after it was applied/,
    );
    // Line endings alone are not an edit (a Windows checkout).
    writeFileSync(join(dir, '0001_core.sql'), knownMigrations()[0].sql.replace(/\n/g, '\r\n'));
    expect(await migrate(db, knownMigrations(dir))).toEqual([]);
  });
});

describe.runIf(await postgresAvailable())('migrations started together on postgres', () => {
  it('lets two servers migrate one database at the same time: each migration applied once', async () => {
    const t = await freshDb('postgres');
    opened.push(t);
    const other = postgresDb(t.url!);
    try {
      const [a, b] = await Promise.all([migrate(t.db), migrate(other)]);
      const all = knownMigrations().map((m) => m.version);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(all);
      const { rows } = await t.db.query<{ version: number }>(
        'select version from schema_migrations order by version',
      );
      expect(rows.map((r) => r.version)).toEqual(all);
    } finally {
      await other.close();
    }
  });
});
