import { fakerEN_US, fakerES_MX } from '@faker-js/faker';
import { guidelineInForce, percentOfPoverty, povertyLineCents } from '../../shared/assistance';
import { LATE_FEE_LINE, LATE_FEE_WAIVED_LINE } from '../../shared/cis';
import { type CollectionPolicy, type Household, lateFee } from '../../shared/collections';
import { Temporal } from '../../shared/dates';
import { mulberry32 } from '../../shared/random';
import type { Bill as RatedBill } from '../../shared/rates';
import { type BillInput, computeBill, type UtilityProfile } from '../../shared/rates';
import { getUtility, type Utility } from '../../shared/utilities';
import type { UtilityPlaces } from '../../shared/utilities/seed';
import type { Db } from '../db/database';
import { type SeedState, seedRecord, seedState } from './state';
import { insertMany, ORDER, TABLES } from './tables';

/** Each account's phone comes from its own stream, so another account can share it. */
function phoneOf(seed: number, place: UtilityPlaces, index: number): string {
  const r = mulberry32(seed * 7_777 + index * 104_729);
  const area = place.areaCodes[Math.floor(r() * place.areaCodes.length)];
  return `${area}${String(2_000_000 + Math.floor(r() * 7_999_999)).padStart(7, '0')}`;
}

function pick<T extends { weight: number }>(rand: () => number, items: T[]): T {
  const total = items.reduce((a, i) => a + i.weight, 0);
  let r = rand() * total;
  for (const i of items) {
    r -= i.weight;
    if (r <= 0) return i;
  }
  return items[items.length - 1];
}

export interface SeedOptions {
  utilityId: string;
  accounts: number;
  seed: number;
  today: Temporal.PlainDate;
  /** Months of reads and bills. */
  months?: number;
  batchSize?: number;
  onProgress?: (done: number) => void;
}

/** A seeded account's number: the utility's prefix, then this plus the account's index. */
const FIRST_NUMBER = 1_000_000;

export { type SeedState, seedState } from './state';
export { DEMO_USERS, seedUsers, TRAINING_PASSWORD } from './users';

interface Row {
  [table: string]: unknown[][];
}

/** Rates repeat across accounts with the same usage: each distinct bill is computed once. */
class BillMemo {
  private readonly cache = new Map<string, RatedBill>();
  constructor(private readonly profile: UtilityProfile) {}
  bill(input: BillInput): RatedBill {
    const key = JSON.stringify(input);
    let bill = this.cache.get(key);
    if (!bill) {
      bill = computeBill(this.profile, input);
      this.cache.set(key, bill);
    }
    return bill;
  }
  get size() {
    return this.cache.size;
  }
}

/** A low-income household's enrolment in the utility's assistance program, as it was screened. */
interface Enrolment {
  program: string;
  on: Temporal.PlainDate;
  household: Household;
  percentOfPoverty: number;
  /** Behind on its bills: low-income households fall behind more often than others. */
  behind: boolean;
}

/**
 * Four in ten low-income households are enrolled in the utility's income-tested program, eight
 * months before the seed's day, screened on their household and an income below the program's
 * limit. Drawn from a stream of their own, so the rest of the account is as the seed made it.
 */
function enrolmentOf(
  opts: SeedOptions,
  policy: CollectionPolicy,
  index: number,
  lowIncome: boolean,
  householdSize: number,
): Enrolment | null {
  const program = policy.assistance.find((p) => p.eligibility.kind !== 'senior');
  if (!lowIncome || !program || program.eligibility.kind === 'senior') return null;
  const r = mulberry32(opts.seed * 5_381 + index * 65_537 + 17);
  if (r() >= 0.4) return null;
  const on = opts.today.subtract({ months: 8 });
  const guideline = guidelineInForce(on);
  const percent = 50 + r() * (program.eligibility.percent - 60);
  const annualIncomeCents =
    Math.round((povertyLineCents(guideline, householdSize) * percent) / 100 / 100) * 100;
  return {
    program: program.id,
    on,
    household: { size: householdSize, annualIncomeCents },
    percentOfPoverty: percentOfPoverty(annualIncomeCents, householdSize, guideline)
      .toDecimalPlaces(1)
      .toNumber(),
    behind: r() < 0.5,
  };
}

/**
 * The late charges a bill dated `billedOn` assesses on the earlier bills still unpaid past the
 * policy's days, each once. A household known to be low income (its enrolment screened before
 * the bill) has a charge waived where the policy's waiver allows (SB 998 §116914: below 200% of
 * the poverty guideline, once every 12 months); `waivers` holds the days of those already given.
 */
export function lateChargesOn(
  policy: CollectionPolicy,
  unpaid: { due: Temporal.PlainDate; cents: number; feeCharged: boolean }[],
  billedOn: Temporal.PlainDate,
  known: { household: Household; since: Temporal.PlainDate } | null,
  waivers: string[],
): { assessedCents: number; waivedCents: number; waived: ReturnType<typeof lateFee>[] } {
  let assessedCents = 0;
  let waivedCents = 0;
  const waived: ReturnType<typeof lateFee>[] = [];
  for (const u of unpaid) {
    const late = u.due.until(billedOn).days;
    if (u.feeCharged || late <= policy.fees.lateFee.afterDays) continue;
    u.feeCharged = true;
    const household =
      known && Temporal.PlainDate.compare(known.since, billedOn) <= 0 ? known.household : undefined;
    const decision = lateFee(
      policy,
      u.cents,
      late,
      household ? { household, previousWaivers: waivers, today: billedOn } : undefined,
    );
    if (decision.rule.id === 'late-fee-waiver') {
      const fee = Number(decision.rule.params.fee);
      assessedCents += fee;
      waivedCents += fee;
      waivers.push(billedOn.toString());
      waived.push(decision);
    } else {
      assessedCents += decision.amountCents;
    }
  }
  return { assessedCents, waivedCents, waived };
}

function generateAccount(
  opts: SeedOptions,
  utility: Utility,
  memo: BillMemo,
  index: number,
  rows: Row,
): void {
  const { places: place, typicalUse, seasonalUse, billInput } = utility.seed;
  const policy = utility.collections;
  const rand = mulberry32(opts.seed * 1_000_003 + index * 7919);
  const spanish = rand() < place.spanishShare;
  const faker = spanish ? fakerES_MX : fakerEN_US;
  faker.seed(opts.seed * 31 + index);
  const town = pick(rand, place.towns);
  const number = `${place.prefix}-${String(FIRST_NUMBER + index).padStart(7, '0')}`;
  const customerId = `c-${number}`;
  const premiseId = `p-${number}`;
  const name = `${faker.person.firstName()} ${faker.person.lastName()}${spanish && rand() < 0.5 ? ` ${fakerES_MX.person.lastName()}` : ''}`;
  // About 1% of households share a phone with the account before them (a family, a landlord).
  const phones = [phoneOf(opts.seed, place, index > 0 && rand() < 0.01 ? index - 1 : index)];
  const street = faker.location.streetAddress();
  const zip = town.zips[Math.floor(rand() * town.zips.length)];
  const address = { line1: street, city: town.city, state: place.state, zip };
  const vacant = rand() < 0.02;
  const leak = !vacant && rand() < 0.02;
  const delinquent = !vacant && rand() < 0.1;
  const cls = rand() < 0.93 ? 'residential' : 'commercial';
  const protections = {
    medicalCertificate:
      rand() < 0.01
        ? {
            certifiedOn: opts.today.subtract({ days: 60 }).toString(),
            expiresOn: opts.today.add({ days: 120 }).toString(),
          }
        : null,
    lifeSupport: rand() < 0.005,
    lowIncome: rand() < 0.08,
    bankruptcy: rand() < 0.003,
  };
  rows.customers.push([
    customerId,
    name,
    spanish ? 'es' : 'en',
    JSON.stringify(phones.map((n) => ({ number: n, kind: 'mobile' }))),
    JSON.stringify(
      rand() < 0.6 ? [faker.internet.email({ firstName: name.split(' ')[0] }).toLowerCase()] : [],
    ),
    JSON.stringify(address),
    JSON.stringify(protections),
  ]);
  rows.premises.push([premiseId, JSON.stringify(address), town.municipality, vacant]);
  for (const p of phones) rows.account_phones.push([number, p]);

  const meterSize = place.meterSizes.length ? pick(rand, place.meterSizes).size : '';
  const base = {
    meterSize,
    municipality: town.municipality,
    impervious: 800 + Math.floor(rand() * 3200),
    household: 1 + Math.floor(rand() * 5),
    irrigated: Math.floor(rand() * 3000),
    heating: rand() < 0.8 ? ('gas' as const) : ('electric' as const),
  };
  const enrolment = enrolmentOf(opts, policy, index, protections.lowIncome, base.household);
  const meterId = `m-${number}`;
  const dials = 5;
  rows.meters.push([
    meterId,
    number,
    `sp-${number}`,
    meterSize || 'n/a',
    utility.rates.service,
    1,
    dials,
    opts.today.subtract({ years: 6 }).toString(),
  ]);

  const months = opts.months ?? 24;
  const step = place.bimonthly ? 2 : 1;
  const cycleDay = 1 + Math.floor(rand() * 27);
  const unit = utility.rates.unit;
  const typical = typicalUse * (0.5 + rand() * 1.2) * (cls === 'commercial' ? 3 : 1);
  let register = Math.floor(rand() * 50_000);
  let readDate = Temporal.PlainDate.from({
    year: opts.today.year,
    month: opts.today.month,
    day: cycleDay,
  }).subtract({ months });
  if (Temporal.PlainDate.compare(readDate.add({ months }), opts.today) > 0)
    readDate = readDate.subtract({ months: 1 });
  rows.reads.push([meterId, number, readDate.toString(), register, 'actual']);
  const unpaid: { due: Temporal.PlainDate; cents: number; feeCharged: boolean }[] = [];
  const periods = Math.floor(months / step);
  // A delinquent account has left its last one to four bills unpaid.
  const lastBills = delinquent || (enrolment?.behind && !vacant) ? 1 + Math.floor(rand() * 4) : 0;
  const waivers: string[] = [];
  for (let k = 1; k <= periods; k++) {
    const next = readDate.add({ months: step });
    const days = readDate.until(next).days;
    const monthFactor = seasonalUse[next.month - 1];
    let use = vacant ? 0 : typical * monthFactor * step * (0.85 + rand() * 0.3);
    if (leak && k > periods - 2) use *= 3.2;
    const precision = unit === 'mcf' ? 10 : 1;
    use = Math.round(use * precision) / precision;
    const estimated = vacant && k > periods - 3;
    // The register reads in the bill's unit (tenths for Mcf), and rolls over past its dials.
    register = Math.round(((register + use) % 10 ** dials) * precision) / precision;
    rows.reads.push([
      meterId,
      number,
      next.toString(),
      register,
      estimated ? 'estimated' : 'actual',
    ]);
    const rated = memo.bill(billInput(base, use, days, next.month));
    const due = next.add({ days: 25 });
    const lines = rated.lines.map((l) => [
      l.code,
      l.descriptionKey,
      l.quantity,
      l.unit,
      l.rate,
      l.amountCents,
      l.tier ?? 0,
      l.params,
    ]);
    // The policy's late fee on each earlier bill still unpaid past the fee's days, once; one
    // waived is credited beside it and audited as the billing run's decision.
    const charges = lateChargesOn(
      policy,
      unpaid,
      next,
      enrolment ? { household: enrolment.household, since: enrolment.on } : null,
      waivers,
    );
    const fee = charges.assessedCents;
    if (fee > 0)
      lines.push([LATE_FEE_LINE, 'lines.lateFee', '1', 'bill', (fee / 100).toFixed(2), fee, 0, {}]);
    if (charges.waivedCents > 0) {
      const waived = charges.waivedCents;
      lines.push([
        LATE_FEE_WAIVED_LINE,
        'lines.lateFeeWaived',
        '1',
        'bill',
        (-waived / 100).toFixed(2),
        -waived,
        0,
        {},
      ]);
      for (const w of charges.waived) {
        rows.audit.push([
          next.toString(),
          'billing',
          'lateFeeWaived',
          number,
          JSON.stringify({
            billPeriodTo: next.toString(),
            feeCents: Number(w.rule.params.fee),
            program: enrolment?.program ?? null,
            enrolledOn: enrolment?.on.toString() ?? null,
            percentOfPoverty: w.rule.params.percentOfPoverty,
            rules: (w.rules ?? [w.rule]).map((r) => ({
              id: r.id,
              outcome: r.outcome,
              citation: r.citation,
            })),
          }),
        ]);
      }
    }
    const total = rated.totalCents + fee - charges.waivedCents;
    rows.bills.push([
      number,
      readDate.toString(),
      next.toString(),
      String(use),
      rated.usage.unit,
      estimated,
      total,
      due.toString(),
      JSON.stringify(lines),
    ]);
    // Customers who pay do so before the due date, on the day drawn here; a payment that would
    // fall after today is not made yet, so none is dated after the seed's day.
    const paidOn = next.add({ days: 5 + Math.floor(rand() * 16) });
    if (Temporal.PlainDate.compare(paidOn, opts.today) > 0 || k > periods - lastBills) {
      unpaid.push({ due, cents: total, feeCharged: false });
    } else {
      const tender = pick(rand, [
        { t: 'ach', weight: 45 },
        { t: 'card', weight: 25 },
        { t: 'check', weight: 20 },
        { t: 'cash', weight: 5 },
        { t: 'agency', weight: 5 },
      ]).t;
      rows.payments.push([number, paidOn.toString(), total, tender, 'posted']);
    }
    readDate = next;
  }
  const balance = unpaid.reduce((a, u) => a + u.cents, 0);
  const overdue = unpaid.filter((u) => Temporal.PlainDate.compare(u.due, opts.today) < 0);
  const pastDue = overdue.reduce((a, u) => a + u.cents, 0);
  const days = overdue.length ? overdue[0].due.until(opts.today).days : 0;
  const bucket = (min: number) =>
    overdue.filter((u) => u.due.until(opts.today).days > min).reduce((a, u) => a + u.cents, 0);
  const status = vacant ? 'inactive' : 'active';
  rows.accounts.push([
    number,
    opts.utilityId,
    customerId,
    premiseId,
    status,
    cls,
    balance,
    pastDue,
    days,
    bucket(30),
    bucket(60),
    bucket(90),
    rand() < 0.1 ? 10_000 : 0,
    rand() < 0.35,
    rand() < 0.4,
    opts.today.subtract({ years: 2 + Math.floor(rand() * 10) }).toString(),
  ]);
  if (pastDue > 0 && days >= 45 && rand() < 0.6) {
    rows.notices.push([
      `n-${number}`,
      number,
      'disconnection',
      opts.today.subtract({ days: Math.min(days - 30, 20) }).toString(),
      pastDue,
      null,
      'open',
    ]);
  }
  if (pastDue > 0 && rand() < 0.15) {
    const installments = [1, 2, 3, 4, 5, 6].map((n) => ({
      number: n,
      due: opts.today.add({ months: n }).toString(),
      amountCents: Math.floor(pastDue / 6) + (n === 6 ? pastDue % 6 : 0),
    }));
    rows.arrangements.push([
      `a-${number}`,
      number,
      'equal',
      'active',
      opts.today.subtract({ days: 10 }).toString(),
      0,
      pastDue,
      JSON.stringify(installments),
    ]);
  }
  if (enrolment)
    rows.enrollments.push([
      `e-${number}`,
      number,
      enrolment.program,
      enrolment.on.toString(),
      'active',
      enrolment.household.size,
      enrolment.household.annualIncomeCents,
      enrolment.percentOfPoverty,
    ]);
  if (rand() < 0.3) {
    rows.notes.push([
      `note-${number}`,
      number,
      spanish
        ? 'Customer prefers Spanish; called about the bill.'
        : 'Customer called about the bill; explained the charges.',
      'u-agent',
      'Alex Rivera',
      opts.today.subtract({ days: Math.floor(rand() * 300) }).toString(),
    ]);
  }
}

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
 * Accounts are written in batches, each in its own transaction, in the order of their index:
 * `from` continues a seed that stopped after its first `from` accounts. The account-number
 * sequence moves past the seeded numbers, so a new account never takes one of them.
 */
export async function seedSyntheticUtility(
  db: Db,
  opts: SeedOptions & { from?: number },
): Promise<SeedSummary> {
  const utility = getUtility(opts.utilityId);
  if (!utility) throw new Error(`unknown utility ${opts.utilityId}`);
  const memo = new BillMemo(utility.rates);
  const batch = opts.batchSize ?? 1000;
  const counts: Record<string, number> = Object.fromEntries(ORDER.map((t) => [t, 0]));
  for (let start = opts.from ?? 0; start < opts.accounts; start += batch) {
    const end = Math.min(opts.accounts, start + batch);
    const rows = rowsOf(opts, utility, memo, start, end);
    await db.transaction(async (tx) => {
      for (const table of ORDER) {
        await insertMany(tx, table, rows[table]);
        counts[table] += rows[table].length;
      }
      await tx.query(
        "select setval('account_numbers', greatest((select last_value from account_numbers), $1))",
        [FIRST_NUMBER + end - 1],
      );
    });
    opts.onProgress?.(end);
  }
  // The seed writes each account's past due as of its day: the day's aging is done.
  await db.query(
    "insert into meta (key, value) values ('seed', $1), ('aged-on', $2) on conflict (key) do update set value = excluded.value",
    [JSON.stringify(seedRecord(opts)), opts.today.toString()],
  );
  return { accounts: opts.accounts, rows: counts, distinctBills: memo.size };
}

function rowsOf(opts: SeedOptions, utility: Utility, memo: BillMemo, from: number, to: number) {
  const rows: Row = Object.fromEntries(ORDER.map((t) => [t, []]));
  for (let i = from; i < to; i++) generateAccount(opts, utility, memo, i, rows);
  return rows;
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
