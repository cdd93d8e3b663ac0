import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../../server/app';
import { type Db, pgliteDb, postgresDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility, seedUsers, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import { Temporal } from '../../shared/dates';

export const PG_ADMIN_URL =
  process.env.TAPLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TODAY = Temporal.PlainDate.from('2026-11-17');

let pgAnswers: boolean | undefined;
export async function postgresAvailable(): Promise<boolean> {
  if (pgAnswers !== undefined) return pgAnswers;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    pgAnswers = true;
  } catch {
    pgAnswers = false;
  }
  return pgAnswers;
}

export interface TestDb {
  db: Db;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh database: PGlite in memory, or a throwaway PostgreSQL database dropped afterwards. */
export async function freshDb(kind: 'pglite' | 'postgres'): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await pgliteDb(null);
    return { db, drop: () => db.close() };
  }
  const name = `tapline_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = postgresDb(url);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The backends every server test runs on: PGlite always, PostgreSQL when it answers. */
export async function backends(): Promise<('pglite' | 'postgres')[]> {
  return (await postgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  tokens: { agent: string; lead: string; admin: string };
  close(): Promise<void>;
}

export async function seededServer(
  kind: 'pglite' | 'postgres',
  accounts = 40,
  utilityId = 'santa-margarita-ca',
): Promise<TestServer> {
  const t = await freshDb(kind);
  await migrate(t.db);
  await seedUsers(t.db);
  await seedSyntheticUtility(t.db, { utilityId, accounts, seed: 7, today: TODAY });
  const app = await buildServer({
    db: t.db,
    now: () => new Date('2026-11-17T15:00:00Z'),
    today: () => TODAY,
  });
  const token = async (username: string) => {
    const r = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username, password: TRAINING_PASSWORD },
    });
    return (r.json() as { token: string }).token;
  };
  const tokens = {
    agent: await token('agent'),
    lead: await token('lead'),
    admin: await token('admin'),
  };
  return {
    app,
    db: t.db,
    tokens,
    async close() {
      await app.close();
      await t.drop();
    },
  };
}
