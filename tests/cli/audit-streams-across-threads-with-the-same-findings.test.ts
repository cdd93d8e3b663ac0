import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditProgress, auditFile } from '../../cli/commands/audit';
import { auditRow, findingOf, summarizeAudit } from '../../shared/rates';

/**
 * The audit cut into blocks and spread over threads finds what one csv-parse stream audited row
 * by row finds (the audit as it was): the same summary and the same findings, in line order,
 * with the same line numbers — through quoted fields holding newlines, blank lines, a short row,
 * a byte-order mark and bad rows, on files of several blocks ending their lines LF or CRLF.
 */
const dir = mkdtempSync(join(tmpdir(), 'tapline-audit-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = readFileSync('tests/fixtures/audit/sample-bills.csv', 'utf8').trim().split('\n');
const header = sample[0].replace('account', ' Account ');
const rows = sample.slice(1);

function philadelphia(i: number): string {
  const usage = ((i % 300) / 100).toFixed(2);
  const water = i % 3 === 0 ? 'WATER=9.99' : 'WATER=0.00';
  return `PA-${i},philadelphia-water-pa,residential,5/8,2024-03-01,2024-03-31,${usage},mcf,,,,,,,,,,,,SVC=12.10;${water},`;
}

function csv(eol: string): string {
  const lines: string[] = [`\uFEFF${header}`];
  for (let i = 0; i < 9000; i++) {
    lines.push(philadelphia(i));
    if (i % 1000 === 0) lines.push(...rows);
    if (i % 1500 === 7) lines.push('');
    if (i % 2500 === 11) {
      // A quoted account holding a newline and a comma, and a bad usage.
      lines.push(
        `"PA-q${i}\nsecond line, too",philadelphia-water-pa,residential,5/8,2024-03-01,2024-03-31,1,mcf,,,,,,,,,,,,,`,
      );
      lines.push(
        `PA-bad${i},philadelphia-water-pa,residential,5/8,2024-03-01,2024-03-31,x1,mcf,,,,,,,,,,,,,`,
      );
    }
  }
  lines.push('PA-short,philadelphia-water-pa');
  return `${lines.join(eol)}${eol}`;
}

/** The audit as it was: one csv-parse stream, each record audited in turn. */
async function oneStream(path: string, utility?: string) {
  const results = [];
  const parser = createReadStream(path).pipe(
    parse({
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
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
    results.push(auditRow(record, info.lines, utility));
  }
  return {
    summary: summarizeAudit(results),
    findings: results.map(findingOf).filter((f) => f !== null),
  };
}

describe('the bill audit in blocks across threads', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`finds what one stream finds, on one thread and on two (${name})`, {
      timeout: 180_000,
    }, async () => {
      const path = join(dir, `bills-${name}.csv`);
      writeFileSync(path, csv(eol));
      const expected = await oneStream(path);
      expect(expected.summary.rows).toBeGreaterThan(9000);
      expect(expected.summary.badRows).toBeGreaterThan(5);
      expect(expected.summary.withDiscrepancies).toBeGreaterThan(3000);
      const progress: AuditProgress[] = [];
      const one = await auditFile(path, { workers: 1, onProgress: (p) => progress.push(p) });
      expect(one).toEqual(expected);
      expect(progress.length).toBeGreaterThan(3);
      expect(progress.at(-1)!.rows).toBe(expected.summary.rows);
      const threads = new Set<number>();
      const two = await auditFile(path, {
        workers: 2,
        waitForThreads: true,
        onProgress: (p) => threads.add(p.thread),
      });
      expect(two).toEqual(expected);
      expect(threads.has(1)).toBe(true);
    });
  }

  it('takes the utility for rows that leave it empty, as before', { timeout: 60_000 }, async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(
      small,
      `${header}\nPA-1,,residential,5/8,2024-03-01,2024-03-31,0.5,mcf,,,,,,,,,,,,SVC=12.10,12.10\n`,
    );
    const expected = await oneStream(small, 'philadelphia-water-pa');
    expect(await auditFile(small, { utility: 'philadelphia-water-pa' })).toEqual(expected);
    expect(expected.summary.withDiscrepancies).toBe(1);
  });
});
