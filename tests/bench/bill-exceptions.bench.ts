import { cpus, loadavg, totalmem } from 'node:os';
import { buildReviewQueue, issueClearDrafts } from '../../server/bills/review-queue';
import { billReviewSettingsOf } from '../../server/bills/settings';
import { migrate } from '../../server/db/migrate';
import { seedUsers } from '../../server/seed/synthetic';
import { freshDb, postgresAvailable } from '../server/support';

/**
 * The bill exception queue built over a bill run of TAPLINE_BENCH_BILL_RUN accounts (500,000)
 * on PostgreSQL (a throwaway database): each account with a year of monthly bills before the
 * run (about one in twelve estimated) and one draft, written set-based with generate_series.
 * Prints the data's size, the machine, and the time to check the run and to issue what is clear.
 */
const ACCOUNTS = Number(process.env.TAPLINE_BENCH_BILL_RUN ?? 500_000);
const MONTHS = 12;
const count = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(): Promise<void> {
  if (!(await postgresAvailable())) {
    console.log('bill exceptions: PostgreSQL is not answering at 127.0.0.1:5432; not measured');
    return;
  }
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()[0].toFixed(1)}`,
  );
  const t = await freshDb('postgres');
  try {
    await migrate(t.db);
    await seedUsers(t.db);
    let started = performance.now();
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections)
        select 'c' || i, 'Bench ' || i, case when i % 4 = 0 then 'es' else 'en' end, '{}', '{}'
          from generate_series(1, ${ACCOUNTS}) i;
      insert into premises (id, address, municipality, vacant)
        select 'p' || i, '{}', 'Philadelphia', i % 50 = 0 from generate_series(1, ${ACCOUNTS}) i;
      insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on)
        select 'B-' || i, 'philadelphia-water-pa', 'c' || i, 'p' || i,
               case when i % 40 = 0 then 'inactive' else 'active' end, 'residential', '2018-01-01'
          from generate_series(1, ${ACCOUNTS}) i;
      -- A year of monthly bills: the account's own use (5 to 14 Mcf), varying by month.
      insert into bills (account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines)
        select 'B-' || i, date '2026-10-02' - (m + 1) * 30, date '2026-10-02' - m * 30,
               5 + (i % 10) + (m % 3), 'mcf', (i + m) % 12 = 0,
               (5 + (i % 10) + (m % 3)) * 7793 + 2500, date '2026-10-27' - m * 30, '[]'
          from generate_series(1, ${ACCOUNTS}) i, generate_series(0, ${MONTHS - 1}) m;
      analyze;
    `);
    const { rows: run } = await t.db.query<{ id: number }>(
      "insert into bill_runs (utility_id, bill_on, created_by) values ('philadelphia-water-pa', '2026-11-02', 'u-lead') returning id",
    );
    const runId = Number(run[0].id);
    // The run's drafts: most in the account's range; one in 37 high, 41 low, 53 zero, 97 negative.
    await t.db.exec(`
      insert into bill_drafts (run_id, account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines, rate_changed)
        select ${runId}, 'B-' || i, '2026-10-02', '2026-11-01',
               case when i % 37 = 0 then 40 when i % 41 = 0 then 1 when i % 53 = 0 then 0 else 5 + (i % 10) end,
               'mcf', i % 89 = 0,
               case when i % 97 = 0 then -500 else (5 + (i % 10)) * 7793 + 2500 end,
               '2026-11-26', '[]', i % 211 = 0
          from generate_series(1, ${ACCOUNTS}) i;
      analyze bill_drafts;
    `);
    const seeded = performance.now() - started;
    const { rows: size } = await t.db.query<{ bills: string; mb: string }>(
      'select (select count(*) from bills)::text as bills, (pg_database_size(current_database()) / 1048576)::text as mb',
    );
    console.log(
      `data: ${count(ACCOUNTS)} accounts, ${count(Number(size[0].bills))} bills before the run, ${count(ACCOUNTS)} drafts, ${size[0].mb} MiB (written in ${secs(seeded)})`,
    );
    await t.db.query(
      "insert into bill_review_settings (utility_id, max_estimated_in_a_row, source) values ('philadelphia-water-pa', 3, 'bench setting')",
    );
    const settings = await billReviewSettingsOf(t.db, 'philadelphia-water-pa');
    started = performance.now();
    const queue = await buildReviewQueue(t.db, runId, settings);
    const built = performance.now() - started;
    const { rows: codes } = await t.db.query<{ code: string; n: string }>(
      'select unnest(exceptions) as code, count(*)::text as n from bill_drafts where run_id = $1 group by 1 order by 1',
      [runId],
    );
    console.log(
      `exception queue: ${secs(built)} (${count(Math.round(ACCOUNTS / (built / 1000)))} drafts/s): ${count(queue.review)} to review, ${count(queue.clear)} clear; ${codes.map((c) => `${c.code} ${count(Number(c.n))}`).join(', ')}`,
    );
    started = performance.now();
    const issued = await issueClearDrafts(t.db, runId);
    console.log(`issued ${count(issued)} clear bills in ${secs(performance.now() - started)}`);
  } finally {
    await t.drop();
  }
}
