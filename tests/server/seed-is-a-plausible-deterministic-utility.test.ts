import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility } from '../../server/seed/synthetic';
import { freshDb, type TestDb, TODAY } from './support';

const opened: TestDb[] = [];
afterAll(async () => {
  for (const t of opened) await t.drop();
});

async function seeded(seed: number, utilityId = 'philadelphia-water-pa', accounts = 300) {
  const t = await freshDb('pglite');
  opened.push(t);
  await migrate(t.db);
  const summary = await seedSyntheticUtility(t.db, { utilityId, accounts, seed, today: TODAY });
  return { db: t.db, summary };
}

const fingerprint = async (db: TestDb['db']) =>
  (
    await db.query<{ s: string }>(
      "select string_agg(number || ':' || balance_cents || ':' || past_due_cents, ',' order by number) as s from accounts",
    )
  ).rows[0].s;

describe('the synthetic utility', () => {
  it('is the same for the same seed and date, and different for another seed', async () => {
    const a = await seeded(11);
    const b = await seeded(11);
    const c = await seeded(12);
    expect(await fingerprint(a.db)).toBe(await fingerprint(b.db));
    expect(await fingerprint(a.db)).not.toBe(await fingerprint(c.db));
    expect(
      (await a.db.query<{ name: string }>('select name from customers order by id limit 3')).rows,
    ).toEqual(
      (await b.db.query<{ name: string }>('select name from customers order by id limit 3')).rows,
    );
  }, 120_000);

  it('has what the desk needs to practise on: Spanish speakers, delinquency with notices, leaks, vacant premises, arrangements', async () => {
    const { db, summary } = await seeded(3, 'philadelphia-water-pa', 600);
    const one = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0].n);
    const spanish = await one(
      "select count(*)::int as n from customers where preferred_language = 'es'",
    );
    expect(spanish).toBeGreaterThan(600 * 0.06);
    expect(spanish).toBeLessThan(600 * 0.2);
    expect(
      await one('select count(*)::int as n from accounts where past_due_cents > 0'),
    ).toBeGreaterThan(20);
    expect(summary.rows.notices).toBeGreaterThan(0);
    expect(
      await one("select count(*)::int as n from reads where kind = 'estimated'"),
    ).toBeGreaterThan(0);
    expect(await one('select count(*)::int as n from premises where vacant')).toBeGreaterThan(0);
    expect(summary.rows.bills).toBe(600 * 24);
    // Every bill was priced by the rate engine: its lines sum to its total.
    expect(
      await one(
        'select count(*)::int as n from bills b where b.total_cents <> (select sum((l->>5)::bigint) from jsonb_array_elements(b.lines) l)',
      ),
    ).toBe(0);
    // Vacant premises use nothing.
    expect(
      await one(
        'select count(*)::int as n from bills b join accounts a on a.number = b.account_number join premises p on p.id = a.premise_id where p.vacant and b.usage > 0',
      ),
    ).toBe(0);
    // Addresses are in the utility's towns.
    expect(
      await one("select count(*)::int as n from premises where address->>'city' <> 'Philadelphia'"),
    ).toBe(0);
    // A late fee is billed on the bill after one left unpaid past the policy's 30 days.
    expect(
      await one(
        'select count(*)::int as n from bills b where b.lines @> \'[["late-fee"]]\'::jsonb',
      ),
    ).toBeGreaterThan(0);
  }, 120_000);
});
