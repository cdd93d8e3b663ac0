import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedUsers } from '../../server/seed/synthetic';
import { fixtureAccount } from '../server/support';
import { runCli } from './run-cli';

describe('npm run cli -- promise check', () => {
  const check = (date: string, extra: string[] = []) =>
    runCli([
      'promise',
      'check',
      '--utility',
      'marin-water-ca',
      '--date',
      date,
      '--amount',
      '80.25',
      '--today',
      '2026-11-17',
      '--json',
      ...extra,
    ]);

  it('accepts the last day allowed and refuses one day too far, exit 1, with the setting’s source', () => {
    const last = check('2026-12-01');
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({
      accepted: true,
      holdsDisconnectionUntil: '2026-12-02',
    });
    const far = check('2026-12-02');
    expect(far.code).toBe(1);
    const body = JSON.parse(far.stdout);
    expect(body).toMatchObject({ accepted: false, refusal: 'promise-date' });
    expect(body.rules[0]).toEqual({
      id: 'promise-date',
      outcome: 'fail',
      citation: "not gathered: Tapline's default 14 days ahead",
      utilitySetting: true,
    });
  }, 300_000);

  it('refuses a third promise in 365 days, and bad input with exit 2', () => {
    const third = check('2026-11-20', ['--earlier', '2026-01-10,2026-06-01']);
    expect([third.code, JSON.parse(third.stdout).refusal]).toEqual([1, 'promise-count']);
    expect(check('2026-13-01').code).toBe(2);
    expect(
      runCli(['promise', 'check', '--utility', 'x', '--date', '2026-11-20', '--amount', '1']).code,
    ).toBe(2);
  }, 300_000);
});

describe('npm run cli -- worklist, against the PGlite of the data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapline-cli-worklist-'));
  const { DATABASE_URL: _u, ...rest } = process.env;
  const env = { ...rest, TAPLINE_DATA_DIR: dir };
  const cli = (args: string[]) => {
    const r = runCli([...args, '--today', '2026-11-17', '--json'], env, 120_000);
    return { code: r.code, body: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
  };
  beforeAll(async () => {
    const db = await openDatabase({ dataDir: join(dir, 'cis') });
    await migrate(db);
    await seedUsers(db);
    await fixtureAccount(db, {
      number: 'SM-9200001',
      pastDue: { cents: 12_345, days: 40, over30: 12_345, over60: 0, over90: 0 },
    });
    await fixtureAccount(db, {
      number: 'SM-9200002',
      lifeSupport: true,
      pastDue: { cents: 50_000, days: 40, over30: 50_000, over60: 0, over90: 0 },
    });
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a lead builds and assigns, an agent takes the next account and records a promise', () => {
    const refused = cli([
      'worklist',
      'build',
      '--name',
      'x',
      '--utility',
      'santa-margarita-ca',
      '--buckets',
      '31-60',
      '--as',
      'agent',
    ]);
    expect([refused.code, refused.body.rejected]).toEqual([1, 'cis:rejected.roleNotAllowed']);
    const built = cli([
      'worklist',
      'build',
      '--name',
      '31-60',
      '--utility',
      'santa-margarita-ca',
      '--buckets',
      '31-60',
      '--as',
      'lead',
    ]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.body).toMatchObject({ entries: 2, offered: 1, excluded: { 'life-support': 1 } });
    const id = built.body.worklistId;
    expect(cli(['worklist', 'assign', id, '--agents', 'agent', '--as', 'lead']).body).toEqual({
      worklistId: id,
      assigned: 1,
      byAgent: { 'u-agent': 1 },
    });
    const early = cli(['worklist', 'next', id, '--as', 'agent', '--now', '2026-11-17T15:59:00Z']);
    expect([early.code, early.body.kind, early.body.local]).toEqual([1, 'closed', '07:59']);
    const offer = cli(['worklist', 'next', id, '--as', 'agent', '--now', '2026-11-17T16:00:00Z']);
    expect(offer.body).toMatchObject({
      kind: 'account',
      accountNumber: 'SM-9200001',
      detail: { header: { pastDueCents: 12_345 } },
    });
    const promised = cli([
      'worklist',
      'outcome',
      id,
      'SM-9200001',
      '--outcome',
      'promise',
      '--date',
      '2026-12-01',
      '--amount',
      '123.45',
      '--as',
      'agent',
    ]);
    expect(promised.body).toMatchObject({ outcome: 'promise', offerAgainOn: '2026-12-02' });
    const again = cli([
      'promise',
      'record',
      'SM-9200001',
      '--date',
      '2026-11-20',
      '--amount',
      '5',
      '--as',
      'agent',
    ]);
    expect([again.code, again.body.rejected]).toEqual([1, 'cis:rejected.promisePending']);
  }, 900_000);
});
