import { cardNumberIn, type Principal } from '../../shared/cis';
import { type ReadTroubleCode, readTroubleCodes } from '../../shared/cis/commands/reads';
import type { PlainDate } from '../../shared/dates';
import type { MeterRead } from '../../shared/usage';
import type { RouteLineProblem, RouteUploadReport } from '../../shared/usage/routes';
import { validateRead } from '../../shared/usage/validate-read';
import { appendChanges } from '../commands';
import { readWindowOf } from '../commands/handlers/reads';
import type { Db } from '../db/database';
import { NotARouteFile, parseRouteFile } from './route-file';
import { historiesOf, readsOfRun, runOf, type Stop, stopsOf } from './stops';

export interface UploadContext {
  db: Db;
  principal: Principal;
  now: Date;
  today: PlainDate;
  source: 'handheld' | 'amr';
}

interface Posting {
  meterId: string;
  accountNumber: string;
  date: string;
  value: number;
  status: 'posted' | 'exception';
  reader: string | null;
  troubleCode: string | null;
  reason: string | null;
  findings: string;
}

const READ = /^\d{1,10}(\.\d{1,3})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CHUNK = 2000;

/**
 * A route file's reads, back from the handheld or the AMR system: each line checked as a read
 * typed at the desk is (shared/usage validateRead against the meter's posted history, with the
 * reader's note as the reason), in one transaction with the route's accounts locked. A bad line
 * is reported with its number and reason and the others are taken; a stop the reader could not
 * read is kept with its trouble code. One audit row says who uploaded what.
 */
export async function uploadRouteReads(
  ctx: UploadContext,
  routeId: string,
  text: string,
): Promise<RouteUploadReport> {
  const file = parseRouteFile(text);
  if (file.routeId !== routeId)
    throw new NotARouteFile('cis:route.file.otherRoute', { routeId: file.routeId });
  return ctx.db.transaction(async (tx) => {
    const stops = await stopsOf(tx, routeId);
    if (stops.size === 0) throw new NotARouteFile('cis:route.file.noSuchRoute', { routeId });
    const accounts = [...new Set([...stops.values()].map((s) => s.accountNumber))].sort();
    await tx.query(
      'select 1 from accounts where number = any($1::text[]) order by number for update',
      [accounts],
    );
    const runId = await runOf(tx, routeId, file.date, ctx.principal.userId);
    const histories = await historiesOf(tx, [...stops.keys()]);
    const taken = await readsOfRun(tx, runId);
    const report: RouteUploadReport = {
      routeId,
      date: file.date,
      lines: file.lines.length + file.problems.length,
      posted: 0,
      exceptions: 0,
      skipped: 0,
      notRead: 0,
      problems: [...file.problems],
      expectedLines:
        file.expectedLines === file.lines.length + file.problems.length ? null : file.expectedLines,
    };
    const postings: Posting[] = [];
    const skips: { meterId: string; code: string; note: string }[] = [];
    const seen = new Set<string>();
    for (const { line, values } of file.lines) {
      const problem = (reasonKey: string, params: RouteLineProblem['params'] = {}) =>
        report.problems.push({ line, meterId: values.meter_id || null, reasonKey, params });
      const stop = stops.get(values.meter_id);
      if (!stop) {
        problem('cis:route.line.unknownMeter');
        continue;
      }
      if (seen.has(stop.meterId)) {
        problem('cis:route.line.duplicate');
        continue;
      }
      seen.add(stop.meterId);
      if (taken.has(stop.meterId)) {
        problem('cis:route.line.alreadyRead');
        continue;
      }
      const trouble = values.trouble_code;
      if (trouble && !readTroubleCodes.includes(trouble as ReadTroubleCode)) {
        problem('cis:route.line.troubleCode', { code: trouble.slice(0, 40) });
        continue;
      }
      if (values.reader.length > 60 || values.note.length > 500) {
        problem('cis:route.line.tooLong');
        continue;
      }
      if (cardNumberIn({ reader: values.reader, note: values.note })) {
        problem('cis:rejected.cardNumber');
        continue;
      }
      if (!values.read) {
        if (trouble) {
          skips.push({ meterId: stop.meterId, code: trouble, note: values.note });
          report.skipped++;
        } else report.notRead++;
        continue;
      }
      if (!READ.test(values.read)) {
        problem('cis:route.line.read', { read: values.read.slice(0, 20) });
        continue;
      }
      const date = values.read_date || file.date;
      if (!DAY.test(date) || Number.isNaN(Date.parse(date))) {
        problem('cis:route.line.date', { date: date.slice(0, 20) });
        continue;
      }
      const posting = check(ctx, stop, histories.get(stop.meterId) ?? [], {
        date,
        value: Number(values.read),
        reader: values.reader || null,
        troubleCode: trouble || null,
        note: values.note,
      });
      if ('reasonKey' in posting) {
        problem(posting.reasonKey, posting.params);
        continue;
      }
      postings.push(posting);
      if (posting.status === 'posted') report.posted++;
      else report.exceptions++;
    }
    report.problems.sort((a, b) => a.line - b.line);
    await write(tx, ctx, runId, postings, skips);
    const touched = [...new Set(postings.map((p) => p.accountNumber))];
    if (touched.length) {
      await tx.query('update accounts set version = version + 1 where number = any($1::text[])', [
        touched,
      ]);
      await appendChanges(
        tx,
        touched.map((accountNumber) => ({ accountNumber, kind: 'detail', entity: 'read' })),
      );
    }
    await tx.query(
      'insert into audit (user_id, action, account_number, details) values ($1, $2, null, $3)',
      [
        ctx.principal.userId,
        'routeReadsUploaded',
        JSON.stringify({ ...report, problems: report.problems.length, source: ctx.source }),
      ],
    );
    return report;
  });
}

function check(
  ctx: UploadContext,
  stop: Stop,
  history: MeterRead[],
  read: {
    date: string;
    value: number;
    reader: string | null;
    troubleCode: string | null;
    note: string;
  },
): Posting | { reasonKey: string; params: RouteLineProblem['params'] } {
  const v = validateRead(
    stop.meter,
    history,
    { date: read.date, value: read.value, kind: 'actual' },
    { today: ctx.today.toString(), occupied: stop.occupied, window: readWindowOf(stop.utilityId) },
  );
  const refused = v.findings.find((f) => f.severity === 'refused');
  if (refused) {
    const { code, severity: _, ...params } = refused;
    return { reasonKey: `cis:rejected.read.${code}`, params };
  }
  const reason = read.note.length >= 3 ? read.note : null;
  const status = v.needsReason && !reason ? 'exception' : 'posted';
  if (status === 'posted') history.push({ date: read.date, value: read.value, kind: 'actual' });
  return {
    meterId: stop.meterId,
    accountNumber: stop.accountNumber,
    date: read.date,
    value: read.value,
    status,
    reader: read.reader,
    troubleCode: read.troubleCode,
    reason,
    findings: JSON.stringify(v.findings),
  };
}

async function write(
  tx: Db,
  ctx: UploadContext,
  runId: number,
  postings: Posting[],
  skips: { meterId: string; code: string; note: string }[],
) {
  for (let i = 0; i < postings.length; i += CHUNK) {
    const chunk = postings.slice(i, i + CHUNK);
    const col = <K extends keyof Posting>(k: K) => chunk.map((p) => p[k]);
    await tx.query(
      `insert into reads (meter_id, account_number, read_on, value, kind, source, status, reader, trouble_code,
         reason, findings, entered_by, entered_at, route_run_id)
       select m, a, d::date, v::numeric, 'actual', $8, s, r, t, why, f::jsonb, $9, $10, $11
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $12::text[], $13::text[]) as u(m, a, d, v, s, r, t, why, f)`,
      [
        col('meterId'),
        col('accountNumber'),
        col('date'),
        chunk.map((p) => String(p.value)),
        col('status'),
        col('reader'),
        col('troubleCode'),
        ctx.source,
        ctx.principal.userId,
        ctx.now,
        runId,
        col('reason'),
        col('findings'),
      ],
    );
  }
  for (const s of skips)
    await tx.query(
      `insert into route_skips (run_id, meter_id, trouble_code, note) values ($1, $2, $3, $4)
       on conflict (run_id, meter_id) do update set trouble_code = excluded.trouble_code, note = excluded.note`,
      [runId, s.meterId, s.code, s.note],
    );
}
