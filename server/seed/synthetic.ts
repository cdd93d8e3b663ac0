import { Temporal } from '../../shared/dates';
import { getUtility } from '../../shared/utilities';
import type { Db } from '../db/database';
import { BillMemo, FIRST_NUMBER, rowsOf, type SeedOptions } from './generate';
import { generatedBatches } from './generator';
import { type SeedState, seedRecord, seedState } from './state';
import { ORDER, TABLES } from './tables';

export { lateChargesOn, type SeedOptions } from './generate';
export { type SeedState, seedState } from './state';
export { DEMO_USERS, seedUsers, TRAINING_PASSWORD } from './users';

export interface SeedSummary {
  accounts: number;
  rows: Record<string, number>;
  distinctBills: number;
}

/**
 * The synthetic utility: deterministic for a seed and a date; customers with names and addresses
 * of the utility's towns and a share preferring Spanish, meters, reads with seasons, leaks, vacant
 * premises with zero use and estimated reads, bills priced by the rate engine (late fees on bills
 * after an unpaid one), payments, delinquent accounts with notices, a few arrangements.
 *
 * Accounts are generated in worker threads (generator.ts) while the batch before is loaded, and
 * written in batches through COPY, each batch in its own transaction, in the order of their
 * index: `from` continues a seed that stopped after its first `from` accounts. The
 * account-number sequence moves past the seeded numbers, so a new account never takes one.
 */
export async function seedSyntheticUtility(
  db: Db,
  opts: SeedOptions & { from?: number },
): Promise<SeedSummary> {
  if (!getUtility(opts.utilityId)) throw new Error(`unknown utility ${opts.utilityId}`);
  const counts: Record<string, number> = Object.fromEntries(ORDER.map((t) => [t, 0]));
  let distinctBills = 0;
  for await (const batch of generatedBatches(opts)) {
    await db.transaction(async (tx) => {
      if (!tx.copyIn) throw new Error('the seed loads through COPY, which this database lacks');
      for (const { table, rows, text } of batch.tables) {
        if (rows === 0) continue;
        await tx.copyIn(
          table,
          TABLES[table].map(([name]) => name),
          text,
        );
        counts[table] += rows;
      }
      await tx.query(
        "select setval('account_numbers', greatest((select last_value from account_numbers), $1))",
        [FIRST_NUMBER + batch.to - 1],
      );
    });
    distinctBills += batch.distinctBills;
    opts.onProgress?.(batch.to);
  }
  // The seed writes each account's past due as of its day: the day's aging is done.
  await db.query(
    "insert into meta (key, value) values ('seed', $1), ('aged-on', $2) on conflict (key) do update set value = excluded.value",
    [JSON.stringify(seedRecord(opts)), opts.today.toString()],
  );
  return { accounts: opts.accounts, rows: counts, distinctBills };
}

/**
 * The rows the seed writes for its accounts `from` to `to` (exclusive), by table and column
 * name, without a database: what `seedSyntheticUtility` inserts, for tests over many seeds and
 * days.
 */
export function syntheticRows(
  opts: SeedOptions,
  from: number,
  to: number,
): Record<string, Record<string, unknown>[]> {
  const utility = getUtility(opts.utilityId);
  if (!utility) throw new Error(`unknown utility ${opts.utilityId}`);
  const rows = rowsOf(opts, utility, new BillMemo(utility.rates), from, to);
  return Object.fromEntries(
    ORDER.map((table) => [
      table,
      rows[table].map((row) => Object.fromEntries(TABLES[table].map(([c], i) => [c, row[i]]))),
    ]),
  );
}

/**
 * Seeds an empty database, or finishes a seed that stopped part way with the options it started
 * with (its date too, so the data are what one run would have written). A database that holds
 * data no seed wrote is left alone. Answers what it did.
 */
export async function ensureSeeded(
  db: Db,
  options: Omit<SeedOptions, 'today'> & { today: Temporal.PlainDate },
  log: (message: string) => void = () => {},
): Promise<{ did: 'nothing' | 'seeded' | 'finished'; summary?: SeedSummary; state: SeedState }> {
  const state = await seedState(db);
  if (state.state === 'seeded' || state.state === 'foreign') return { did: 'nothing', state };
  if (state.state === 'unfinished') {
    const r = state.record;
    log(`finishing the seed of ${r.accounts} accounts of ${r.utilityId} (${state.done} written)`);
    const summary = await seedSyntheticUtility(db, {
      ...options,
      utilityId: r.utilityId,
      accounts: r.accounts,
      seed: r.seed,
      months: r.months,
      today: Temporal.PlainDate.from(r.today),
      from: state.done,
    });
    return { did: 'finished', summary, state };
  }
  log(`seeding ${options.accounts} accounts of ${options.utilityId} (first start)`);
  await db.query("insert into meta (key, value) values ('seed-started', $1)", [
    JSON.stringify(seedRecord(options)),
  ]);
  const summary = await seedSyntheticUtility(db, options);
  return { did: 'seeded', summary, state };
}
