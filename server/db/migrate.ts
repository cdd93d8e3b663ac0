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

/** Every `NNNN_name.sql` of server/migrations, in order of its number. */
export function knownMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2], sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Forward-only migrations. Refuses a database whose applied migrations are not a prefix of the
 * known ones (unknown or renamed), or that is newer than this code; applies what is missing,
 * each in its own transaction with its row in schema_migrations.
 */
export async function migrate(
  db: Db,
  migrations = knownMigrations(),
  upTo?: number,
): Promise<number[]> {
  await db.query(
    'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
  );
  const { rows } = await db.query<{ version: number; name: string }>(
    'select version, name from schema_migrations order by version',
  );
  const newest = migrations.at(-1)?.version ?? 0;
  for (const [i, applied] of rows.entries()) {
    const known = migrations[i];
    if (applied.version > newest) {
      throw new MigrationError(
        `the database has migration ${applied.version} (${applied.name}), newer than this version of Tapline knows (${newest}): use a newer Tapline`,
      );
    }
    if (!known || known.version !== applied.version || known.name !== applied.name) {
      throw new MigrationError(
        `the database's migration ${applied.version} (${applied.name}) is not this version's migration ${known?.version ?? '—'} (${known?.name ?? 'none'}): refusing to run on an unknown schema`,
      );
    }
  }
  const pending = migrations
    .slice(rows.length)
    .filter((m) => upTo === undefined || m.version <= upTo);
  for (const m of pending) {
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        m.version,
        m.name,
      ]);
    });
  }
  return pending.map((m) => m.version);
}
