import { parse } from 'csv-parse/sync';
import {
  type AuditFinding,
  type AuditSummary,
  addToAuditSummary,
  auditRow,
  emptyAuditSummary,
  findingOf,
} from '../../shared/rates';

/** A run of whole CSV records: its text, the header's column names, its first line's number. */
export interface AuditBlock {
  text: string;
  columns: string[];
  firstLine: number;
  /** How the file ends its records, as csv-parse finds it on the header: `\n` or `\r\n`. */
  recordDelimiter: '\n' | '\r\n';
  utility?: string;
}

export interface AuditBlockResult {
  summary: AuditSummary;
  findings: AuditFinding[];
}

/**
 * The records of a block, each with its line number as csv-parse counts it. A block without a
 * quote is split on its record delimiter and commas (what csv-parse reads there, without its cost
 * per field); a block with quotes, or a line with a stray line break or fields that do not match
 * the header, is read by csv-parse. A file must end every record the same way (`\n` or `\r\n`,
 * as its header does) for line numbers to be those of one csv-parse stream.
 */
function records(block: AuditBlock): { record: Record<string, string>; line: number }[] {
  const { text, columns, firstLine, recordDelimiter } = block;
  if (!text.includes('"')) {
    const out: { record: Record<string, string>; line: number }[] = [];
    const lines = text.split(recordDelimiter);
    let plain = true;
    for (let k = 0; k < lines.length && plain; k++) {
      const line = lines[k];
      if (line === '') continue;
      const fields = line.split(',');
      if (fields.length !== columns.length || line.includes('\r') || line.includes('\n')) {
        plain = false;
      } else {
        const record: Record<string, string> = {};
        for (let i = 0; i < columns.length; i++) record[columns[i]] = fields[i];
        out.push({ record, line: firstLine + k });
      }
    }
    if (plain) return out;
  }
  const parsed = parse(text, {
    columns,
    record_delimiter: recordDelimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    trim: false,
  }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  return parsed.map(({ record, info }) => ({ record, line: firstLine - 1 + info.lines }));
}

/** Audits every record of a block: its summary and what it found, in line order. */
export function auditBlock(block: AuditBlock): AuditBlockResult {
  const summary = emptyAuditSummary();
  const findings: AuditFinding[] = [];
  for (const { record, line } of records(block)) {
    const row = auditRow(record, line, block.utility);
    addToAuditSummary(summary, row);
    const finding = findingOf(row);
    if (finding) findings.push(finding);
  }
  return { summary, findings };
}

/** The header's column names, as the audit reads them (trimmed, lower case). */
export function headerColumns(headerText: string): string[] {
  const [header] = parse(headerText, { bom: true, relax_column_count: true }) as string[][];
  return (header ?? []).map((h) => h.trim().toLowerCase());
}

/**
 * Where a text can be cut after whole records: just after its last newline outside quotes
 * (an even number of `"` before it), or -1.
 */
export function lastRecordEnd(text: string): number {
  if (!text.includes('"')) return text.lastIndexOf('\n');
  let end = -1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) end = i;
  }
  return end;
}

/** Newlines in a text: how far the line number moves past it. */
export function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
