import type { Db } from '../db/database';
import type { SeedOptions } from './synthetic';

/**
 * Whether a database holds a seed, part of one, or data no seed wrote: read on every start,
 * without loading the generator (and its name lists), which only a seed needs.
 */
export interface SeedRecord {
  utilityId: string;
  accounts: number;
  seed: number;
  months: number;
  today: string;
}

export function seedRecord(opts: SeedOptions): SeedRecord {
  return {
    utilityId: opts.utilityId,
    accounts: opts.accounts,
    seed: opts.seed,
    months: opts.months ?? 24,
    today: opts.today.toString(),
  };
}

async function metaValue(db: Db, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('select value from meta where key = $1', [
    key,
  ]);
  return rows[0]?.value ?? null;
}

export type SeedState =
  | { state: 'seeded' }
  | { state: 'empty' }
  /** A seed stopped part way (a crash, a killed process): it is continued where it stopped. */
  | { state: 'unfinished'; record: SeedRecord; done: number }
  /** Users or accounts that no seed wrote (a utility's own data): never seeded over. */
  | { state: 'foreign' };

export async function seedState(db: Db): Promise<SeedState> {
  if (await metaValue(db, 'seed')) return { state: 'seeded' };
  const started = await metaValue(db, 'seed-started');
  const { rows } = await db.query<{ accounts: number; users: number }>(
    'select (select count(*)::int from accounts) as accounts, (select count(*)::int from users) as users',
  );
  if (started) return { state: 'unfinished', record: JSON.parse(started), done: rows[0].accounts };
  return rows[0].accounts === 0 && rows[0].users === 0 ? { state: 'empty' } : { state: 'foreign' };
}
