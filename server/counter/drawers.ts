import {
  type ClosedDrawer,
  type DailyReport,
  type DrawerBalance,
  type DrawerCount,
  type DrawerEntry,
  type DrawerTender,
  dailyReport,
  expectedByTender,
  type TenderCents,
} from '../../shared/payments';
import type { Db } from '../db/database';

/** A drawer's row as the counter reads it. */
export interface DrawerRow {
  id: string;
  utility_id: string;
  business_day: string;
  cashier: string;
  float_cents: number;
  status: 'open' | 'closed';
  opened_at: Date | string;
  closed_at: Date | string | null;
  count: DrawerCount | null;
  balance: DrawerBalance | null;
  over_short_cents: number | null;
  reason: string | null;
  signed_off_by: string | null;
}

export const DRAWER_COLUMNS = `id, utility_id, business_day::text as business_day, cashier,
  float_cents, status, opened_at, closed_at, count, balance, over_short_cents, reason,
  signed_off_by`;

/** The payments taken into a drawer, a voided one marked, in the order taken. */
export async function drawerEntries(db: Db, drawerId: string): Promise<DrawerEntry[]> {
  const { rows } = await db.query<{
    receipt_number: string;
    account_number: string;
    tender: DrawerTender;
    amount_cents: number;
    tender_detail: Record<string, string>;
    voided_by: string | null;
    status: string;
  }>(
    `select receipt_number, account_number, tender, amount_cents, tender_detail, voided_by, status
       from payments where drawer_id = $1 order by id`,
    [drawerId],
  );
  return rows.map((r) => ({
    receiptNumber: r.receipt_number,
    accountNumber: r.account_number,
    tender: r.tender,
    amountCents: Number(r.amount_cents),
    detail: r.tender_detail ?? {},
    // A payment voided, or moved or reversed since, is no longer in the drawer's total.
    voided: r.status !== 'posted',
  }));
}

export interface DrawerView {
  drawerId: string;
  utilityId: string;
  businessDay: string;
  cashier: string;
  status: 'open' | 'closed';
  floatCents: number;
  openedAt: string;
  closedAt: string | null;
  expected: TenderCents;
  payments: number;
  entries: DrawerEntry[];
  balance: DrawerBalance | null;
  reason: string | null;
  signedOffBy: string | null;
}

const iso = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

async function viewOf(db: Db, row: DrawerRow): Promise<DrawerView> {
  const entries = await drawerEntries(db, row.id);
  const floatCents = Number(row.float_cents);
  return {
    drawerId: row.id,
    utilityId: row.utility_id,
    businessDay: row.business_day,
    cashier: row.cashier,
    status: row.status,
    floatCents,
    openedAt: iso(row.opened_at)!,
    closedAt: iso(row.closed_at),
    expected: expectedByTender(floatCents, entries),
    payments: entries.filter((e) => !e.voided).length,
    entries,
    balance: row.balance,
    reason: row.reason,
    signedOffBy: row.signed_off_by,
  };
}

export async function drawerView(db: Db, drawerId: string): Promise<DrawerView | null> {
  const { rows } = await db.query<DrawerRow>(
    `select ${DRAWER_COLUMNS} from drawers where id = $1`,
    [drawerId],
  );
  return rows[0] ? viewOf(db, rows[0]) : null;
}

/** The drawers of a utility's day (or only the open ones), with what each should hold. */
export async function drawersOf(
  db: Db,
  filter: {
    utilityId?: string;
    businessDay?: string;
    status?: 'open' | 'closed';
    cashier?: string;
  },
): Promise<DrawerView[]> {
  const { rows } = await db.query<DrawerRow>(
    `select ${DRAWER_COLUMNS} from drawers
      where ($1::text is null or utility_id = $1) and ($2::date is null or business_day = $2)
        and ($3::text is null or status = $3) and ($4::text is null or cashier = $4)
      order by business_day, utility_id, seq`,
    [
      filter.utilityId ?? null,
      filter.businessDay ?? null,
      filter.status ?? null,
      filter.cashier ?? null,
    ],
  );
  const out: DrawerView[] = [];
  for (const r of rows) out.push(await viewOf(db, r));
  return out;
}

export async function counterDayClosed(db: Db, utilityId: string, day: string): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from counter_days where utility_id = $1 and business_day = $2',
    [utilityId, day],
  );
  return rows.length > 0;
}

/** The closed drawers of a utility's day, as its deposit and report read them. */
export async function closedDrawersOf(
  db: Db,
  utilityId: string,
  day: string,
): Promise<ClosedDrawer[]> {
  const { rows } = await db.query<DrawerRow>(
    `select ${DRAWER_COLUMNS} from drawers
      where utility_id = $1 and business_day = $2 and status = 'closed' order by seq`,
    [utilityId, day],
  );
  return rows.map((r) => ({
    drawerId: r.id,
    cashier: r.cashier,
    floatCents: Number(r.float_cents),
    count: r.count!,
    balance: r.balance!,
    reason: r.reason,
    signedOffBy: r.signed_off_by,
  }));
}

/** Every card and bank (ACH) payment of the utility that day still posted, whatever the channel. */
export async function dayCardAndBank(db: Db, utilityId: string, day: string) {
  const { rows } = await db.query<{ card: string | null; bank: string | null }>(
    `select sum(amount_cents) filter (where tender = 'card') as card,
            sum(amount_cents) filter (where tender = 'ach') as bank
       from payments where utility_id = $1 and paid_on = $2 and status = 'posted'`,
    [utilityId, day],
  );
  return { cardCents: Number(rows[0]?.card ?? 0), bankCents: Number(rows[0]?.bank ?? 0) };
}

/**
 * The day's balancing report: as kept when the day was closed, or as it stands now (drawers
 * still open are left out and named).
 */
export async function reportOf(
  db: Db,
  utilityId: string,
  day: string,
): Promise<{ report: DailyReport; closed: boolean; openDrawers: string[] }> {
  const { rows } = await db.query<{ report: DailyReport }>(
    'select report from counter_days where utility_id = $1 and business_day = $2',
    [utilityId, day],
  );
  if (rows[0]) return { report: rows[0].report, closed: true, openDrawers: [] };
  const drawers = await closedDrawersOf(db, utilityId, day);
  const { cardCents, bankCents } = await dayCardAndBank(db, utilityId, day);
  const { rows: open } = await db.query<{ id: string }>(
    "select id from drawers where utility_id = $1 and business_day = $2 and status = 'open' order by seq",
    [utilityId, day],
  );
  return {
    report: dailyReport(utilityId, day, drawers, cardCents, bankCents),
    closed: false,
    openDrawers: open.map((r) => r.id),
  };
}
