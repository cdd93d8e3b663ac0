import { z } from 'zod';
import { Dec, dollarsToCents } from '../money';
import { consumptionHistory } from '../usage/reads';
import { type Bill, BillInputError } from './bill';
import { computeBill } from './compute';
import { getUtilityProfile, utilityIds } from './profiles';

/**
 * The bill-audit CSV, one billed bill per row (header names are the column names; empty cells
 * are "not given"):
 * account, utility, class, meter_size, period_from, period_to, usage, unit, prev_read, curr_read,
 * dials, multiplier, municipality, season, heating, household, irrigated_sqft, et,
 * impervious_sqft, billed_lines, billed_total.
 * `billed_lines` is `CODE=amount;CODE=amount` in dollars (tier lines of one code may be given
 * separately or summed); `billed_total` in dollars. Usage comes from `usage`, else from the reads.
 */
export const AUDIT_COLUMNS = [
  'account',
  'utility',
  'class',
  'meter_size',
  'period_from',
  'period_to',
  'usage',
  'unit',
  'prev_read',
  'curr_read',
  'dials',
  'multiplier',
  'municipality',
  'season',
  'heating',
  'household',
  'irrigated_sqft',
  'et',
  'impervious_sqft',
  'billed_lines',
  'billed_total',
] as const;

export type DiscrepancyKind = 'amount' | 'missing' | 'extra' | 'total';

export interface Discrepancy {
  kind: DiscrepancyKind;
  code: string;
  billedCents: number | null;
  computedCents: number | null;
  /** billed − computed: positive means the customer was overbilled. */
  differenceCents: number;
}

export type AuditRow =
  | { line: number; account: string; ok: true; bill: Bill; discrepancies: Discrepancy[] }
  | { line: number; account: string; ok: false; error: string };

/** An optional number cell: empty is "not given"; anything else must be a number. */
const optNum = z.string().transform((s, ctx) => {
  const t = s.trim();
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `"${t}" is not a number` });
    return z.NEVER;
  }
  return n;
});

const row = z.object({
  account: z.string().trim().min(1, 'account is empty'),
  utility: z.string().trim().default(''),
  class: z.string().trim().default(''),
  meter_size: z.string().trim().default(''),
  period_from: z.string().trim().default(''),
  period_to: z.string().trim().default(''),
  usage: optNum.optional(),
  unit: z.string().trim().default(''),
  prev_read: optNum.optional(),
  curr_read: optNum.optional(),
  dials: optNum.optional(),
  multiplier: optNum.optional(),
  municipality: z.string().trim().default(''),
  season: z.string().trim().default(''),
  heating: z.string().trim().default(''),
  household: optNum.optional(),
  irrigated_sqft: optNum.optional(),
  et: optNum.optional(),
  impervious_sqft: optNum.optional(),
  billed_lines: z.string().default(''),
  billed_total: z.string().trim().default(''),
});

function parseBilledLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9_]+)\s*=\s*(-?\d+(\.\d{1,2})?)$/.exec(part);
    if (!m) throw new Error(`billed line "${part}" is not CODE=amount`);
    const code = m[1].toUpperCase();
    out.set(code, (out.get(code) ?? 0) + dollarsToCents(m[2]));
  }
  return out;
}

/** Recomputes one billed row and lists every discrepancy, or says why the row is bad. */
export function auditRow(
  record: Record<string, string>,
  line: number,
  defaultUtility?: string,
): AuditRow {
  const account = (record.account ?? '').trim() || `(line ${line})`;
  const parsed = row.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { line, account, ok: false, error: `${issue.path.join('.')}: ${issue.message}` };
  }
  const r = parsed.data;
  const utility = r.utility || defaultUtility || '';
  const profile = getUtilityProfile(utility);
  if (!profile) {
    return {
      line,
      account,
      ok: false,
      error: `utility "${utility}" unknown (valid: ${utilityIds.join(', ')})`,
    };
  }
  try {
    let usage = r.usage;
    if (usage === undefined) {
      if (
        r.prev_read === undefined ||
        r.curr_read === undefined ||
        !r.period_from ||
        !r.period_to
      ) {
        throw new BillInputError('usage', 'no usage, and no pair of reads with a period');
      }
      const [c] = consumptionHistory({ dials: r.dials ?? 4, multiplier: r.multiplier ?? 1 }, [
        { date: r.period_from, value: r.prev_read, kind: 'actual' },
        { date: r.period_to, value: r.curr_read, kind: 'actual' },
      ]);
      usage = c.usage.toNumber();
    }
    const bill = computeBill(profile, {
      class: r.class || 'residential',
      ...(r.meter_size ? { meterSize: r.meter_size } : {}),
      usage,
      ...(r.unit ? { unit: r.unit as never } : {}),
      ...(r.period_from && r.period_to ? { period: { from: r.period_from, to: r.period_to } } : {}),
      ...(r.municipality ? { municipality: r.municipality } : {}),
      ...(r.season ? { season: r.season.toLowerCase() as never } : {}),
      ...(r.heating ? { heating: r.heating.toLowerCase() as never } : {}),
      ...(r.household !== undefined ? { householdSize: r.household } : {}),
      ...(r.irrigated_sqft !== undefined ? { irrigatedSqft: r.irrigated_sqft } : {}),
      ...(r.et !== undefined ? { etInches: r.et } : {}),
      ...(r.impervious_sqft !== undefined ? { imperviousSqft: r.impervious_sqft } : {}),
    });
    const billed = parseBilledLines(r.billed_lines);
    const computed = new Map<string, number>();
    for (const l of bill.lines) computed.set(l.code, (computed.get(l.code) ?? 0) + l.amountCents);
    const discrepancies: Discrepancy[] = [];
    for (const [code, cents] of computed) {
      const b = billed.get(code);
      if (b === undefined) {
        if (billed.size > 0) {
          discrepancies.push({
            kind: 'missing',
            code,
            billedCents: null,
            computedCents: cents,
            differenceCents: -cents,
          });
        }
      } else if (b !== cents) {
        discrepancies.push({
          kind: 'amount',
          code,
          billedCents: b,
          computedCents: cents,
          differenceCents: b - cents,
        });
      }
    }
    for (const [code, cents] of billed) {
      if (!computed.has(code)) {
        discrepancies.push({
          kind: 'extra',
          code,
          billedCents: cents,
          computedCents: null,
          differenceCents: cents,
        });
      }
    }
    if (r.billed_total) {
      if (!/^-?\d+(\.\d{1,2})?$/.test(r.billed_total))
        throw new Error(`billed_total "${r.billed_total}" is not an amount`);
      const total = dollarsToCents(r.billed_total);
      if (total !== bill.totalCents) {
        discrepancies.push({
          kind: 'total',
          code: 'TOTAL',
          billedCents: total,
          computedCents: bill.totalCents,
          differenceCents: total - bill.totalCents,
        });
      }
    }
    return { line, account: r.account, ok: true, bill, discrepancies };
  } catch (err) {
    // A bad row is reported with its line number and the audit goes on.
    const message = err instanceof Error ? err.message : String(err);
    return { line, account, ok: false, error: message };
  }
}

export interface AuditSummary {
  rows: number;
  audited: number;
  clean: number;
  withDiscrepancies: number;
  badRows: number;
  byKind: Record<DiscrepancyKind, { count: number; cents: number }>;
  /** Sum of billed − computed over all discrepant totals (positive: overbilled). */
  netDifferenceCents: number;
}

export function summarizeAudit(rows: AuditRow[]): AuditSummary {
  const byKind: AuditSummary['byKind'] = {
    amount: { count: 0, cents: 0 },
    missing: { count: 0, cents: 0 },
    extra: { count: 0, cents: 0 },
    total: { count: 0, cents: 0 },
  };
  let clean = 0;
  let withDiscrepancies = 0;
  let badRows = 0;
  let net = new Dec(0);
  for (const r of rows) {
    if (!r.ok) {
      badRows++;
      continue;
    }
    if (r.discrepancies.length === 0) clean++;
    else withDiscrepancies++;
    for (const d of r.discrepancies) {
      byKind[d.kind].count++;
      byKind[d.kind].cents += d.differenceCents;
      if (d.kind === 'total') net = net.plus(d.differenceCents);
    }
  }
  return {
    rows: rows.length,
    audited: rows.length - badRows,
    clean,
    withDiscrepancies,
    badRows,
    byKind,
    netDifferenceCents: net.toNumber(),
  };
}
