import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  ROUTE_FILE_MAGIC,
  ROUTE_FILE_VERSION,
  type RouteFileColumn,
  type RouteLineProblem,
  routeFileColumns,
} from '../../shared/usage/routes';

/** A meter's line as the download writes it. */
export type RouteFileLine = Record<RouteFileColumn, string | number | null>;

/** The route file for a day (the format of shared/usage/routes). */
export function writeRouteFile(routeId: string, date: string, lines: RouteFileLine[]): string {
  return stringify([
    [ROUTE_FILE_MAGIC, ROUTE_FILE_VERSION, routeId, date, lines.length],
    [...routeFileColumns],
    ...lines.map((l) => routeFileColumns.map((c) => l[c] ?? '')),
  ]);
}

/** A file that is not a route file at all: refused whole, before any line is read. */
export class NotARouteFile extends Error {
  constructor(
    readonly reasonKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reasonKey);
  }
}

export interface ParsedRouteFile {
  routeId: string;
  date: string;
  expectedLines: number;
  /** Each meter's line by its column, with its line number in the file (1 is the first line). */
  lines: { line: number; values: Record<RouteFileColumn, string> }[];
  /** Lines that could not be read as a meter's line at all. */
  problems: RouteLineProblem[];
}

/**
 * Reads a route file back. The first two lines must be the file's and the columns' (else the
 * file is refused whole); after them, a line with the wrong number of fields is reported with
 * its number and the rest are read on.
 */
export function parseRouteFile(text: string): ParsedRouteFile {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new NotARouteFile('cis:route.file.unreadable', { line });
  }
  const head = rows[0]?.record;
  const columns = rows[1]?.record;
  const body = rows.slice(2);
  if (!head || head[0] !== ROUTE_FILE_MAGIC) throw new NotARouteFile('cis:route.file.notRoute');
  if (head[1] !== ROUTE_FILE_VERSION)
    throw new NotARouteFile('cis:route.file.version', { version: head[1] ?? '' });
  const expectedLines = Number(head[4]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(head[3] ?? '') || !Number.isInteger(expectedLines))
    throw new NotARouteFile('cis:route.file.notRoute');
  if (!columns || columns.join(',') !== routeFileColumns.join(','))
    throw new NotARouteFile('cis:route.file.columns', { expected: routeFileColumns.join(',') });
  const lines: ParsedRouteFile['lines'] = [];
  const problems: RouteLineProblem[] = [];
  for (const { record: row, info } of body) {
    const line = info.lines;
    if (row.length !== routeFileColumns.length) {
      problems.push({
        line,
        meterId: row[1] ?? null,
        reasonKey: 'cis:route.line.columns',
        params: { found: row.length, expected: routeFileColumns.length },
      });
      continue;
    }
    const values = Object.fromEntries(routeFileColumns.map((c, j) => [c, row[j]])) as Record<
      RouteFileColumn,
      string
    >;
    lines.push({ line, values });
  }
  return { routeId: head[2], date: head[3], expectedLines, lines, problems };
}
