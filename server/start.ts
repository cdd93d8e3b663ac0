import { join } from 'node:path';
import { Temporal } from '../shared/dates';
import { buildServer, type ServerPlugin } from './app';
import { type Db, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { seedSyntheticUtility, seedUsers } from './seed/synthetic';
import { telephonyPlugin } from './telephony/plugin';

export interface CisServerOptions {
  /** PGlite keeps its data in `<dataDir>/cis` when no databaseUrl is given. */
  dataDir?: string | null;
  databaseUrl?: string;
  port?: number;
  host?: string;
  /** Seed the synthetic utility on first start (an empty database). */
  seed?: { utilityId: string; accounts: number; seed?: number } | null;
  version?: string;
  plugins?: ServerPlugin[];
  log?: (message: string) => void;
}

export interface CisServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

/** Starts the reference CIS: the database (migrated, seeded on first start) and the HTTP API. */
export async function startCisServer(options: CisServerOptions): Promise<CisServer> {
  const log = options.log ?? (() => {});
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir:
      options.dataDir === null ? null : options.dataDir ? join(options.dataDir, 'cis') : null,
  });
  try {
    await migrate(db);
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from users');
    if (rows[0].n === 0 && options.seed) {
      log(`seeding ${options.seed.accounts} accounts of ${options.seed.utilityId} (first start)`);
      await seedUsers(db);
      await seedSyntheticUtility(db, {
        utilityId: options.seed.utilityId,
        accounts: options.seed.accounts,
        seed: options.seed.seed ?? 1,
        today: Temporal.Now.plainDateISO(),
      });
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = await buildServer({
    db,
    version: options.version,
    plugins: options.plugins ?? [{ plugin: telephonyPlugin }],
  });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
