import { stringify } from 'csv-stringify/sync';
import { resources } from '../../shared/i18n';
import type { IntervalReport, IntervalRow } from '../../shared/metrics';

const columns = [
  'date',
  'interval',
  'group',
  'offered',
  'answered',
  'abandoned',
  'shortAbandons',
  'serviceLevel',
  'asa',
  'aht',
  'abandonRate',
  'handled',
] as const;

const oneDecimal = (n: number | null) => (n === null ? '' : (Math.round(n * 10) / 10).toFixed(1));

/**
 * The report as CSV for a spreadsheet: headers in the lead's language, numbers machine-readable
 * (a point for decimals, seconds and percents), an empty cell where a figure has no calls to
 * stand on, a date on each interval's line (a report may cover several days), the range's
 * totals last.
 */
export function intervalReportCsv(
  report: IntervalReport,
  names: Record<string, string>,
  lang: 'en' | 'es',
): string {
  const head = resources[lang].board.report.columns;
  // By agent, offered and abandoned are the queues' figures: left empty rather than misread.
  const queueOnly = <T>(value: T) => (report.by === 'agent' ? '' : value);
  const { total: day, totalRange } = resources[lang].board.report;
  const total = report.from === report.to ? day : totalRange;
  const line = (r: IntervalRow) => [
    r.date,
    r.label || total,
    names[r.group] ?? r.group,
    queueOnly(r.offered),
    r.answered,
    queueOnly(r.abandoned),
    queueOnly(r.shortAbandons),
    oneDecimal(r.serviceLevel === null ? null : r.serviceLevel * 100),
    oneDecimal(r.asaMs === null ? null : r.asaMs / 1000),
    oneDecimal(r.ahtMs === null ? null : r.ahtMs / 1000),
    queueOnly(oneDecimal(r.abandonRate === null ? null : r.abandonRate * 100)),
    r.handled,
  ];
  return stringify([
    columns.map((c) => head[c]),
    ...report.rows.map(line),
    ...report.totals.map(line),
  ]);
}
