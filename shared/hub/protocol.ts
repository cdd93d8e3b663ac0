import { z } from 'zod';
import { containsCardNumber } from '../cis/cards';
import { roles } from '../ipc/roles';
import {
  epochMs as at,
  directiveReasons,
  floorEvent,
  language,
  durationMs as ms,
} from '../metrics/events';
import {
  agentStates,
  type ChosenState,
  chosenStates,
  type StateWithReason,
  statesWithReasons,
  type TeamSettings,
  TWILIO_CALL_SID,
} from '../telephony/types';

/**
 * The hub's WebSocket protocol (server/hub ↔ electron/services/hub). JSON text frames, one
 * message each, validated on arrival on both sides. The desktop authenticates the upgrade with
 * its CIS session token (Authorization: Bearer); who the agent is comes from the token, never
 * from a message.
 */
export const HUB_PATH = '/hub';
export const HUB_MAX_MESSAGE_BYTES = 64 * 1024;

const reportId = z.string().min(8).max(64);
/** A code a desktop sends (a reason, a wrap-up code): never a card number, however written. */
const code = (min: number) =>
  z
    .string()
    .min(min)
    .max(60)
    .refine((s) => !containsCardNumber(s), 'a card number');
const callId = z.string().min(1).max(120);
/**
 * The caller's own call, when the desk's call is the agent's leg of it: Twilio's CallSid of the
 * caller's leg (the server passes it to the agent's softphone). The hub counts the call under it,
 * whichever of the desktop and Twilio's status callback tells it first, on any instance.
 */
export const networkCallId = z.string().regex(TWILIO_CALL_SID, 'a Twilio CallSid');

/** What a desktop reports about its agent and its calls. */
export const agentReport = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('state'),
    id: reportId,
    at,
    state: z.enum(agentStates),
    reasonCode: code(0).nullable(),
  }),
  z.object({
    kind: z.literal('answered'),
    id: reportId,
    at,
    callId,
    networkCallId: networkCallId.optional(),
    language: language.nullable(),
    offeredAt: at.nullable(),
  }),
  z.object({
    kind: z.literal('ended'),
    id: reportId,
    at,
    callId,
    networkCallId: networkCallId.optional(),
    talkMs: ms,
    holdMs: ms,
  }),
  z.object({
    kind: z.literal('wrapped'),
    id: reportId,
    at,
    callId,
    networkCallId: networkCallId.optional(),
    wrapUpMs: ms,
    code: code(1),
  }),
  /** The training simulator's calls: they enter the desktop's own queue and ring at once. */
  z.object({ kind: z.literal('queued'), id: reportId, at, callId, language }),
  z.object({ kind: z.literal('abandoned'), id: reportId, at, callId }),
  /**
   * Declined or missed at the desktop (a call of the desktop's own queue, the simulator's): it
   * left the queue neither answered nor abandoned.
   */
  z.object({ kind: z.literal('removed'), id: reportId, at, callId }),
]);
export type AgentReport = z.infer<typeof agentReport>;

export const hubClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report'), reports: z.array(agentReport).min(1).max(200) }).strict(),
  z.object({ type: z.literal('subscribe') }).strict(),
  z.object({ type: z.literal('unsubscribe') }).strict(),
  z
    .object({
      type: z.literal('direct'),
      ref: z.number().int().nonnegative(),
      agentId: z.string().min(1).max(80),
      state: z.enum(chosenStates),
      reasonCode: code(1).nullable(),
      why: z.enum(directiveReasons),
    })
    .strict(),
]);
export type HubClientMessage = z.infer<typeof hubClientMessage>;

/** How the instance shares the floor: alone, through NATS, or cut off from its peers. */
export const hubSharing = z.enum(['single', 'shared', 'degraded']);
export type HubSharing = z.infer<typeof hubSharing>;

const agentState = z.enum(agentStates);

export const boardSettings = z.object({
  goals: z.object({ talkSeconds: z.number(), holdSeconds: z.number(), wrapUpSeconds: z.number() }),
  longStateSeconds: z.partialRecord(agentState, z.number()),
});

export const hubServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    instance: z.string(),
    userId: z.string(),
    role: z.enum(roles),
    sharing: hubSharing,
  }),
  /** The reports stored, by id: the desktop forgets them (until then it resends). */
  z.object({ type: z.literal('ack'), ids: z.array(z.string()) }),
  z.object({
    type: z.literal('snapshot'),
    /** The floor (shared/metrics Floor), as JSON. */
    floor: z.unknown(),
    settings: boardSettings,
    sharing: hubSharing,
  }),
  z.object({ type: z.literal('events'), events: z.array(floorEvent) }),
  z.object({ type: z.literal('status'), sharing: hubSharing }),
  z.object({
    type: z.literal('directive'),
    state: z.enum(chosenStates),
    reasonCode: z.string().nullable(),
    why: z.string(),
    by: z.string(),
    byName: z.string(),
    at,
  }),
  z.object({ type: z.literal('directed'), ref: z.number().int() }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    messageKey: z.string(),
    ref: z.number().int().optional(),
    details: z.unknown().optional(),
  }),
]);
export type HubServerMessage = z.infer<typeof hubServerMessage>;

/**
 * A directive's reason code fits the new state as the team defines it (shared/telephony
 * TeamSettings.reasonCodes): one of the state's codes for Not ready, Break, Lunch, Training and
 * Meeting; none for Available and Offline. The agent's desk would refuse anything else.
 */
export function reasonCodeFits(
  state: ChosenState,
  reasonCode: string | null,
  team: Pick<TeamSettings, 'reasonCodes'>,
): boolean {
  if (!(statesWithReasons as readonly string[]).includes(state)) return reasonCode === null;
  return reasonCode !== null && team.reasonCodes[state as StateWithReason].includes(reasonCode);
}
