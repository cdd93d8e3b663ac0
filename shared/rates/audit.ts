import { z } from 'zod';
import { dollarsToCents } from '../money';
import { consumptionHistory } from '../usage/reads';
import { type Bill, type BillInput, BillInputError } from './bill';
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

const AMOUNT = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Dollars written with at most two decimals, as cents, exactly (decimal.js beyond 13 digits). */
function amountCents(text: string): number {
  const m = AMOUNT.exec(text);
  if (!m) return dollarsToCents(text);
  const cents = Number(m[2]) * 100 + (m[3] ? Number(m[3].padEnd(2, '0')) : 0);
  return m[1] && cents !== 0 ? -cents : cents;
}

/** `CODE=12.34` read by hand: the code upper-cased and the cents, or null for anything else. */
function plainBilledLine(part: string): [string, number] | null {
  const eq = part.indexOf('=');
  if (eq <= 0 || eq === part.length - 1) return null;
  for (let i = 0; i < eq; i++) {
    const c = part.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!ok) return null;
  }
  let i = eq + 1;
  const negative = part.charCodeAt(i) === 45;
  if (negative) i++;
  let dollars = 0;
  let digits = 0;
  for (; i < part.length && digits <= 13; i++, digits++) {
    const c = part.charCodeAt(i);
    if (c < 48 || c > 57) break;
    dollars = dollars * 10 + (c - 48);
  }
  if (digits === 0 || digits > 13) return null;
  let cents = dollars * 100;
  if (i < part.length) {
    if (part.charCodeAt(i) !== 46) return null;
    const places = part.length - i - 1;
    if (places < 1 || places > 2) return null;
    for (let k = 1; k <= places; k++) {
      const c = part.charCodeAt(i + k);
      if (c < 48 || c > 57) return null;
      cents += (c - 48) * (k === 1 ? 10 : 1);
    }
  }
  return [part.slice(0, eq).toUpperCase(), negative && cents !== 0 ? -cents : cents];
}

function parseBilledLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const plain = plainBilledLine(part);
    if (plain) {
      out.set(plain[0], (out.get(plain[0]) ?? 0) + plain[1]);
      continue;
    }
    const m = /^([A-Za-z0-9_]+)\s*=\s*(-?\d+(\.\d{1,2})?)$/.exec(part);
    if (!m) throw new Error(`billed line "${part}" is not CODE=amount`);
    const code = m[1].toUpperCase();
    out.set(code, (out.get(code) ?? 0) + amountCents(m[2]));
  }
  return out;
}

type Row = z.output<typeof row>;
const NUMBER_CELLS = [
  'usage',
  'prev_read',
  'curr_read',
  'dials',
  'multiplier',
  'household',
  'irrigated_sqft',
  'et',
  'impervious_sqft',
] as const;
const TEXT_CELLS = [
  'utility',
  'class',
  'meter_size',
  'period_from',
  'period_to',
  'unit',
  'municipality',
  'season',
  'heating',
  'billed_total',
] as const;

/** The same as `row.safeParse` for a row of good cells; null where zod must say what is wrong. */
function quickRow(record: Record<string, string>): Row | null {
  const account = (record.account ?? '').trim();
  if (account === '') return null;
  const out = { account, billed_lines: record.billed_lines ?? '' } as Row;
  for (const key of TEXT_CELLS) out[key] = (record[key] ?? '').trim();
  for (const key of NUMBER_CELLS) {
    const cell = record[key];
    if (cell === undefined) continue;
    const t = cell.trim();
    if (t === '') {
      out[key] = undefined;
      continue;
    }
    const n = Number(t);
    if (!Number.isFinite(n)) return null;
    out[key] = n;
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
  let r = quickRow(record);
  if (!r) {
    const parsed = row.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { line, account, ok: false, error: `${issue.path.join('.')}: ${issue.message}` };
    }
    r = parsed.data;
  }
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
    const input: BillInput = { class: r.class || 'residential', usage };
    if (r.meter_size) input.meterSize = r.meter_size;
    if (r.unit) input.unit = r.unit as never;
    if (r.period_from && r.period_to) input.period = { from: r.period_from, to: r.period_to };
    if (r.municipality) input.municipality = r.municipality;
    if (r.season) input.season = r.season.toLowerCase() as never;
    if (r.heating) input.heating = r.heating.toLowerCase() as never;
    if (r.household !== undefined) input.householdSize = r.household;
    if (r.irrigated_sqft !== undefined) input.irrigatedSqft = r.irrigated_sqft;
    if (r.et !== undefined) input.etInches = r.et;
    if (r.impervious_sqft !== undefined) input.imperviousSqft = r.impervious_sqft;
    const bill = computeBill(profile, input);
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
      const total = amountCents(r.billed_total);
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

/** An audit's summary before any row. */
export function emptyAuditSummary(): AuditSummary {
  return {
    rows: 0,
    audited: 0,
    clean: 0,
    withDiscrepancies: 0,
    badRows: 0,
    byKind: {
      amount: { count: 0, cents: 0 },
      missing: { count: 0, cents: 0 },
      extra: { count: 0, cents: 0 },
      total: { count: 0, cents: 0 },
    },
    netDifferenceCents: 0,
  };
}

/** Counts one row into a summary (integer cents: exact while sums stay below 2^53). */
export function addToAuditSummary(summary: AuditSummary, r: AuditRow): void {
  summary.rows++;
  if (!r.ok) {
    summary.badRows++;
    return;
  }
  summary.audited++;
  if (r.discrepancies.length === 0) summary.clean++;
  else summary.withDiscrepancies++;
  for (const d of r.discrepancies) {
    summary.byKind[d.kind].count++;
    summary.byKind[d.kind].cents += d.differenceCents;
    if (d.kind === 'total') summary.netDifferenceCents += d.differenceCents;
  }
}

/** Adds one part's summary (a block of rows audited apart) into another. */
export function mergeAuditSummary(into: AuditSummary, part: AuditSummary): void {
  into.rows += part.rows;
  into.audited += part.audited;
  into.clean += part.clean;
  into.withDiscrepancies += part.withDiscrepancies;
  into.badRows += part.badRows;
  for (const kind of Object.keys(into.byKind) as DiscrepancyKind[]) {
    into.byKind[kind].count += part.byKind[kind].count;
    into.byKind[kind].cents += part.byKind[kind].cents;
  }
  into.netDifferenceCents += part.netDifferenceCents;
}

export function summarizeAudit(rows: AuditRow[]): AuditSummary {
  const summary = emptyAuditSummary();
  for (const r of rows) addToAuditSummary(summary, r);
  return summary;
}

/** What an audit reports of a row that is bad or billed wrong (a clean row reports nothing). */
export type AuditFinding =
  | {
      line: number;
      account: string;
      computedTotalCents: number;
      discrepancies: Discrepancy[];
    }
  | { line: number; account: string; error: string };

/** The finding of a row, or null when it was billed right. */
export function findingOf(r: AuditRow): AuditFinding | null {
  if (!r.ok) return { line: r.line, account: r.account, error: r.error };
  if (r.discrepancies.length === 0) return null;
  return {
    line: r.line,
    account: r.account,
    computedTotalCents: r.bill.totalCents,
    discrepancies: r.discrepancies,
  };
}
