import type Database from 'better-sqlite3-multiple-ciphers';
import { type CacheMigration, cacheMigrations } from './migrations';

export class CacheMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheMigrationError';
  }
}

/**
 * Applies the cache's missing migrations, each in a transaction with its row. Refuses a cache
 * newer than this code or whose applied migrations are not a prefix of the known ones.
 */
export function migrateCache(
  db: Database.Database,
  migrations: CacheMigration[] = cacheMigrations,
  upTo?: number,
): number[] {
  db.exec(
    'create table if not exists schema_migrations (version integer primary key, name text not null) strict',
  );
  const applied = db
    .prepare('select version, name from schema_migrations order by version')
    .all() as { version: number; name: string }[];
  const newest = migrations.at(-1)?.version ?? 0;
  for (const [i, row] of applied.entries()) {
    if (row.version > newest) {
      throw new CacheMigrationError(
        `the local cache has migration ${row.version} (${row.name}), newer than this Tapline (${newest}): update Tapline`,
      );
    }
    const known = migrations[i];
    if (!known || known.version !== row.version || known.name !== row.name) {
      throw new CacheMigrationError(
        `the local cache's migration ${row.version} (${row.name}) is unknown to this Tapline`,
      );
    }
  }
  const pending = migrations
    .slice(applied.length)
    .filter((m) => upTo === undefined || m.version <= upTo);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('insert into schema_migrations (version, name) values (?, ?)').run(
        m.version,
        m.name,
      );
    })();
  }
  return pending.map((m) => m.version);
}
