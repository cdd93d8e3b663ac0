import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Temporal } from '../shared/dates';
import type { HubSettings } from '../shared/hub/settings';
import { buildServer, type ServerPlugin } from './app';
import type { IdentityProviderSettings } from './auth/identity-provider-settings';
import { administratorExists, retirePracticeUsers, seedPracticeUsers } from './auth/users';
import { ageAccounts } from './cis/aging';
import { appendChanges } from './commands';
import { type Db, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { smtpMailer, smtpSettingsFromEnv } from './follow-up/mailer';
import type { ServerLog } from './http/logging';
import { Hub, type HubOptions } from './hub/hub';
import { hubPlugin } from './hub/plugin';
import { playTrainingFloor } from './hub/training';
import { seedState } from './seed/state';
import { telephonyPlugin } from './telephony/plugin';

/**
 * A training server has the practice users (shared/cis/training-users, one published password):
 * the desktop's embedded CIS and the tests. A production server has none: it starts with no
 * user, and the first administrator is added once from the command line.
 */
export type ServerMode = 'training' | 'production';

/** The one line a production server with no administrator says how to add the first. */
export const FIRST_ADMIN_HINT =
  'no administrator yet: every sign-in is refused until one is added with `npm run cli -- users first-admin --username NAME --name "Full Name"` (the password read from standard input), run against this same database';

export interface CisServerOptions {
  mode: ServerMode;
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
  /** The utility's calendar date (tests pin it); the machine's by default. */
  today?: () => Temporal.PlainDate;
  log?: (message: string) => void;
  /** Sign-in through the utility's identity provider (null or absent: passwords only). */
  identityProvider?: IdentityProviderSettings | null;
  /** The HTTP server's structured log (requests, 5xx with their stack); off by default. */
  httpLog?: ServerLog;
  /** The reverse proxies in front whose X-Forwarded-For is believed (TAPLINE_TRUST_PROXY). */
  trustProxy?: string;
}

/** The hub's settings (shared/hub/settings) and what a test may add (a clock, a bus, goals). */
export type HubServerOptions = Omit<HubOptions, 'db' | 'log'> & HubSettings;

export interface CisServer {
  url: string;
  port: number;
  /** The HTTP server, for what it registered. */
  app: FastifyInstance;
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

/**
 * Past due ages every day: on start and whenever the date turns, every account owing something
 * is aged again from its ledger, and the desktops hear of each header that changed.
 */
function startAging(db: Db, today: () => Temporal.PlainDate, log: (m: string) => void) {
  let agedOn = '';
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    const day = today().toString();
    if (day === agedOn) return;
    const changed = await db.transaction(async (tx) => {
      // Once a day per database: a restart on the same day (or a seed of today) has nothing to do.
      const { rows } = await tx.query<{ value: string }>(
        "select value from meta where key = 'aged-on' for update",
      );
      if (rows[0]?.value === day) return 0;
      const numbers = await ageAccounts(tx, Temporal.PlainDate.from(day));
      await appendChanges(
        tx,
        numbers.map((accountNumber) => ({ accountNumber, kind: 'header', entity: 'aging' })),
      );
      await tx.query(
        "insert into meta (key, value) values ('aged-on', $1) on conflict (key) do update set value = excluded.value",
        [day],
      );
      return numbers.length;
    });
    agedOn = day;
    if (changed) log(`past due aged to ${agedOn}: ${changed} accounts changed`);
  };
  const ready = run();
  running = ready;
  const timer = setInterval(() => {
    running = run().catch((err) => log(`aging failed: ${(err as Error).message}`));
  }, 10 * 60_000);
  timer.unref();
  return {
    ready,
    get running() {
      return running;
    },
    stop: () => clearInterval(timer),
  };
}

/** Starts the reference CIS: the database (migrated, seeded on first start) and the HTTP API. */
export async function startCisServer(options: CisServerOptions): Promise<CisServer> {
  const log = options.log ?? (() => {});
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir:
      options.dataDir === null ? null : options.dataDir ? join(options.dataDir, 'cis') : null,
  });
  const today = options.today ?? (() => Temporal.Now.plainDateISO());
  let aging: ReturnType<typeof startAging> | null = null;
  try {
    await migrate(db);
    // The generator loads only when there is something to seed: most starts find the seed done.
    if (options.seed && (await seedState(db)).state !== 'seeded') {
      const { ensureSeeded } = await import('./seed/synthetic');
      await ensureSeeded(
        db,
        {
          utilityId: options.seed.utilityId,
          accounts: options.seed.accounts,
          seed: options.seed.seed ?? 1,
          today: today(),
        },
        log,
      );
    }
    if (options.mode === 'training') await seedPracticeUsers(db);
    else {
      const retired = await retirePracticeUsers(db);
      if (retired)
        log(`production mode: the ${retired} practice users a training start left are disabled`);
      if (!(await administratorExists(db))) log(FIRST_ADMIN_HINT);
    }
    aging = startAging(db, today, log);
    await aging.ready;
  } catch (err) {
    aging?.stop();
    await db.close();
    throw err;
  }
  const hub =
    options.hub === null
      ? null
      : await Hub.start({ db, log: (m, d) => log(d ? `${m}: ${String(d)}` : m), ...options.hub });
  const training =
    hub && options.hub?.trainingFloor ? playTrainingFloor(hub, options.hub.trainingFloor) : null;
  const smtp = smtpSettingsFromEnv();
  const mailer = smtp ? smtpMailer(smtp) : null;
  const app = await buildServer({
    db,
    version: options.version,
    today,
    ...(mailer ? { mailer } : {}),
    plugins: options.plugins ?? defaultPlugins(hub),
    logger: options.httpLog ?? false,
    identityProvider: options.identityProvider ?? null,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    app,
    db,
    hub,
    async close() {
      aging?.stop();
      await aging?.running;
      training?.stop();
      await app.close();
      mailer?.close();
      await hub?.close();
      await db.close();
    },
  };
}
