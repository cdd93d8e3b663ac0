import { z } from 'zod';
import { agentStates, chosenStates } from '../telephony/types';
import type { Floor } from './floor';

const n = z.number();
const language = z.enum(['en', 'es']);

const tally = z.object({
  offered: n,
  answered: n,
  answeredWithin: n,
  abandoned: n,
  abandonedAfter: n,
  shortAbandons: n,
  removed: n,
  waitMs: n,
  handled: n,
  talkMs: n,
  holdMs: n,
  wrapUpMs: n,
});

/** The floor as it travels from the hub (validated where it enters a desktop). */
export const floorSchema = z.object({
  timeZone: z.string(),
  day: z.object({ date: z.string(), start: n, end: n }),
  queueSettings: z.record(
    z.string(),
    z.object({
      id: z.string(),
      language,
      thresholdSeconds: n,
      targetPercent: n,
      shortAbandonSeconds: n,
    }),
  ),
  agents: z.record(
    z.string(),
    z.object({
      id: z.string(),
      name: z.string(),
      team: z.string(),
      languages: z.array(language),
      state: z.enum(agentStates),
      reasonCode: z.string().nullable(),
      since: n,
      call: z
        .object({
          callId: z.string(),
          queue: z.string(),
          language,
          answeredAt: n,
          talkMs: n,
          holdMs: n,
        })
        .nullable(),
      tally,
      handlingMs: n,
      readyMs: n,
      pending: z
        .object({
          state: z.enum(chosenStates),
          reasonCode: z.string().nullable(),
          why: z.string(),
          by: z.string(),
          byName: z.string(),
          at: n,
        })
        .nullable(),
    }),
  ),
  calls: z.record(
    z.string(),
    z.object({
      callId: z.string(),
      queue: z.string(),
      language,
      queuedAt: n,
      answeredAt: n.nullable(),
      agentId: z.string().nullable(),
      endedAt: n.nullable(),
      talkMs: n,
      holdMs: n,
    }),
  ),
  queues: z.record(z.string(), tally),
  teams: z.record(z.string(), tally),
}) satisfies z.ZodType<Floor>;
