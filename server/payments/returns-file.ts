import type { Principal } from '../../shared/cis';
import type { PlainDate } from '../../shared/dates';
import { parseDollars } from '../../shared/money';
import type { Db } from '../db/database';
import { applyEachLine, commandsOfFile, type FileCommands, type FileProblem } from './command-file';

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

export type ReturnsFileProblem = FileProblem;

export interface ReturnsImport {
  applied: { line: number; receiptNumber: string; feeCents: number }[];
  problems: ReturnsFileProblem[];
}

/** Reads the file into returnPayment commands; a line that is not one is a problem, not lost. */
export function readReturnsFile(text: string): FileCommands<'returnPayment'> {
  return commandsOfFile(text, RETURNS_FILE_COLUMNS, 'returnPayment', (at) => {
    const code = at('return_code');
    return {
      accountNumber: at('account_number'),
      receiptNumber: at('receipt_number'),
      amountCents: parseDollars(at('amount')),
      reason: at('reason'),
      ...(code ? { returnCode: code } : {}),
      returnedOn: at('returned_on'),
    };
  });
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
  const applied: ReturnsImport['applied'] = [];
  const problems = await applyEachLine(
    db,
    principal,
    clock,
    readReturnsFile(text),
    (line, command, result) =>
      applied.push({
        line,
        receiptNumber: command.receiptNumber,
        feeCents: (result as { feeCents: number }).feeCents,
      }),
  );
  return { applied, problems };
}
