import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { type Db, pgliteDb, postgresDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility, seedUsers, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import type { AccountHeader, SnapshotResponse } from '../../shared/cis';
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

/** The first account header a desktop's snapshot brings, as the agent pulls it. */
export async function firstHeader(s: TestServer): Promise<AccountHeader> {
  const r = await s.app.inject({
    method: 'GET',
    url: '/sync/snapshot?limit=1',
    headers: { authorization: `Bearer ${s.tokens.agent}` },
  });
  return (r.json() as SnapshotResponse).headers[0];
}

/**
 * The token of a new agent of the test's own: an agent's credits add up on every account within
 * the policy's window, so a test of one agent's limit starts with an agent who posted nothing.
 */
export async function newAgentToken(s: TestServer, username: string): Promise<string> {
  await s.db.query(
    "insert into users (id, username, name, password_hash, role) values ($1, $2, $3, $4, 'agent')",
    [`u-${username}`, username, username, await hashPassword(TRAINING_PASSWORD)],
  );
  const r = await s.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { username, password: TRAINING_PASSWORD },
  });
  return (r.json() as { token: string }).token;
}

/** A command posted to the server as a desktop posts it (as the agent unless a token is given). */
export async function postCommand(
  s: TestServer,
  command: Record<string, unknown>,
  token = s.tokens.agent,
) {
  const r = await s.app.inject({
    method: 'POST',
    url: '/commands',
    headers: { authorization: `Bearer ${token}` },
    payload: { command },
  });
  return { code: r.statusCode, body: r.json() };
}

/** An account's audit rows, oldest first. */
export async function auditOf<Details = Record<string, unknown>>(
  s: TestServer,
  accountNumber: string,
): Promise<{ action: string; details: Details }[]> {
  const r = await s.db.query<{ action: string; details: Details }>(
    'select action, details from audit where account_number = $1 order by id',
    [accountNumber],
  );
  return r.rows;
}

/** A bill line as the CIS stores it: code, description key, quantity, unit, rate, cents, tier, params. */
export type StoredLine = [string, string, string, string, string, number, number, object];

export interface FixtureBill {
  periodTo: string;
  usage: number;
  lines: StoredLine[];
}

/** A month of water: `usage` CCF at `rate` dollars a CCF, and a $25.00 service charge. */
export function waterBill(periodTo: string, usage: number, rate = '4.00'): FixtureBill {
  const water = Math.round(usage * Number(rate) * 100);
  return {
    periodTo,
    usage,
    lines: [
      ['service', 'lines.customerCharge', '1', 'period', '25.00', 2500, 0, {}],
      ['water', 'lines.water', String(usage), 'ccf', rate, water, 1, {}],
    ],
  };
}

export interface FixtureAccount {
  number: string;
  utilityId?: string;
  status?: string;
  /** Bills oldest first, each a month long and due 25 days after its period ends. */
  bills?: FixtureBill[];
  /** How many of the bills, oldest first, were paid (on their period's last day + 10). */
  paidBills?: number;
  medicalCertificate?: {
    certifiedOn: string;
    expiresOn: string | null;
    writtenConfirmationOn?: string | null;
  } | null;
  /** Life-support equipment on file for the household (false unless said). */
  lifeSupport?: boolean;
  /** The account's past-due figures as the seed would have written them. */
  pastDue?: { cents: number; days: number; over30: number; over60: number; over90: number };
}

/**
 * An account written straight into the database, with its customer, premise, bills and payments:
 * the numbers a test needs to know to the cent. Answers the bills' ids, oldest first.
 */
export async function fixtureAccount(db: Db, a: FixtureAccount): Promise<string[]> {
  const address = JSON.stringify({
    line1: '9 Elm St',
    city: 'Rancho Santa Margarita',
    state: 'CA',
    zip: '92688',
  });
  await db.query(
    `insert into customers (id, name, preferred_language, phones, mailing_address, protections)
     values ($1, 'Fixture Holder', 'en', '[{"number":"9495550100","kind":"mobile"}]', $2, $3)`,
    [
      `c-${a.number}`,
      address,
      JSON.stringify({
        medicalCertificate: a.medicalCertificate ?? null,
        lifeSupport: a.lifeSupport ?? false,
        lowIncome: false,
        bankruptcy: false,
      }),
    ],
  );
  await db.query(
    `insert into premises (id, address, municipality) values ($1, $2, 'Rancho Santa Margarita')`,
    [`p-${a.number}`, address],
  );
  const bills = a.bills ?? [];
  const totals = bills.map((b) => b.lines.reduce((sum, l) => sum + l[5], 0));
  const paid = a.paidBills ?? 0;
  const balance = totals.slice(paid).reduce((sum, t) => sum + t, 0);
  const p = a.pastDue ?? { cents: 0, days: 0, over30: 0, over60: 0, over90: 0 };
  await db.query(
    `insert into accounts (number, utility_id, customer_id, premise_id, status, class, balance_cents,
       past_due_cents, past_due_days, over30_cents, over60_cents, over90_cents, opened_on)
     values ($1, $2, $3, $4, $5, 'residential', $6, $7, $8, $9, $10, $11, '2018-01-01')`,
    [
      a.number,
      a.utilityId ?? 'santa-margarita-ca',
      `c-${a.number}`,
      `p-${a.number}`,
      a.status ?? 'active',
      balance,
      p.cents,
      p.days,
      p.over30,
      p.over60,
      p.over90,
    ],
  );
  const ids: string[] = [];
  for (const [i, b] of bills.entries()) {
    const to = Temporal.PlainDate.from(b.periodTo);
    const { rows } = await db.query<{ id: number }>(
      `insert into bills (account_number, period_from, period_to, usage, unit, total_cents, due_on, lines)
       values ($1, $2, $3, $4, 'ccf', $5, $6, $7) returning id`,
      [
        a.number,
        to.subtract({ months: 1 }).toString(),
        b.periodTo,
        String(b.usage),
        totals[i],
        to.add({ days: 25 }).toString(),
        JSON.stringify(b.lines),
      ],
    );
    ids.push(String(rows[0].id));
    if (i < paid)
      await db.query(
        `insert into payments (account_number, paid_on, amount_cents, tender, status) values ($1, $2, $3, 'ach', 'posted')`,
        [a.number, to.add({ days: 10 }).toString(), totals[i]],
      );
  }
  return ids;
}

/** The first day of each of `n` months ending with `last`, oldest first. */
export function monthEnds(last: string, n: number): string[] {
  const end = Temporal.PlainDate.from(last);
  return Array.from({ length: n }, (_, i) => end.subtract({ months: n - 1 - i }).toString());
}

/**
 * A meter on a fixture account with a read every 30 days up to `last`, one register unit a day
 * (so any 30 days expect 30 units): the history a new read is checked against.
 */
export async function fixtureMeter(
  db: Db,
  accountNumber: string,
  { last = '2026-11-01', value = 5000, dials = 4, installedOn = '2024-01-01', count = 15 } = {},
): Promise<string> {
  const id = `m-${accountNumber}`;
  await db.query(
    `insert into meters (id, account_number, service_point_id, size, type, multiplier, dials, installed_on)
     values ($1, $2, $3, '5/8"', 'water', 1, $4, $5)`,
    [id, accountNumber, `sp-${accountNumber}`, dials, installedOn],
  );
  const end = Temporal.PlainDate.from(last);
  for (let i = 0; i < count; i++) {
    const back = count - 1 - i;
    await db.query(
      `insert into reads (meter_id, account_number, read_on, value, kind) values ($1, $2, $3, $4, 'actual')`,
      [id, accountNumber, end.subtract({ days: 30 * back }).toString(), value - 30 * back],
    );
  }
  return id;
}
