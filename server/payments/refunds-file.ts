import { stringify } from 'csv-stringify/sync';
import type { Principal } from '../../shared/cis';
import type { PlainDate } from '../../shared/dates';
import { centsToDollars, parseDollars } from '../../shared/money';
import type { Db } from '../db/database';
import { applyEachLine, commandsOfFile, type FileCommands, type FileProblem } from './command-file';

/**
 * The accounts-payable export of approved refunds (docs/payments.md): one refund a line, the
 * amount in dollars and cents, the payee and the address its check is mailed to.
 */
export const REFUNDS_EXPORT_COLUMNS = [
  'refund_id',
  'account_number',
  'utility_id',
  'reason',
  'amount',
  'payee',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
  'approved_on',
] as const;

/** What accounts payable sends back: the check it wrote for each refund it paid. */
export const REFUNDS_PAID_COLUMNS = [
  'refund_id',
  'account_number',
  'check_number',
  'amount',
  'issued_on',
] as const;

export interface RefundRow {
  refundId: string;
  accountNumber: string;
  utilityId: string;
  reason: string;
  amountCents: number;
  payee: string;
  address: { line1: string; line2?: string; city: string; state: string; zip: string };
  status: string;
  approver: string;
  requestedBy: string;
  requestedAt: string;
  checkNumber: string | null;
  issuedOn: string | null;
}

/** The refunds of a utility (or every utility), in a status or all, oldest first. */
export async function listRefunds(
  db: Db,
  filter: { utilityId?: string; status?: string } = {},
): Promise<RefundRow[]> {
  const { rows } = await db.query<{
    id: string;
    account_number: string;
    utility_id: string;
    reason: string;
    amount_cents: string | number;
    payee: string;
    address: RefundRow['address'];
    status: string;
    approver: string;
    requested_by: string;
    requested_at: Date | string;
    check_number: string | null;
    issued_on: string | null;
  }>(
    `select id, account_number, utility_id, reason, amount_cents, payee, address, status, approver,
       requested_by, requested_at, check_number, to_char(issued_on, 'YYYY-MM-DD') as issued_on
     from refunds where ($1::text is null or utility_id = $1) and ($2::text is null or status = $2)
     order by requested_at, account_number, id`,
    [filter.utilityId ?? null, filter.status ?? null],
  );
  return rows.map((r) => ({
    refundId: r.id,
    accountNumber: r.account_number,
    utilityId: r.utility_id,
    reason: r.reason,
    amountCents: Number(r.amount_cents),
    payee: r.payee,
    address: r.address,
    status: r.status,
    approver: r.approver,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    checkNumber: r.check_number,
    issuedOn: r.issued_on,
  }));
}

/** The approved refunds waiting for a check, as accounts payable's CSV. */
export async function exportApprovedRefunds(db: Db, utilityId?: string): Promise<string> {
  const refunds = await listRefunds(db, { utilityId, status: 'approved' });
  return stringify(
    refunds.map((r) => [
      r.refundId,
      r.accountNumber,
      r.utilityId,
      r.reason,
      centsToDollars(r.amountCents).toFixed(2),
      r.payee,
      r.address.line1,
      r.address.line2 ?? '',
      r.address.city,
      r.address.state,
      r.address.zip,
      r.requestedAt.slice(0, 10),
    ]),
    { header: true, columns: [...REFUNDS_EXPORT_COLUMNS] },
  );
}

export type RefundsFileProblem = FileProblem;

/** Reads accounts payable's file into issueRefund commands; a line that is not one is reported. */
export function readRefundsPaidFile(text: string): FileCommands<'issueRefund'> {
  return commandsOfFile(text, REFUNDS_PAID_COLUMNS, 'issueRefund', (at) => ({
    accountNumber: at('account_number'),
    refundId: at('refund_id'),
    checkNumber: at('check_number'),
    amountCents: parseDollars(at('amount')),
    issuedOn: at('issued_on'),
  }));
}

export interface RefundsImport {
  issued: { line: number; refundId: string; checkNumber: string }[];
  problems: RefundsFileProblem[];
}

/**
 * Applies each paid refund of accounts payable's file in its own transaction: one refused (no
 * such refund, not approved, another amount, a check number used) is reported with its line and
 * reason, audited, and the others are applied.
 */
export async function importRefundsPaidFile(
  db: Db,
  principal: Principal,
  text: string,
  clock: { now: () => Date; today: () => PlainDate },
): Promise<RefundsImport> {
  const issued: RefundsImport['issued'] = [];
  const problems = await applyEachLine(
    db,
    principal,
    clock,
    readRefundsPaidFile(text),
    (line, command) =>
      issued.push({ line, refundId: command.refundId, checkNumber: command.checkNumber }),
  );
  return { issued, problems };
}
