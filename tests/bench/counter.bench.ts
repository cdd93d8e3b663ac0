import { reportOf } from '../../server/counter/drawers';
import { reportCsv, reportPdf } from '../../server/counter/report';
import { pgliteDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import {
  balanceDrawer,
  countedByTender,
  type DrawerCount,
  type DrawerEntry,
  type DrawerTender,
  expectedByTender,
} from '../../shared/payments';
import { machine } from './machine';

const DRAWERS = 50;
const PAYMENTS_PER_DRAWER = 40;
const DAY = '2026-11-17';
const U = 'santa-margarita-ca';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The daily balancing report for 50 closed drawers of 40 counter payments each (2,000 payments:
 * cash, checks, money orders), on PGlite in memory: the report read and built, its CSV and PDF.
 */
export async function run(): Promise<void> {
  const db = await pgliteDb(null);
  await migrate(db);
  await db.exec(`
    insert into customers (id, name, preferred_language, mailing_address, protections) values ('c1', 'Ana', 'es', '{}', '{}');
    insert into premises (id, address, municipality) values ('p1', '{}', 'Rancho Santa Margarita');
    insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on) values ('SM-1', '${U}', 'c1', 'p1', 'active', 'residential', '2020-01-01');
  `);
  const tenders: DrawerTender[] = ['cash', 'cash', 'check', 'money-order'];
  let receipt = 0;
  for (let d = 1; d <= DRAWERS; d++) {
    const id = `SM-20261117-${String(d).padStart(2, '0')}`;
    const entries: DrawerEntry[] = [];
    for (let p = 0; p < PAYMENTS_PER_DRAWER; p++) {
      const tender = tenders[p % tenders.length];
      const amountCents = 1_000 + ((d * 7919 + p * 104_729) % 20_000);
      const detail: Record<string, string> =
        tender === 'check'
          ? { checkNumber: String(1000 + p), bank: 'Pacific Coast Bank' }
          : tender === 'money-order'
            ? { serialNumber: String(90_000_000 + p), issuer: 'USPS' }
            : {};
      receipt++;
      entries.push({
        receiptNumber: `SM-${String(receipt).padStart(8, '0')}`,
        accountNumber: 'SM-1',
        tender,
        amountCents,
        detail,
        voided: false,
      });
    }
    await db.query(
      `insert into payments (account_number, paid_on, amount_cents, tender, status, utility_id, receipt_number, channel, drawer_id, tender_detail)
       select 'SM-1', $1, a, t, 'posted', $2, r, 'counter', $3, dt::jsonb
         from unnest($4::bigint[], $5::text[], $6::text[], $7::text[]) as x(a, t, r, dt)`,
      [
        DAY,
        U,
        id,
        entries.map((e) => e.amountCents),
        entries.map((e) => e.tender),
        entries.map((e) => e.receiptNumber),
        entries.map((e) => JSON.stringify(e.detail)),
      ],
    );
    const expected = expectedByTender(20_000, entries);
    const count: DrawerCount = {
      cash: [
        { denominationCents: 10_000, count: Math.floor(expected.cash / 10_000) },
        { denominationCents: 1, count: expected.cash % 10_000 },
      ],
      checks: entries
        .filter((e) => e.tender === 'check')
        .map((e) => ({
          checkNumber: e.detail.checkNumber!,
          bank: e.detail.bank!,
          amountCents: e.amountCents,
        })),
      moneyOrders: entries
        .filter((e) => e.tender === 'money-order')
        .map((e) => ({
          serialNumber: e.detail.serialNumber!,
          issuer: e.detail.issuer!,
          amountCents: e.amountCents,
        })),
    };
    const balance = balanceDrawer(expected, countedByTender(count, 0));
    await db.query(
      `insert into drawers (id, utility_id, business_day, seq, cashier, float_cents, status, opened_at, count, balance, over_short_cents)
       values ($1, $2, $3, $4, $5, 20000, 'closed', now(), $6, $7, $8)`,
      [
        id,
        U,
        DAY,
        d,
        `u-cashier-${d}`,
        JSON.stringify(count),
        JSON.stringify(balance),
        balance.overShortCents,
      ],
    );
  }
  const rounds = 5;
  const read: number[] = [];
  const csv: number[] = [];
  const pdf: number[] = [];
  let bytes = { csv: 0, pdf: 0 };
  for (let i = 0; i < rounds; i++) {
    let t = process.hrtime.bigint();
    const { report } = await reportOf(db, U, DAY);
    read.push(ms(t));
    t = process.hrtime.bigint();
    const c = reportCsv(report);
    csv.push(ms(t));
    t = process.hrtime.bigint();
    const p = await reportPdf(report, 'Santa Margarita Water District', 'en', null);
    pdf.push(ms(t));
    bytes = { csv: c.length, pdf: p.length };
  }
  await db.close();
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  console.log(
    `counter: daily balancing report, ${DRAWERS} closed drawers × ${PAYMENTS_PER_DRAWER} payments (${DRAWERS * PAYMENTS_PER_DRAWER} payments, ${(DRAWERS * PAYMENTS_PER_DRAWER) / 4} checks), PGlite in memory, median of ${rounds}: read and build ${med(read)} ms, CSV ${med(csv)} ms (${bytes.csv} bytes), PDF ${med(pdf)} ms (${bytes.pdf} bytes)`,
  );
  console.log(`  machine: ${machine()}`);
}
