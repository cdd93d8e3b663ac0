import type { Db } from '../db/database';

/** A bill as stored: its row, read for update. */
export interface BillRow {
  id: string;
  account_number: string;
  period_from: string;
  period_to: string;
  usage: string;
  unit: string;
  estimated: boolean;
  total_cents: string;
  lines: unknown[][];
  version: number;
}

export async function billForUpdate(db: Db, accountNumber: string, billId: string) {
  const { rows } = await db.query<BillRow>(
    `select id::text, account_number, to_char(period_from, 'YYYY-MM-DD') as period_from,
            to_char(period_to, 'YYYY-MM-DD') as period_to, usage::text, unit, estimated,
            total_cents::text, lines, version
       from bills where id::text = $1 and account_number = $2 for update`,
    [billId, accountNumber],
  );
  return rows[0] ?? null;
}

/** Keeps the bill as it stands as its own version (once), before another replaces it. */
export async function keepCurrentVersion(db: Db, bill: BillRow): Promise<void> {
  await db.query(
    `insert into bill_versions (bill_id, version, status, period_from, period_to, usage, unit, estimated,
       total_cents, lines)
     values ($1, $2, 'current', $3, $4, $5, $6, $7, $8, $9)
     on conflict (bill_id, version) do nothing`,
    [
      bill.id,
      bill.version,
      bill.period_from,
      bill.period_to,
      bill.usage,
      bill.unit,
      bill.estimated,
      bill.total_cents,
      JSON.stringify(bill.lines),
    ],
  );
}

/**
 * Makes a kept version the bill: the one it replaces is marked cancelled (and stays kept), the
 * bill's row takes the new version's use, lines and total. The balance is moved by the caller
 * (the difference is an adjustment, posted by whoever may approve it).
 */
export async function applyVersion(db: Db, billId: string, version: number): Promise<void> {
  await db.query(
    "update bill_versions set status = 'cancelled' where bill_id = $1 and status = 'current'",
    [billId],
  );
  await db.query(
    `update bills b set usage = v.usage, total_cents = v.total_cents, lines = v.lines,
            estimated = v.estimated, version = v.version
       from bill_versions v where b.id = $1 and v.bill_id = b.id and v.version = $2`,
    [billId, version],
  );
  await db.query(
    "update bill_versions set status = 'current' where bill_id = $1 and version = $2",
    [billId, version],
  );
}

export async function declineVersion(db: Db, billId: string, version: number): Promise<void> {
  await db.query(
    "update bill_versions set status = 'declined' where bill_id = $1 and version = $2 and status = 'pending'",
    [billId, version],
  );
}
