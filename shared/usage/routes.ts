import { z } from 'zod';
import { isoDay } from '../cis/entities';

/**
 * A route file: what a reader's handheld or an AMR drive-by system takes out and brings back.
 * CSV, UTF-8, one line a meter. Its first line names the file, its format's version, the route,
 * the day and how many meters follow; its second line names the columns; the reader fills
 * `read`, `read_date` (the route's day when empty), `trouble_code`, `reader` and `note` (a reason
 * for a read outside the window) and sends the whole file back.
 */
export const ROUTE_FILE_MAGIC = 'TAPLINE-ROUTE';
export const ROUTE_FILE_VERSION = '1';
export const routeFileColumns = [
  'sequence',
  'meter_id',
  'account_number',
  'address',
  'location_note',
  'dials',
  'previous_date',
  'previous_read',
  'low_read',
  'high_read',
  'read',
  'read_date',
  'trouble_code',
  'reader',
  'note',
] as const;
export type RouteFileColumn = (typeof routeFileColumns)[number];

export const routeId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a route id');

export const buildRouteRequest = z
  .object({
    utilityId: z.string().min(1).max(60),
    name: z.string().trim().min(1).max(60),
    /** Every active meter of the municipality, in the order of the service address… */
    municipality: z.string().min(1).max(80).optional(),
    /** …or these meters, in this order. */
    meterIds: z.array(z.string().min(1).max(40)).min(1).max(25_000).optional(),
  })
  .strict()
  .refine((r) => (r.municipality === undefined) !== (r.meterIds === undefined), {
    message: 'name a municipality or the meters, not both',
    path: ['municipality'],
  });

export const routeSummary = z
  .object({ id: routeId, utilityId: z.string(), name: z.string(), stops: z.number().int() })
  .strict();
export type RouteSummary = z.infer<typeof routeSummary>;

/** One line of an uploaded file that was not taken, with why (an i18n key and its values). */
export const routeLineProblem = z
  .object({
    line: z.number().int().positive(),
    meterId: z.string().nullable(),
    reasonKey: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  })
  .strict();
export type RouteLineProblem = z.infer<typeof routeLineProblem>;

/** What an upload did, line by line: nothing is lost at a bad line. */
export const routeUploadReport = z
  .object({
    routeId,
    date: isoDay,
    lines: z.number().int().nonnegative(),
    posted: z.number().int().nonnegative(),
    exceptions: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    notRead: z.number().int().nonnegative(),
    problems: z.array(routeLineProblem),
    /** The count the file's first line gave, when it differs from its lines (a cut file). */
    expectedLines: z.number().int().nullable(),
  })
  .strict();
export type RouteUploadReport = z.infer<typeof routeUploadReport>;

/** A route's day: how far the reading has gone. */
export const routeProgress = z
  .object({
    routeId,
    date: isoDay,
    stops: z.number().int(),
    read: z.number().int(),
    exceptions: z.number().int(),
    skipped: z.array(z.object({ meterId: z.string(), troubleCode: z.string() }).strict()),
    remaining: z.number().int(),
  })
  .strict();
export type RouteProgress = z.infer<typeof routeProgress>;
