import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteDb } from '../../server/db/database';
import { freshDb, postgresAvailable, type TestDb } from '../server/support';
import { runCli } from './run-cli';

/** The environment of a user's shell, with the data folder and the database it names. */
function env(o: { dataDir?: string; databaseUrl?: string }): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, TAPLINE_DATA_DIR: _dir, ...rest } = process.env;
  return {
    ...rest,
    ...(o.dataDir ? { TAPLINE_DATA_DIR: o.dataDir } : {}),
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
  };
}

const postgres = await postgresAvailable();
const opened: TestDb[] = [];
afterAll(async () => {
  for (const t of opened) await t.drop();
});

const accountsIn = async (dataDir: string) => {
  const db = await pgliteDb(join(dataDir, 'cis'));
  try {
    return (
      await db.query<{ number: string; name: string }>(
        'select a.number, c.name from accounts a join customers c on c.id = a.customer_id order by a.number',
      )
    ).rows;
  } finally {
    await db.close();
  }
};

describe('npm run cli -- seed', () => {
  it('seeds the data folder the desktop uses, as the issue writes the command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapline-cli-seed-'));
    const r = runCli(
      ['seed', '--utility', 'portland-water-me', '--accounts', '25', '--seed', '3', '--json'],
      env({ dataDir }),
      120_000,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      accounts: 25,
      finished: false,
      where: join(dataDir, 'cis'),
      rows: { accounts: 25, customers: 25 },
    });
    const accounts = await accountsIn(dataDir);
    expect(accounts.map((a) => a.number)).toEqual(
      Array.from({ length: 25 }, (_, i) => `ME-${1_000_000 + i}`),
    );
    // The same seed on the same day writes the same customers.
    const again = mkdtempSync(join(tmpdir(), 'tapline-cli-seed-'));
    expect(
      runCli(
        ['seed', '--utility', 'portland-water-me', '--accounts', '25', '--seed', '3'],
        env({ dataDir: again }),
        120_000,
      ).code,
    ).toBe(0);
    expect(await accountsIn(again)).toEqual(accounts);
  }, 240_000);

  it('refuses to seed a folder already seeded, an unknown utility, and a missing count, with exit 2', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapline-cli-seed-'));
    const args = ['seed', '--utility', 'santa-margarita-ca', '--accounts', '5'];
    expect(runCli(args, env({ dataDir }), 120_000).code).toBe(0);
    const twice = runCli(args, env({ dataDir }), 120_000);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('is already seeded (5 accounts)');
    const unknown = runCli(['seed', '--utility', 'atlantis', '--accounts', '5'], env({ dataDir }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown utility "atlantis"');
    const noCount = runCli(['seed', '--utility', 'santa-margarita-ca'], env({ dataDir }));
    expect(noCount.code).toBe(2);
    expect(noCount.stderr).toMatch(/accounts/);
  }, 240_000);

  it.runIf(postgres)(
    'seeds the PostgreSQL database DATABASE_URL names',
    async () => {
      const t = await freshDb('postgres');
      opened.push(t);
      const r = runCli(
        ['seed', '--utility', 'alameda-power-ca', '--accounts', '12', '--seed', '9', '--json'],
        env({ databaseUrl: t.url }),
        120_000,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ accounts: 12, where: 'PostgreSQL' });
      const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from accounts');
      expect(rows[0].n).toBe(12);
    },
    120_000,
  );
});
