import { createReadStream, existsSync } from 'node:fs';
import { parse } from 'csv-parse';
import {
  type AuditRow,
  auditRow,
  getUtilityProfile,
  summarizeAudit,
  utilityIds,
} from '../../shared/rates';
import { money, parseOptions } from '../lib/args';
import { type CliCommand, EXIT, UsageError } from './types';

/** Reads the CSV as a stream so 100,000 bills need no more memory than their results. */
export async function auditFile(
  path: string,
  utility?: string,
  onRow?: (row: AuditRow) => void,
): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      info: true,
      trim: false,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const result = auditRow(record, info.lines, utility);
    rows.push(result);
    onRow?.(result);
  }
  return rows;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'recompute a batch of billed bills (CSV) and list every discrepancy',
  usage: 'audit FILE.csv [--utility ID] [--json]',
  async run(argv, io) {
    const { values: v, positionals } = parseOptions(
      argv,
      { utility: { type: 'string' }, json: { type: 'boolean' } } as const,
      true,
    );
    const [file] = positionals;
    if (!file) throw new UsageError('the CSV file is required');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    if (v.utility && !getUtilityProfile(v.utility)) {
      throw new UsageError(`unknown utility "${v.utility}" (valid: ${utilityIds.join(', ')})`);
    }
    let rows: AuditRow[];
    try {
      rows = await auditFile(file, v.utility);
    } catch (err) {
      throw new UsageError(`${file} is not a readable CSV: ${(err as Error).message}`);
    }
    const summary = summarizeAudit(rows);
    const problems = rows.filter((r) => !r.ok || r.discrepancies.length > 0);
    if (v.json) {
      io.out(
        JSON.stringify({
          summary,
          rows: problems.map((r) =>
            r.ok
              ? {
                  line: r.line,
                  account: r.account,
                  computedTotalCents: r.bill.totalCents,
                  discrepancies: r.discrepancies,
                }
              : { line: r.line, account: r.account, error: r.error },
          ),
        }),
      );
    } else {
      for (const r of problems) {
        if (!r.ok) {
          io.out(`line ${r.line} (${r.account}): bad row: ${r.error}`);
          continue;
        }
        for (const d of r.discrepancies) {
          io.out(
            `line ${r.line} (${r.account}): ${d.kind} ${d.code}: billed ${d.billedCents === null ? '—' : money(d.billedCents)}, computed ${d.computedCents === null ? '—' : money(d.computedCents)}, difference ${money(d.differenceCents)}`,
          );
        }
      }
      io.out(
        `\n${summary.rows} rows: ${summary.clean} clean, ${summary.withDiscrepancies} with discrepancies, ${summary.badRows} bad rows.`,
      );
      for (const [kind, k] of Object.entries(summary.byKind)) {
        if (k.count)
          io.out(`  ${kind.padEnd(8)} ${String(k.count).padStart(6)}  ${money(k.cents)}`);
      }
      io.out(`  net billed − computed on totals: ${money(summary.netDifferenceCents)}`);
    }
    return problems.length ? EXIT.findings : EXIT.ok;
  },
};
