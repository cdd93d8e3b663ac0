import { parse } from 'csv-parse/sync';
import {
  type CommandOf,
  type CommandType,
  command as commandSchema,
  type Principal,
} from '../../shared/cis';
import type { PlainDate } from '../../shared/dates';
import { applyCommand, auditRejection, failedCommand, isTransient, Rejection } from '../commands';
import type { Db } from '../db/database';

/**
 * A file of commands from outside (the bank's returns, accounts payable's paid refunds): a CSV
 * header naming the columns in any order, one command a line. A line that is not one is a
 * problem with its line and reason, never a reason to drop the others.
 */
export interface FileProblem {
  /** The line of the file (1 is the header). */
  line: number;
  /** An i18n key of the `cis` namespace (a refusal) or a plain reason for a line not read. */
  reason: string;
  details: Record<string, unknown>;
}

export interface FileCommands<T extends CommandType> {
  commands: { line: number; command: CommandOf<T> }[];
  problems: FileProblem[];
}

/** Reads each line into a command of `type` from the fields `fields` makes of its columns. */
export function commandsOfFile<T extends CommandType, C extends string>(
  text: string,
  columns: readonly C[],
  type: T,
  fields: (at: (column: C) => string) => Record<string, unknown>,
): FileCommands<T> {
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
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      commands: [],
      problems: [{ line: 1, reason: 'missingColumns', details: { missing } }],
    };
  const problems: FileProblem[] = [];
  const commands: FileCommands<T>['commands'] = [];
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
      type,
      ...fields((column) => row[header.indexOf(column)] ?? ''),
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
    commands.push({ line, command: parsed.data as CommandOf<T> });
  }
  return { commands, problems };
}

/**
 * Applies each line's command in its own transaction as `principal`: one refused is audited and
 * reported with its line and reason, and the others are applied. Answers the problems in line
 * order, the file's own first.
 */
export async function applyEachLine<T extends CommandType>(
  db: Db,
  principal: Principal,
  clock: { now: () => Date; today: () => PlainDate },
  { commands, problems }: FileCommands<T>,
  applied: (line: number, command: CommandOf<T>, result: unknown) => void,
): Promise<FileProblem[]> {
  const all = [...problems];
  for (const { line, command } of commands) {
    try {
      const result = await db.transaction((tx) =>
        applyCommand({ tx, principal, now: clock.now(), today: clock.today() }, command),
      );
      applied(line, command, result);
    } catch (err) {
      if (isTransient(err)) throw err;
      const refusal = err instanceof Rejection ? err : failedCommand(err);
      await auditRejection(db, principal, command, refusal);
      all.push({ line, reason: refusal.reasonKey, details: refusal.details });
    }
  }
  return all.sort((a, b) => a.line - b.line);
}
