import { applyCommand } from '../../server/commands';
import { migrate } from '../../server/db/migrate';
import { seedUsers } from '../../server/seed/synthetic';
import { nextOffer } from '../../server/worklists/offer';
import type { Principal } from '../../shared/cis';
import { Temporal } from '../../shared/dates';
import { freshDb, postgresAvailable } from '../server/support';
import { machine } from './machine';

/**
 * A collections worklist built over TAPLINE_BENCH_ACCOUNTS accounts (500,000) of one utility on
 * PostgreSQL (a throwaway database): the accounts written set-based (generate_series), about
 * two thirds past due, with arrangements, open disputes, promises and life support sprinkled in.
 * Prints the build's p95 over TAPLINE_BENCH_RUNS builds (5), the next account's p95, the data
 * size and the machine. Not a timed test: nothing is asserted.
 */
const ACCOUNTS = Number(process.env.TAPLINE_BENCH_ACCOUNTS ?? 500_000);
const RUNS = Number(process.env.TAPLINE_BENCH_RUNS ?? 5);
const count = (n: number) => n.toLocaleString('en-US');
const p95 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.ceil(ms.length * 0.95) - 1];

export async function run(): Promise<void> {
  if (!(await postgresAvailable())) {
    console.log('worklist: PostgreSQL is not answering at 127.0.0.1:5432; not measured');
    return;
  }
  console.log(`machine: ${machine()}`);
  const t = await freshDb('postgres');
  try {
    await migrate(t.db);
    await seedUsers(t.db);
    const today = Temporal.PlainDate.from('2026-11-17');
    let started = performance.now();
    await t.db.exec(`
      insert into customers (id, name, preferred_language, mailing_address, protections)
        select 'c' || g, 'Holder ' || g, case when g % 4 = 0 then 'es' else 'en' end, '{}',
               json_build_object('lifeSupport', g % 97 = 0, 'medicalCertificate', null)
          from generate_series(1, ${ACCOUNTS}) g;
      insert into premises (id, address, municipality)
        select 'p' || g, '{}', 'Philadelphia' from generate_series(1, ${ACCOUNTS}) g;
      insert into accounts (number, utility_id, customer_id, premise_id, status, class,
                            balance_cents, past_due_cents, past_due_days, opened_on)
        select 'PW-' || lpad(g::text, 7, '0'), 'philadelphia-water-pa', 'c' || g, 'p' || g, 'active',
               'residential', (g::bigint * 7919) % 90000, case when g % 3 = 0 then 0 else (g::bigint * 7919) % 90000 + 100 end,
               case when g % 3 = 0 then 0 else (g * 31) % 180 + 1 end, '2015-01-01'
          from generate_series(1, ${ACCOUNTS}) g;
      insert into arrangements (id, account_number, kind, status, created_on, down_payment_cents, total_cents, installments)
        select 'a' || g, 'PW-' || lpad(g::text, 7, '0'), 'equal', 'active', '2026-10-01', 1000, 13000,
               '[{"number":1,"due":"2026-11-01","amountCents":6000},{"number":2,"due":"2026-12-01","amountCents":6000}]'
          from generate_series(1, ${ACCOUNTS}, 41) g;
      insert into payments (account_number, paid_on, amount_cents, tender, status)
        select 'PW-' || lpad(g::text, 7, '0'), '2026-10-28', 7000, 'ach', 'posted'
          from generate_series(1, ${ACCOUNTS}, 82) g;
      insert into cases (id, account_number, kind, status, description, disputed_cents, preferred_contact, language, opened_on, due_on, owner_id, team, opened_by)
        select 'k' || g, 'PW-' || lpad(g::text, 7, '0'), 'dispute', 'open', 'high bill', 5000, 'phone', 'en', '2026-11-01', '2026-12-01', 'u-lead', 'care', 'u-lead'
          from generate_series(5, ${ACCOUNTS}, 53) g;
      insert into promises (id, account_number, made_on, promised_on, amount_cents, made_by)
        select 'pr' || g, 'PW-' || lpad(g::text, 7, '0'), '2026-11-15', '2026-11-25', 2000, 'u-agent'
          from generate_series(7, ${ACCOUNTS}, 59) g;
      analyze;
    `);
    console.log(
      `data: ${count(ACCOUNTS)} accounts written in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const lead: Principal = {
      userId: 'u-lead',
      name: 'Lead',
      role: 'lead',
      languages: ['en'],
      team: 'care',
    };
    const agent: Principal = { ...lead, userId: 'u-agent', role: 'agent' };
    const now = new Date('2026-11-17T18:00:00Z');
    const builds: number[] = [];
    let last = { worklistId: '', entries: 0, offered: 0, excluded: {} as Record<string, number> };
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      last = (await t.db.transaction((tx) =>
        applyCommand(
          { tx, principal: lead, now, today },
          {
            type: 'buildWorklist',
            name: `bench ${i}`,
            criteria: {
              utilityId: 'philadelphia-water-pa',
              buckets: ['1-30', '31-60', '61-90', '91+'],
            },
          },
        ),
      )) as typeof last;
      builds.push(performance.now() - started);
    }
    console.log(
      `build (every bucket): ${count(last.entries)} entries, ${count(last.offered)} offered, left out ${JSON.stringify(last.excluded)}`,
    );
    console.log(
      `build: p95 ${p95(builds).toFixed(0)} ms over ${RUNS} builds (each: ${builds.map((b) => b.toFixed(0)).join(', ')} ms)`,
    );
    started = performance.now();
    await t.db.transaction((tx) =>
      applyCommand(
        { tx, principal: lead, now, today },
        { type: 'assignWorklist', worklistId: last.worklistId, to: { kind: 'queue' } },
      ),
    );
    console.log(`assign to the queue: ${(performance.now() - started).toFixed(0)} ms`);
    const nexts: number[] = [];
    for (let i = 0; i < 50; i++) {
      started = performance.now();
      await nextOffer(t.db, { ...agent, userId: `u-agent-${i}` }, last.worklistId, now, today);
      nexts.push(performance.now() - started);
    }
    console.log(`next account: p95 ${p95(nexts).toFixed(0)} ms over 50 offers to 50 agents`);
    const { rows } = await t.db.query<{ size: string }>(
      'select pg_size_pretty(pg_database_size(current_database())) as size',
    );
    console.log(`database size: ${rows[0]?.size}; machine after: ${machine()}`);
  } finally {
    await t.drop();
  }
}
