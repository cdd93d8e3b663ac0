import { randomBytes } from 'node:crypto';
import type Decimal from 'decimal.js';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isoDay } from '../../shared/cis/entities';
import type { PlainDate } from '../../shared/dates';
import { Dec } from '../../shared/money';
import { consumptionHistory, estimateUsage, type MeterRead } from '../../shared/usage';
import { billExceptionCodes } from '../../shared/usage/bill-review';
import {
  buildRouteRequest,
  routeId,
  routeProgress,
  routeSummary,
  routeUploadReport,
} from '../../shared/usage/routes';
import { type ReadWindow, registerPlaces } from '../../shared/usage/validate-read';
import type { Auth } from '../auth/sessions';
import { buildReviewQueue } from '../bills/review-queue';
import { billReviewSettingsOf } from '../bills/settings';
import { readWindowOf } from '../commands/handlers/reads';
import type { Db } from '../db/database';
import { json, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import { NotARouteFile, type RouteFileLine, writeRouteFile } from './route-file';
import { historiesOf, runOf, type Stop, stopsOf } from './stops';
import { uploadRouteReads } from './upload';

export interface ReadsPluginOptions {
  db: Db;
  auth: Auth;
  now: () => Date;
  today: () => PlainDate;
}

/** The largest route file taken: an AMR drive-by of 25,000 meters at about 150 bytes, with room. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_STOPS = 25_000;

/** The registers a reader should find: the window around the use expected since the last read. */
function expectedRegisters(stop: Stop, history: MeterRead[], date: string, window: ReadWindow) {
  const last = history.at(-1);
  if (!last || last.date >= date) return { last, low: null, high: null };
  const expected = estimateUsage(consumptionHistory(stop.meter, history), {
    from: last.date,
    to: date,
  });
  if (!expected) return { last, low: null, high: null };
  const capacity = 10 ** stop.meter.dials;
  const places = registerPlaces(history);
  const register = (ratio: string, rounding: Decimal.Rounding) =>
    new Dec(last.value)
      .plus(
        expected.usage
          .times(ratio)
          .dividedBy(stop.meter.multiplier)
          .toDecimalPlaces(places, rounding),
      )
      .mod(capacity)
      .toNumber();
  return {
    last,
    low: register(window.lowRatio, Dec.ROUND_UP),
    high: register(window.highRatio, Dec.ROUND_DOWN),
  };
}

/**
 * Routes (books) of meters: a lead builds one, a reader downloads a day's file for a handheld or
 * an AMR drive-by, uploads it back, and the desk follows the day's progress. The file's format is
 * shared/usage/routes; each read is checked as one typed at the desk.
 */
export const readsPlugin: FastifyPluginAsync<ReadsPluginOptions> = async (app, options) => {
  const { db, now, today } = options;
  const route = routeHelper(app, { auth: options.auth });
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: MAX_FILE_BYTES },
    (_req, body, done) => done(null, body),
  );

  route({
    method: 'POST',
    url: '/routes',
    summary: 'Build a route from a municipality’s active meters or a list of meters',
    tags: ['reads'],
    access: 'lead',
    body: buildRouteRequest,
    responses: {
      201: json('The route built', routeSummary),
      409: refusal('A route of that name exists for the utility'),
      422: refusal('No meter, an unknown meter, or more than the most a route takes'),
    },
    handler: async ({ body, principal, answer }) => {
      const { rows } = body.meterIds
        ? await db.query<{ id: string }>(
            `select m.id from unnest($2::text[]) with ordinality as w(id, n)
               join meters m on m.id = w.id join accounts a on a.number = m.account_number
              where a.utility_id = $1 order by w.n`,
            [body.utilityId, body.meterIds],
          )
        : await db.query<{ id: string }>(
            `select m.id from meters m join accounts a on a.number = m.account_number
               join premises p on p.id = a.premise_id
              where a.utility_id = $1 and p.municipality = $2 and a.status = 'active'
              order by p.address->>'line1', m.id limit $3`,
            [body.utilityId, body.municipality, MAX_STOPS + 1],
          );
      const unknown = body.meterIds?.find((id) => !rows.some((r) => r.id === id));
      if (unknown)
        return answer(422, { error: 'unknown_meter', message: `no meter ${unknown} here` });
      if (rows.length === 0 || rows.length > MAX_STOPS)
        return answer(422, {
          error: rows.length ? 'too_many_meters' : 'no_meters',
          message: rows.length ? `a route takes at most ${MAX_STOPS} meters` : 'no meter matches',
        });
      const id = `R-${randomBytes(4).toString('hex')}`;
      try {
        await db.transaction(async (tx) => {
          await tx.query(
            'insert into routes (id, utility_id, name, created_by, created_at) values ($1, $2, $3, $4, $5)',
            [id, body.utilityId, body.name, principal.userId, now()],
          );
          await tx.query(
            `insert into route_stops (route_id, sequence, meter_id)
             select $1, n, id from unnest($2::text[]) with ordinality as u(id, n)`,
            [id, rows.map((r) => r.id)],
          );
          await tx.query(
            "insert into audit (user_id, action, account_number, details) values ($1, 'routeBuilt', null, $2)",
            [
              principal.userId,
              JSON.stringify({ routeId: id, name: body.name, stops: rows.length }),
            ],
          );
        });
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
        return answer(409, { error: 'route_exists', message: `a route ${body.name} exists` });
      }
      return answer(201, { id, utilityId: body.utilityId, name: body.name, stops: rows.length });
    },
  });

  route({
    method: 'GET',
    url: '/routes',
    summary: 'The routes of a utility',
    tags: ['reads'],
    access: 'agent',
    query: z.object({ utilityId: z.string().min(1).max(60) }).strict(),
    responses: { 200: json('The routes', z.object({ routes: z.array(routeSummary) }).strict()) },
    handler: async ({ query }) => {
      const { rows } = await db.query<{
        id: string;
        utility_id: string;
        name: string;
        stops: number;
      }>(
        `select r.id, r.utility_id, r.name, (select count(*)::int from route_stops s where s.route_id = r.id) as stops
           from routes r where r.utility_id = $1 order by r.name`,
        [query.utilityId],
      );
      return {
        routes: rows.map((r) => ({
          id: r.id,
          utilityId: r.utility_id,
          name: r.name,
          stops: r.stops,
        })),
      };
    },
  });

  const runParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a bill run id') }).strict();
  const reviewItem = z
    .object({
      draftId: z.string(),
      accountNumber: z.string(),
      periodFrom: isoDay,
      periodTo: isoDay,
      usage: z.string(),
      expectedUsage: z.string().nullable(),
      unit: z.string(),
      estimated: z.boolean(),
      totalCents: z.number().int(),
      exceptions: z.array(z.enum(billExceptionCodes)),
      status: z.enum(['review', 'held']),
      decisionReason: z.string().nullable(),
    })
    .strict();

  route({
    method: 'POST',
    url: '/bill-runs/:id/review',
    summary: 'Checks a bill run’s new drafts against the utility’s thresholds (one statement)',
    tags: ['reads'],
    access: 'lead',
    params: runParams,
    responses: {
      200: json(
        'How many wait for review and how many are clear',
        z.object({ review: z.number().int(), clear: z.number().int() }).strict(),
      ),
      404: refusal('No such bill run'),
    },
    handler: async ({ params, principal, answer }) => {
      const { rows } = await db.query<{ utility_id: string }>(
        'select utility_id from bill_runs where id::text = $1',
        [params.id],
      );
      if (!rows[0]) return answer(404, { error: 'not_found', message: 'no such bill run' });
      return db.transaction(async (tx) => {
        const counts = await buildReviewQueue(
          tx,
          Number(params.id),
          await billReviewSettingsOf(tx, rows[0].utility_id),
        );
        await tx.query(
          "insert into audit (user_id, action, account_number, details) values ($1, 'billRunChecked', null, $2)",
          [principal.userId, JSON.stringify({ runId: params.id, ...counts })],
        );
        return counts;
      });
    },
  });

  route({
    method: 'GET',
    url: '/bill-runs/:id/review',
    summary: 'The bills of a run waiting for a reviewer (and those held), 200 at a time',
    tags: ['reads'],
    access: 'lead',
    params: runParams,
    query: z
      .object({
        after: z
          .string()
          .regex(/^\d{1,18}$/)
          .optional(),
      })
      .strict(),
    responses: { 200: json('The queue', z.object({ items: z.array(reviewItem) }).strict()) },
    handler: async ({ params, query }) => {
      const { rows } = await db.query<{
        id: string;
        account_number: string;
        period_from: string;
        period_to: string;
        usage: string;
        expected_usage: string | null;
        unit: string;
        estimated: boolean;
        total_cents: string;
        exceptions: string[];
        status: 'review' | 'held';
        decision_reason: string | null;
      }>(
        `select id::text, account_number, to_char(period_from, 'YYYY-MM-DD') as period_from,
                to_char(period_to, 'YYYY-MM-DD') as period_to, usage::text, expected_usage::text, unit,
                estimated, total_cents::text, exceptions, status, decision_reason
           from bill_drafts where run_id = $1::bigint and status in ('review', 'held') and bill_drafts.id > $2::bigint
          order by bill_drafts.id limit 200`,
        [params.id, query.after ?? '0'],
      );
      return {
        items: rows.map((r) => ({
          draftId: r.id,
          accountNumber: r.account_number,
          periodFrom: r.period_from,
          periodTo: r.period_to,
          usage: r.usage,
          expectedUsage: r.expected_usage,
          unit: r.unit,
          estimated: r.estimated,
          totalCents: Number(r.total_cents),
          exceptions: r.exceptions as (typeof billExceptionCodes)[number][],
          status: r.status,
          decisionReason: r.decision_reason,
        })),
      };
    },
  });

  const day = z.object({ id: routeId, date: isoDay }).strict();

  route({
    method: 'GET',
    url: '/routes/:id/days/:date/file',
    summary: 'The route file of a day, for a handheld or an AMR drive-by (CSV)',
    tags: ['reads'],
    access: 'agent',
    params: day,
    responses: {
      200: { description: 'The route file', content: { 'text/csv': z.string() } },
      404: refusal('No such route'),
    },
    handler: async ({ params, principal, reply, answer }) => {
      const stops = await stopsOf(db, params.id);
      if (stops.size === 0) return answer(404, { error: 'not_found', message: 'no such route' });
      await runOf(db, params.id, params.date, principal.userId);
      const histories = await historiesOf(db, [...stops.keys()]);
      const lines: RouteFileLine[] = [...stops.values()].map((stop) => {
        const history = (histories.get(stop.meterId) ?? []).filter((r) => r.date < params.date);
        const e = expectedRegisters(stop, history, params.date, readWindowOf(stop.utilityId));
        return {
          sequence: stop.sequence,
          meter_id: stop.meterId,
          account_number: stop.accountNumber,
          address: stop.address,
          location_note: stop.locationNote,
          dials: stop.meter.dials,
          previous_date: e.last?.date ?? null,
          previous_read: e.last?.value ?? null,
          low_read: e.low,
          high_read: e.high,
          read: null,
          read_date: null,
          trouble_code: null,
          reader: null,
          note: null,
        };
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="route-${params.id}-${params.date}.csv"`,
        )
        .send(writeRouteFile(params.id, params.date, lines));
    },
  });

  route({
    method: 'POST',
    url: '/routes/:id/reads',
    summary: 'Upload a route file of reads: each line checked, bad lines reported, none lost',
    tags: ['reads'],
    access: 'agent',
    params: z.object({ id: routeId }).strict(),
    query: z.object({ source: z.enum(['handheld', 'amr']).default('handheld') }).strict(),
    body: z.string().max(MAX_FILE_BYTES),
    bodyType: 'text/csv',
    responses: {
      200: json('What each line did', routeUploadReport),
      422: json(
        'Not a route file of this route: nothing was taken',
        z.object({ error: z.string(), message: z.string(), reasonKey: z.string() }).strict(),
      ),
    },
    handler: async ({ params, query, body, principal, answer }) => {
      try {
        return await uploadRouteReads(
          { db, principal, now: now(), today: today(), source: query.source },
          params.id,
          body,
        );
      } catch (err) {
        if (!(err instanceof NotARouteFile)) throw err;
        return answer(422, {
          error: 'not_a_route_file',
          message: `${err.reasonKey} ${JSON.stringify(err.params)}`,
          reasonKey: err.reasonKey,
        });
      }
    },
  });

  route({
    method: 'GET',
    url: '/routes/:id/days/:date',
    summary: 'How far a route’s day has gone: read, exceptions, skipped with their codes, left',
    tags: ['reads'],
    access: 'agent',
    params: day,
    responses: { 200: json('The day’s progress', routeProgress), 404: refusal('No such route') },
    handler: async ({ params, answer }) => {
      const { rows } = await db.query<{ stops: number; run: string | null }>(
        `select (select count(*)::int from route_stops where route_id = $1) as stops,
                (select id from route_runs where route_id = $1 and read_on = $2) as run`,
        [params.id, params.date],
      );
      const { stops, run } = rows[0];
      if (stops === 0) return answer(404, { error: 'not_found', message: 'no such route' });
      const counts = run
        ? (
            await db.query<{ read: number; exceptions: number }>(
              `select count(*) filter (where status = 'posted')::int as read,
                      count(*) filter (where status = 'exception')::int as exceptions
                 from reads where route_run_id = $1`,
              [run],
            )
          ).rows[0]
        : { read: 0, exceptions: 0 };
      const skipped = run
        ? (
            await db.query<{ meter_id: string; trouble_code: string }>(
              `select k.meter_id, k.trouble_code from route_skips k
                where k.run_id = $1 and not exists (
                  select 1 from reads r where r.route_run_id = k.run_id and r.meter_id = k.meter_id)
                order by k.meter_id`,
              [run],
            )
          ).rows.map((r) => ({ meterId: r.meter_id, troubleCode: r.trouble_code }))
        : [];
      return {
        routeId: params.id,
        date: params.date,
        stops,
        read: counts.read,
        exceptions: counts.exceptions,
        skipped,
        remaining: Math.max(0, stops - counts.read - counts.exceptions - skipped.length),
      };
    },
  });
};
