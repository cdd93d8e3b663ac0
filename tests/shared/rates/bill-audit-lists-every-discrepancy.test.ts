import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { auditRow, summarizeAudit } from '../../../shared/rates';

const records = parse(readFileSync('tests/fixtures/audit/sample-bills.csv'), {
  columns: true,
}) as Record<string, string>[];
const rows = records.map((r, i) => auditRow(r, i + 2));
const byAccount = (account: string) => rows.find((r) => r.account === account)!;

describe('the bill audit', () => {
  it('passes a bill billed right, to the cent', () => {
    const r = byAccount('PA-1001');
    expect(r.ok && r.discrepancies).toEqual([]);
  });

  it('catches a line billed at the wrong rate and the total it threw off', () => {
    const r = byAccount('PA-1002');
    expect(r.ok && r.discrepancies).toEqual([
      {
        kind: 'amount',
        code: 'WATER',
        billedCents: 2500,
        computedCents: 2300,
        differenceCents: 200,
      },
      {
        kind: 'total',
        code: 'TOTAL',
        billedCents: 7115,
        computedCents: 6915,
        differenceCents: 200,
      },
    ]);
  });

  it('recomputes usage from the reads and catches a town charge that was never billed', () => {
    const r = byAccount('ME-2001');
    expect(r.ok && r.bill.usage.quantity).toBe('5');
    expect(r.ok && r.discrepancies).toEqual([
      {
        kind: 'missing',
        code: 'SEWER',
        billedCents: null,
        computedCents: 4100,
        differenceCents: -4100,
      },
      {
        kind: 'total',
        code: 'TOTAL',
        billedCents: 4400,
        computedCents: 8500,
        differenceCents: -4100,
      },
    ]);
  });

  it('catches a charge the rates do not have', () => {
    const r = byAccount('CA-3001');
    expect(r.ok && r.discrepancies.map((d) => [d.kind, d.code, d.differenceCents])).toEqual([
      ['extra', 'LATE', 500],
      ['total', 'TOTAL', 500],
    ]);
  });

  it('sums the tier lines of one code and finds the Marin bill right', () => {
    const r = byAccount('CA-4001');
    expect(r.ok && r.discrepancies).toEqual([]);
  });

  it('reports bad rows with their line number and goes on', () => {
    const bad = rows.filter((r) => !r.ok);
    expect(bad.map((r) => [r.line, r.account])).toEqual([
      [6, 'PA-1003'],
      [7, 'PA-1004'],
    ]);
    expect(!bad[0].ok && bad[0].error).toMatch(/meterSize/);
    expect(!bad[1].ok && bad[1].error).toMatch(/usage.*"abc" is not a number/);
    expect(rows).toHaveLength(7);
  });

  it('summarizes by kind, in cents', () => {
    const s = summarizeAudit(rows);
    expect(s).toMatchObject({ rows: 7, audited: 5, clean: 2, withDiscrepancies: 3, badRows: 2 });
    expect(s.byKind.amount).toEqual({ count: 1, cents: 200 });
    expect(s.byKind.missing).toEqual({ count: 1, cents: -4100 });
    expect(s.byKind.extra).toEqual({ count: 1, cents: 500 });
    expect(s.byKind.total).toEqual({ count: 3, cents: 200 - 4100 + 500 });
    expect(s.netDifferenceCents).toBe(-3400);
  });
});
