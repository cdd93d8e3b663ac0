import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type CommandOf, command as commandSchema, type Principal } from '../../shared/cis';
import type { PlainDate } from '../../shared/dates';
import { centsToDollars, parseDollars } from '../../shared/money';
import { applyCommand, auditRejection, failedCommand, isTransient, Rejection } from '../commands';
import type { Db } from '../db/database';

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

export interface RefundsFileProblem {
  /** The line of the file (1 is the header). */
  line: number;
  /** An i18n key of the `cis` namespace (a refusal) or a plain reason for a line not read. */
  reason: string;
  details: Record<string, unknown>;
}

/** Reads accounts payable's file into issueRefund commands; a line that is not one is reported. */
export function readRefundsPaidFile(text: string): {
  commands: { line: number; command: CommandOf<'issueRefund'> }[];
  problems: RefundsFileProblem[];
} {
  const problems: RefundsFileProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    return {
      commands: [],
      problems: [{ line: 0, reason: 'unreadable', details: { message: (err as Error).message } }],
    };
  }
  const header = (records[0]?.record ?? []).map((h) => h.toLowerCase());
  const missing = REFUNDS_PAID_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      commands: [],
      problems: [{ line: 1, reason: 'missingColumns', details: { missing } }],
    };
  const at = (row: string[], column: (typeof REFUNDS_PAID_COLUMNS)[number]) =>
    row[header.indexOf(column)] ?? '';
  const commands: { line: number; command: CommandOf<'issueRefund'> }[] = [];
  for (const { record: row, info } of records.slice(1)) {
    const line = info.lines;
    if (row.length !== header.length) {
      problems.push({
        line,
        reason: 'columnCount',
        details: { expected: header.length, found: row.length },
      });
      continue;
    }
    const parsed = commandSchema.safeParse({
      type: 'issueRefund',
      accountNumber: at(row, 'account_number'),
      refundId: at(row, 'refund_id'),
      checkNumber: at(row, 'check_number'),
      amountCents: parseDollars(at(row, 'amount')),
      issuedOn: at(row, 'issued_on'),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        line,
        reason: 'invalidLine',
        details: { field: issue.path.join('.'), message: issue.message },
      });
      continue;
    }
    commands.push({ line, command: parsed.data as CommandOf<'issueRefund'> });
  }
  return { commands, problems };
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
  const { commands, problems } = readRefundsPaidFile(text);
  const issued: RefundsImport['issued'] = [];
  for (const { line, command } of commands) {
    try {
      await db.transaction((tx) =>
        applyCommand({ tx, principal, now: clock.now(), today: clock.today() }, command),
      );
      issued.push({ line, refundId: command.refundId, checkNumber: command.checkNumber });
    } catch (err) {
      if (isTransient(err)) throw err;
      const refusal = err instanceof Rejection ? err : failedCommand(err);
      await auditRejection(db, principal, command, refusal);
      problems.push({ line, reason: refusal.reasonKey, details: refusal.details });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { issued, problems };
}
