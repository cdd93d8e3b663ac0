import { z } from 'zod';
import { agentReport, boardSettings, hubSharing } from '../../hub/protocol';
import { directiveReasons, floorEvent } from '../../metrics/events';
import { floorSchema } from '../../metrics/floor-schema';
import { chosenStates } from '../../telephony/types';
import { channel } from '../define';

/** The desktop's link to the hub: connecting, open, or closed (signed out, or the hub is away). */
export const hubConnection = z.enum(['connecting', 'open', 'closed']);

export const hubStatus = z.object({ connection: hubConnection, sharing: hubSharing });
export type HubStatusView = z.infer<typeof hubStatus>;

/** The lead's board from the hub: the floor, the goals it is judged by, and an ordering number. */
export const boardSnapshot = z.object({
  seq: z.number().int(),
  floor: floorSchema.nullable(),
  settings: boardSettings,
  status: hubStatus,
});
export type BoardSnapshotView = z.infer<typeof boardSnapshot>;

const tallyFigures = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  shortAbandons: z.number(),
  serviceLevel: z.number().nullable(),
  asaMs: z.number().nullable(),
  ahtMs: z.number().nullable(),
  abandonRate: z.number().nullable(),
  handled: z.number(),
  avgTalkMs: z.number().nullable(),
  avgWrapUpMs: z.number().nullable(),
});
const intervalRow = tallyFigures.extend({
  date: z.string(),
  label: z.string(),
  start: z.number(),
  end: z.number(),
  group: z.string(),
});
export const intervalReportView = z.object({
  report: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
    by: z.enum(['queue', 'agent']),
    groups: z.array(z.string()),
    rows: z.array(intervalRow),
    totals: z.array(intervalRow),
    overall: z.array(intervalRow),
  }),
  names: z.record(z.string(), z.string()),
});
export type IntervalReportView = z.infer<typeof intervalReportView>;

/** A day, or a range of days: `from` to `to`, both included. */
const reportRequest = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
    by: z.enum(['queue', 'agent']),
  })
  .strict();

export const hubChannels = {
  /** What the agent's desk did (derived from the softphone's desk in the renderer). */
  'hub.report': channel(
    z.object({ reports: z.array(agentReport).min(1).max(50) }).strict(),
    z.object({ waiting: z.number().int() }),
    ['agent'],
  ),
  'hub.status': channel(z.object({}).strict(), hubStatus, ['agent']),
  /** The lead's board: the picture now; then `hub.events` and `hub.snapshot` keep it live. */
  'hub.subscribe': channel(z.object({}).strict(), boardSnapshot, ['lead']),
  'hub.unsubscribe': channel(z.object({}).strict(), z.object({ ok: z.boolean() }), ['lead']),
  /** A lead changes an agent's state, with a reason: the agent's desktop applies it. */
  'hub.direct': channel(
    z
      .object({
        agentId: z.string().min(1).max(80),
        state: z.enum(chosenStates),
        reasonCode: z.string().min(1).max(60).nullable(),
        why: z.enum(directiveReasons),
      })
      .strict(),
    z.object({ ok: z.boolean() }),
    ['lead'],
  ),
  'hub.intervals': channel(reportRequest, intervalReportView, ['lead']),
  'hub.intervalsCsv': channel(
    reportRequest.extend({ lang: z.enum(['en', 'es']) }).strict(),
    z.object({ fileName: z.string(), csv: z.string() }),
    ['lead'],
  ),
} as const;

export const hubEvents = {
  'hub.status': hubStatus,
  'hub.snapshot': boardSnapshot,
  'hub.events': z.object({ seq: z.number().int(), events: z.array(floorEvent) }),
  /** To the agent's desktop: a lead changed the agent's state. */
  'hub.directive': z.object({
    state: z.enum(chosenStates),
    reasonCode: z.string().nullable(),
    why: z.string(),
    by: z.string(),
    byName: z.string(),
    at: z.number(),
  }),
} as const;
