import { cpus, totalmem } from 'node:os';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { buildServer } from '../../server/app';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility, seedUsers, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import { Temporal } from '../../shared/dates';
import { routeFileColumns } from '../../shared/usage/routes';
import { freshDb, postgresAvailable } from '../server/support';

/**
 * A route file of TAPLINE_BENCH_READS meters (20,000) downloaded and uploaded back with a read on
 * every line, each checked against its meter's history, on PostgreSQL (a throwaway database).
 * Prints the download's and the upload's times and the reads a second.
 */
const READS = Number(process.env.TAPLINE_BENCH_READS ?? 20_000);
const count = (n: number) => n.toLocaleString('en-US');

export async function run(): Promise<void> {
  if (!(await postgresAvailable())) {
    console.log('route upload: PostgreSQL is not answering at 127.0.0.1:5432; not measured');
    return;
  }
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  const t = await freshDb('postgres');
  try {
    const today = Temporal.Now.plainDateISO();
    await migrate(t.db);
    await seedUsers(t.db);
    let started = performance.now();
    await seedSyntheticUtility(t.db, {
      utilityId: 'philadelphia-water-pa',
      accounts: READS,
      seed: 3,
      today,
      batchSize: 2000,
    });
    console.log(
      `seed: ${count(READS)} accounts in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const app = await buildServer({ db: t.db, plugins: [] });
    const auth = async (username: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/auth/sign-in',
          payload: { username, password: TRAINING_PASSWORD },
        })
      ).json().token as string;
    const lead = { authorization: `Bearer ${await auth('lead')}` };
    const agent = { authorization: `Bearer ${await auth('agent')}` };
    const { rows } = await t.db.query<{ id: string }>(
      "select m.id from meters m join accounts a on a.number = m.account_number where a.status = 'active' order by m.id",
    );
    const built = await app.inject({
      method: 'POST',
      url: '/routes',
      headers: lead,
      payload: {
        utilityId: 'philadelphia-water-pa',
        name: 'Bench',
        meterIds: rows.map((r) => r.id).slice(0, 25_000),
      },
    });
    const route = built.json() as { id: string; stops: number };
    const day = today.toString();
    started = performance.now();
    const file = await app.inject({
      method: 'GET',
      url: `/routes/${route.id}/days/${day}/file`,
      headers: agent,
    });
    const downloadMs = performance.now() - started;
    const lines = parse(file.body, { relax_column_count: true }) as string[][];
    const at = (c: string) => routeFileColumns.indexOf(c as never);
    // Each meter read at the low end of its window (the last read where there is no window).
    const filled = lines.slice(2).map((l) => {
      const out = [...l];
      out[at('read')] = l[at('low_read')] || l[at('previous_read')] || '0';
      return out;
    });
    const text = stringify([lines[0], lines[1], ...filled]);
    started = performance.now();
    const up = await app.inject({
      method: 'POST',
      url: `/routes/${route.id}/reads?source=handheld`,
      headers: { ...agent, 'content-type': 'text/csv' },
      payload: text,
    });
    const uploadMs = performance.now() - started;
    const report = up.json() as Record<string, number | unknown[]>;
    console.log(
      `route of ${count(route.stops)} meters: download ${(downloadMs / 1000).toFixed(2)} s (${(file.body.length / 2 ** 20).toFixed(1)} MiB); upload ${(uploadMs / 1000).toFixed(2)} s, ${count(Math.round(route.stops / (uploadMs / 1000)))} reads/s: ${report.posted} posted, ${report.exceptions} for review, ${(report.problems as unknown[]).length} refused lines`,
    );
    await app.close();
  } finally {
    await t.drop();
  }
}
