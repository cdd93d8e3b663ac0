import { join } from 'node:path';
import { Temporal } from '../shared/dates';
import { buildServer, type ServerPlugin } from './app';
import { type Db, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { Hub, type HubOptions } from './hub/hub';
import { hubPlugin } from './hub/plugin';
import { playTrainingFloor } from './hub/training';
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
  /** The team lead's hub (on by default; null: none). */
  hub?: HubServerOptions | null;
  log?: (message: string) => void;
}

export type HubServerOptions = Omit<HubOptions, 'db' | 'log'> & {
  /** Plays a simulated floor of this many agents into the hub (training and demonstrations). */
  trainingFloor?: { agents: number } | null;
};

export interface CisServer {
  url: string;
  port: number;
  db: Db;
  hub: Hub | null;
  close(): Promise<void>;
}

/** Telephony, with its calls reported to the hub, and the hub itself. */
function defaultPlugins(hub: Hub | null): ServerPlugin[] {
  if (!hub) return [{ plugin: telephonyPlugin }];
  return [
    {
      plugin: telephonyPlugin,
      options: {
        onStatus: (params: Record<string, string>) => hub.twilioStatus(params),
        onQueued: (call: { callSid: string; queue: string; language: 'en' | 'es' }) =>
          hub.twilioQueued(call),
      },
    },
    { plugin: hubPlugin, options: { hub } },
  ];
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
  const hub =
    options.hub === null
      ? null
      : await Hub.start({ db, log: (m, d) => log(d ? `${m}: ${String(d)}` : m), ...options.hub });
  const training =
    hub && options.hub?.trainingFloor ? playTrainingFloor(hub, options.hub.trainingFloor) : null;
  const app = await buildServer({
    db,
    version: options.version,
    plugins: options.plugins ?? defaultPlugins(hub),
  });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    hub,
    async close() {
      training?.stop();
      await app.close();
      await hub?.close();
      await db.close();
    },
  };
}
