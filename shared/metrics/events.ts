import { z } from 'zod';
import { agentStates, chosenStates } from '../telephony/types';

import { directiveReasons } from './settings';

export { type DirectiveReason, directiveReasons } from './settings';

const id = z.string().min(1).max(120);
const agentId = z.string().min(1).max(80);
const callId = z.string().min(1).max(160);
/** The language of a caller or an agent's skill. */
export const language = z.enum(['en', 'es']);
/** A length of time in milliseconds (up to a week). */
export const durationMs = z
  .number()
  .int()
  .nonnegative()
  .max(7 * 24 * 3600_000);
/** Epoch milliseconds of when it happened, as the reporting side's clock saw it. */
export const epochMs = z.number().int().min(0).max(8_640_000_000_000);

const base = { id, at: epochMs };

/**
 * What happens on the floor, as the hub records it: agents' state changes, calls entering a
 * queue, answered, abandoned, ended and wrapped up, and a lead directing an agent's state.
 * Everything the board and the interval reports show is computed from these.
 */
export const floorEvent = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('agent.state'),
    agentId,
    name: z.string().max(120),
    team: z.string().max(60),
    languages: z.array(language).max(2),
    state: z.enum(agentStates),
    reasonCode: z.string().max(60).nullable(),
  }),
  z.object({
    ...base,
    kind: z.literal('call.queued'),
    callId,
    queue: z.string().max(60),
    language,
  }),
  /** The caller hung up while waiting. */
  z.object({ ...base, kind: z.literal('call.abandoned'), callId }),
  /**
   * The call left the queue neither answered nor abandoned (sent elsewhere: Amazon Connect's
   * "removed from queue"): offered, but in neither term of the service level.
   */
  z.object({ ...base, kind: z.literal('call.removed'), callId }),
  z.object({
    ...base,
    kind: z.literal('call.answered'),
    callId,
    agentId,
    /** Given by the desktop for a call the hub did not see enter a queue. */
    queue: z.string().max(60).nullable(),
    language: language.nullable(),
    offeredAt: epochMs.nullable(),
  }),
  z.object({
    ...base,
    kind: z.literal('call.ended'),
    callId,
    agentId,
    talkMs: durationMs,
    holdMs: durationMs,
  }),
  z.object({
    ...base,
    kind: z.literal('call.wrapped'),
    callId,
    agentId,
    wrapUpMs: durationMs,
    code: z.string().max(60),
  }),
  z.object({
    ...base,
    kind: z.literal('agent.directed'),
    agentId,
    state: z.enum(chosenStates),
    /** The new state's reason code, from the team's codes (null for Available and Offline). */
    reasonCode: z.string().min(1).max(60).nullable(),
    /** Why the lead changed it (the audit's answer). */
    why: z.enum(directiveReasons),
    by: agentId,
    byName: z.string().max(120),
  }),
]);
export type FloorEvent = z.infer<typeof floorEvent>;
export type FloorEventKind = FloorEvent['kind'];
export type FloorEventOf<K extends FloorEventKind> = Extract<FloorEvent, { kind: K }>;
