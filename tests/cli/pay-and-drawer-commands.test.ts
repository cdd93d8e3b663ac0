import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawerCommand, payCommand } from '../../cli/commands/counter';
import { UsageError } from '../../cli/commands/types';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedUsers } from '../../server/seed/synthetic';
import { fixtureAccount, waterBill } from '../server/support';
import { runCli } from './run-cli';

/** `npm run cli -- pay ...` and `drawer ...` against the PGlite of a data folder, as QA runs them. */
const dir = mkdtempSync(join(tmpdir(), 'tapline-cli-counter-'));
const env = (() => {
  const { DATABASE_URL: _u, TAPLINE_DATA_DIR: _d, ...rest } = process.env;
  return { ...rest, TAPLINE_DATA_DIR: dir };
})();
const spawned = (args: string[]) => runCli([...args, '--today', '2026-11-17'], env, 240_000);
/**
 * The same commands run in this process (each still opens the data folder's PGlite and closes
 * it): a spawned process costs tens of seconds on a loaded machine, so one proves the wiring.
 */
async function cli(args: string[]) {
  const [name, ...rest] = args;
  const command = [payCommand, drawerCommand].find((c) => c.name === name)!;
  const out: string[] = [];
  const err: string[] = [];
  const before = process.env.TAPLINE_DATA_DIR;
  process.env.TAPLINE_DATA_DIR = dir;
  try {
    const code = await command.run([...rest, '--today', '2026-11-17'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: e.message };
    throw e;
  } finally {
    process.env.TAPLINE_DATA_DIR = before;
  }
}
const json = (r: { stdout: string }) => JSON.parse(r.stdout.trim().split('\n').at(-1)!);

beforeAll(async () => {
  const db = await openDatabase({ dataDir: join(dir, 'cis') });
  await migrate(db);
  await seedUsers(db);
  for (const n of ['SM-7200001', 'SM-7200002'])
    await fixtureAccount(db, { number: n, bills: [waterBill('2026-11-01', 10)] });
  await db.close();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- pay and drawer', () => {
  it('opens a drawer, takes cash and a check, counts five cents short, closes with a lead, reports', async () => {
    const open = spawned([
      'drawer',
      'open',
      '--as',
      'agent',
      '--utility',
      'santa-margarita-ca',
      '--float',
      '100.00',
      '--json',
    ]);
    expect(open.code, open.stderr).toBe(0);
    const drawerId = json(open).drawerId as string;
    expect(drawerId).toBe('SM-20261117-01');

    const cash = await cli([
      'pay',
      '--as',
      'agent',
      '--account',
      'SM-7200001',
      '--amount',
      '42.17',
      '--tender',
      'cash',
      '--drawer',
      drawerId,
      '--json',
    ]);
    expect(cash.code, cash.stderr).toBe(0);
    expect(json(cash)).toMatchObject({ status: 'applied', receiptNumber: 'SM-00000001' });
    const check = await cli([
      'pay',
      '--as',
      'agent',
      '--account',
      'SM-7200002',
      '--amount',
      '65.00',
      '--tender',
      'check',
      '--check-number',
      '2231',
      '--bank',
      'Pacific Coast Bank',
      '--drawer',
      drawerId,
    ]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('receipt SM-00000002: $65.00 check on SM-7200002 into drawer');

    // Bad input is exit 2 with the usage; a refusal is exit 1 with its reason.
    const zero = await cli([
      'pay',
      '--as',
      'agent',
      '--account',
      'SM-7200002',
      '--amount',
      '0',
      '--tender',
      'cash',
    ]);
    expect(zero.code).toBe(2);
    const three = await cli([
      'drawer',
      'count',
      '--as',
      'agent',
      '--drawer',
      drawerId,
      '--cash',
      '3x1',
    ]);
    expect(three.code).toBe(2);
    const other = await cli([
      'pay',
      '--as',
      'lead',
      '--account',
      'SM-7200002',
      '--amount',
      '1.00',
      '--tender',
      'cash',
      '--drawer',
      drawerId,
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('another cashier');

    // $142.17 expected in cash; $142.12 counted.
    const countArgs = [
      '--drawer',
      drawerId,
      '--cash',
      '100x1,20x2,1x2,0.10x1,0.01x2',
      '--check',
      '2231:Pacific Coast Bank:65.00',
    ];
    const count = await cli(['drawer', 'count', '--as', 'agent', ...countArgs, '--json']);
    expect(count.code).toBe(1);
    expect(json(count)).toMatchObject({ overShortCents: -5 });
    const byAgent = await cli([
      'drawer',
      'close',
      '--as',
      'agent',
      ...countArgs,
      '--reason',
      'short a nickel',
    ]);
    expect(byAgent.code).toBe(1);
    expect(byAgent.stderr).toContain('a lead must sign it off');
    const byLead = await cli([
      'drawer',
      'close',
      '--as',
      'lead',
      ...countArgs,
      '--reason',
      'short a nickel',
      '--json',
    ]);
    expect(byLead.code, byLead.stderr).toBe(0);
    expect(json(byLead)).toMatchObject({ overShortCents: -5, signedOffBy: 'u-lead' });

    const agentReport = await cli([
      'drawer',
      'report',
      '--as',
      'agent',
      '--utility',
      'santa-margarita-ca',
    ]);
    expect(agentReport.code).toBe(1);
    const day = await cli([
      'drawer',
      'close-day',
      '--as',
      'lead',
      '--utility',
      'santa-margarita-ca',
      '--json',
    ]);
    expect(day.code, day.stderr).toBe(0);
    expect(json(day)).toMatchObject({
      drawers: 1,
      overShortCents: -5,
      totalDepositCents: 4_212 + 6_500,
    });
    const csvFile = join(dir, 'report.csv');
    const csv = await cli([
      'drawer',
      'report',
      '--as',
      'lead',
      '--utility',
      'santa-margarita-ca',
      '--format',
      'csv',
      '--out',
      csvFile,
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(readFileSync(csvFile, 'utf8')).toContain(
      `2026-11-17,${drawerId},u-agent,cash,100.00,142.17,142.12,-0.05,short a nickel,u-lead`,
    );
    const text = await cli(['drawer', 'report', '--as', 'lead', '--utility', 'santa-margarita-ca']);
    expect(text.stdout).toContain('over/short -$0.05');
  }, 600_000);
});
