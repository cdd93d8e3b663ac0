import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The one database interface every part of the server uses: PostgreSQL or the embedded PGlite. */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Loads rows in PostgreSQL's COPY text format (tab-separated, `\\N` for null) into the
   * table's columns: COPY FROM STDIN on PostgreSQL (pg-copy-streams), COPY FROM '/dev/blob'
   * on PGlite. Both backends have it; a wrapper around one (a test's) may leave it out.
   */
  copyIn?(table: string, columns: readonly string[], text: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'pglite';
}

// bigint columns (money in cents, change-log sequence numbers) fit a JS number well below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// Dates stay calendar dates, never Date-at-midnight.
pg.types.setTypeParser(1082, (v) => v);

const COPY_SLICE = 256 * 1024;
const copySql = (table: string, columns: readonly string[]) =>
  `copy ${table} (${columns.join(', ')}) from stdin`;

async function copyInto(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  text: Uint8Array<ArrayBuffer>,
): Promise<void> {
  // In slices (views, not copies), so the socket's backpressure holds a slice at a time.
  const slices = function* () {
    for (let at = 0; at < text.length; at += COPY_SLICE) yield text.subarray(at, at + COPY_SLICE);
  };
  await pipeline(Readable.from(slices()), client.query(copyFrom(copySql(table, columns))));
}

export function postgresDb(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 8 });
  pool.on('error', () => {
    // An idle client lost its connection: the next query opens another.
  });
  const db: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params as unknown[]);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async copyIn(table, columns, text) {
      const client = await pool.connect();
      try {
        await copyInto(client, table, columns, text);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: Db = {
        kind: 'postgres',
        async query<R>(sql: string, params?: unknown[]) {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[] };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
        copyIn: (table, columns, text) => copyInto(client, table, columns, text),
        transaction: (inner) => inner(tx),
        close: async () => {},
      };
      try {
        await client.query('begin');
        const value = await fn(tx);
        await client.query('commit');
        return value;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return db;
}

const PGLITE_PARSERS = {
  20: (v: string) => Number(v),
  1082: (v: string) => v,
};

export async function pgliteDb(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // PGlite reads its options from the first argument when there is no data folder: passing
  // (undefined, options) would drop the parsers, and dates would come back as Date objects.
  const lite = dataDir
    ? new PGlite(dataDir, { parsers: PGLITE_PARSERS })
    : new PGlite({ parsers: PGLITE_PARSERS });
  await lite.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Pick<Db, 'query' | 'exec' | 'copyIn'> => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async copyIn(table, columns, text) {
      await q.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
    },
  });
  const db: Db = {
    kind: 'pglite',
    ...wrap(lite),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      return lite.transaction(async (t) => {
        const tx: Db = {
          kind: 'pglite',
          ...wrap(t),
          transaction: (inner) => inner(tx),
          close: async () => {},
        };
        return fn(tx);
      });
    },
    close: () => lite.close(),
  };
  return db;
}

/** PostgreSQL when a URL is given (DATABASE_URL), else PGlite in the data folder. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string | null;
}): Promise<Db> {
  return options.databaseUrl ? postgresDb(options.databaseUrl) : pgliteDb(options.dataDir ?? null);
}
