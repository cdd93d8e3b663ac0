import { parse } from 'csv-parse/sync';
import { type CommandOf, command as commandSchema, type Principal } from '../../shared/cis';
import type { PlainDate } from '../../shared/dates';
import { parseDollars } from '../../shared/money';
import { applyCommand, auditRejection, failedCommand, isTransient, Rejection } from '../commands';
import type { Db } from '../db/database';

/**
 * The bank's returns file, as Tapline reads it (docs/payments.md): a header line with these
 * columns in any order, then one returned item a line. `return_code` may be empty.
 */
export const RETURNS_FILE_COLUMNS = [
  'receipt_number',
  'account_number',
  'amount',
  'returned_on',
  'reason',
  'return_code',
] as const;

export interface ReturnsFileProblem {
  /** The line of the file (1 is the header). */
  line: number;
  /** An i18n key of the `cis` namespace (a refusal) or a plain reason for a line not read. */
  reason: string;
  details: Record<string, unknown>;
}

export interface ReturnsImport {
  applied: { line: number; receiptNumber: string; feeCents: number }[];
  problems: ReturnsFileProblem[];
}

/** Reads the file into returnPayment commands; a line that is not one is a problem, not lost. */
export function readReturnsFile(text: string): {
  commands: { line: number; command: CommandOf<'returnPayment'> }[];
  problems: ReturnsFileProblem[];
} {
  const problems: ReturnsFileProblem[] = [];
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
  const missing = RETURNS_FILE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      commands: [],
      problems: [{ line: 1, reason: 'missingColumns', details: { missing } }],
    };
  const at = (row: string[], column: (typeof RETURNS_FILE_COLUMNS)[number]) =>
    row[header.indexOf(column)] ?? '';
  const commands: { line: number; command: CommandOf<'returnPayment'> }[] = [];
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
    const amountCents = parseDollars(at(row, 'amount'));
    const code = at(row, 'return_code');
    const parsed = commandSchema.safeParse({
      type: 'returnPayment',
      accountNumber: at(row, 'account_number'),
      receiptNumber: at(row, 'receipt_number'),
      amountCents,
      reason: at(row, 'reason'),
      ...(code ? { returnCode: code } : {}),
      returnedOn: at(row, 'returned_on'),
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
    commands.push({ line, command: parsed.data as CommandOf<'returnPayment'> });
  }
  return { commands, problems };
}

/**
 * Applies each returned item of the file in its own transaction, as if a lead had entered it:
 * one refused (no such receipt, already returned, another amount) is reported with its line and
 * reason, audited, and the others are applied.
 */
export async function importReturnsFile(
  db: Db,
  principal: Principal,
  text: string,
  clock: { now: () => Date; today: () => PlainDate },
): Promise<ReturnsImport> {
  const { commands, problems } = readReturnsFile(text);
  const applied: ReturnsImport['applied'] = [];
  for (const { line, command } of commands) {
    try {
      const result = await db.transaction((tx) =>
        applyCommand({ tx, principal, now: clock.now(), today: clock.today() }, command),
      );
      applied.push({
        line,
        receiptNumber: command.receiptNumber,
        feeCents: (result as { feeCents: number }).feeCents,
      });
    } catch (err) {
      if (isTransient(err)) throw err;
      const refusal = err instanceof Rejection ? err : failedCommand(err);
      await auditRejection(db, principal, command, refusal);
      problems.push({ line, reason: refusal.reasonKey, details: refusal.details });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { applied, problems };
}
