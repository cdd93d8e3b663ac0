import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/**
 * One key for every instance migrating the same database (several servers or hubs starting
 * together): they take turns, and the second finds the work done.
 */
const MIGRATION_LOCK = 7_301_001;

/** Every `NNNN_name.sql` of server/migrations, in order of its number. */
export function knownMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2], sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** The SHA-256 of a migration's text, line endings normalised (a Windows checkout is the same file). */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

interface Applied {
  version: number;
  name: string;
  checksum: string | null;
}

/**
 * Refuses a database whose applied migrations are not a prefix of the known ones (unknown or
 * renamed), that is newer than this code, or whose applied migration was edited since.
 */
function verify(applied: Applied[], migrations: Migration[]): void {
  const newest = migrations.at(-1)?.version ?? 0;
  for (const [i, row] of applied.entries()) {
    const known = migrations[i];
    if (row.version > newest) {
      throw new MigrationError(
        `the database has migration ${row.version} (${row.name}), newer than this version of Tapline knows (${newest}): use a newer Tapline`,
      );
    }
    if (!known || known.version !== row.version || known.name !== row.name) {
      throw new MigrationError(
        `the database's migration ${row.version} (${row.name}) is not this version's migration ${known?.version ?? '—'} (${known?.name ?? 'none'}): refusing to run on an unknown schema`,
      );
    }
    if (row.checksum !== null && row.checksum !== migrationChecksum(known.sql)) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) was edited after it was applied to this database: a released migration never changes, add a new one instead`,
      );
    }
  }
}

async function appliedMigrations(tx: Db): Promise<Applied[]> {
  const { rows } = await tx.query<Applied>(
    'select version, name, checksum from schema_migrations order by version',
  );
  return rows;
}

/**
 * Forward-only migrations, each in its own transaction with its row (and its checksum) in
 * schema_migrations. Every step holds a transaction-level advisory lock, so instances starting
 * together on one database take turns; each step reads the applied list again under the lock.
 */
export async function migrate(
  db: Db,
  migrations = knownMigrations(),
  upTo?: number,
): Promise<number[]> {
  const lock = (tx: Db) => tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  const pending = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query(
      'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
    );
    // Rows from before checksums were kept are trusted once: they take the current text's.
    await tx.query('alter table schema_migrations add column if not exists checksum text');
    const applied = await appliedMigrations(tx);
    verify(applied, migrations);
    for (const row of applied.filter((r) => r.checksum === null)) {
      const known = migrations.find((m) => m.version === row.version)!;
      await tx.query('update schema_migrations set checksum = $2 where version = $1', [
        row.version,
        migrationChecksum(known.sql),
      ]);
    }
    return migrations.slice(applied.length).filter((m) => upTo === undefined || m.version <= upTo);
  });
  const done: number[] = [];
  for (const m of pending) {
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      const applied = await appliedMigrations(tx);
      if (applied.some((r) => r.version === m.version)) return false;
      verify(applied, migrations);
      await tx.exec(m.sql);
      await tx.query(
        'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
        [m.version, m.name, migrationChecksum(m.sql)],
      );
      return true;
    });
    if (ran) done.push(m.version);
  }
  return done;
}
