import { z } from 'zod';
import { instant } from '../../cis/entities';
import { callReasons } from '../../telephony/call-reasons';
import { farEndReplies, qualityWarnings } from '../../telephony/port';
import { channel } from '../define';
import { outboxItem } from './account';

const seconds = z
  .number()
  .int()
  .positive()
  .max(24 * 3600);
const codes = z.array(z.string().regex(/^[a-z0-9-]{1,60}$/)).max(50);

/** A team's goals and rules; the desk's state machine reads them (shared/telephony). */
export const teamSettings = z
  .object({
    goals: z
      .object({ talkSeconds: seconds, holdSeconds: seconds, wrapUpSeconds: seconds })
      .strict(),
    warnAt: z.number().gt(0).lt(1),
    wrapUpLimitSeconds: seconds,
    afterWrapUp: z.enum(['available', 'not-ready']),
    ringSeconds: z.number().int().min(5).max(120),
    wrapUpCodes: codes.min(1),
    timeoutWrapUpCode: z.string().regex(/^[a-z0-9-]{1,60}$/),
    reasonCodes: z
      .object({
        'not-ready': codes,
        break: codes,
        lunch: codes,
        training: codes,
        meeting: codes,
      })
      .strict(),
  })
  .strict();

export const softphoneConfig = z.object({
  mode: z.enum(['simulator', 'twilio']),
  team: teamSettings,
  simulator: z.object({ callsPerHour: z.number(), failingTransferSuffix: z.string() }),
  /** Twilio's edges in order of preference, for the Voice SDK's edge fallback. */
  twilio: z.object({ edges: z.array(z.string()) }),
});
export type SoftphoneConfigView = z.infer<typeof softphoneConfig>;

const caller = z.object({
  from: z.string(),
  language: z.enum(['en', 'es']).optional(),
  reason: z.string().optional(),
});

export const softphoneEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('registered') }),
  z.object({ type: z.literal('unregistered') }),
  z.object({ type: z.literal('incoming'), callId: z.string(), caller }),
  z.object({ type: z.literal('accepted'), callId: z.string() }),
  z.object({ type: z.literal('ended'), callId: z.string(), by: z.enum(['agent', 'caller']) }),
  z.object({
    type: z.literal('transfer'),
    callId: z.string(),
    outcome: z.enum(['started', 'failed', 'completed']),
    target: z.string(),
  }),
  z.object({
    type: z.literal('quality'),
    callId: z.string(),
    warning: z.enum(qualityWarnings),
    active: z.boolean(),
  }),
  z.object({ type: z.literal('muted'), callId: z.string(), muted: z.boolean() }),
  z.object({ type: z.literal('digits'), callId: z.string(), digits: z.string() }),
  z.object({
    type: z.literal('far-end'),
    callId: z.string(),
    reply: z.enum(farEndReplies),
    entry: z.string(),
  }),
  z.object({ type: z.literal('error'), messageKey: z.string(), details: z.unknown().optional() }),
]);

const callId = z.string().min(1).max(80);

export const softphoneChannels = {
  'softphone.config': channel(z.object({}).strict(), softphoneConfig, ['agent']),
  'softphone.simulator.configure': channel(
    z.object({ callsPerHour: z.number().min(0).max(600) }).strict(),
    softphoneConfig,
    ['agent'],
  ),
  'softphone.simulator.ring': channel(
    z
      .object({
        /** The caller of this account (a trainer's or a test's pick); unset: a random customer. */
        accountNumber: z.string().max(20).optional(),
        /** Why they call; unset: a reason that fits their account. */
        reason: z.enum(callReasons).optional(),
      })
      .strict(),
    z.object({ callId: z.string().nullable() }),
    ['agent'],
  ),
  /** The simulator's side of the Softphone port (Twilio's runs in the renderer). */
  'softphone.command': channel(
    z.discriminatedUnion('action', [
      z
        .object({
          action: z.enum([
            'accept',
            'reject',
            'hangup',
            'hold',
            'resume',
            'mute',
            'unmute',
            'transfer-complete',
            'transfer-cancel',
          ]),
          callId,
        })
        .strict(),
      z
        .object({
          action: z.literal('transfer'),
          callId,
          target: z.string().min(1).max(60),
          warm: z.boolean().default(false),
        })
        .strict(),
      z
        .object({
          action: z.literal('digits'),
          callId,
          digits: z.string().regex(/^[0-9*#]{1,32}$/),
        })
        .strict(),
    ]),
    z.object({ ok: z.boolean() }),
    ['agent'],
  ),
  'softphone.twilio.hold': channel(
    z.object({ callSid: callId, hold: z.boolean() }).strict(),
    z.object({ ok: z.boolean() }),
    ['agent'],
  ),
  'softphone.twilio.transfer': channel(
    z
      .object({
        callSid: callId,
        kind: z.enum(['agent', 'queue', 'number']),
        to: z.string().min(1).max(60),
        warm: z.boolean(),
      })
      .strict(),
    z.object({ ok: z.boolean() }),
    ['agent'],
  ),
  /** Ends a warm transfer in Twilio mode: hand the caller over, or keep them. */
  'softphone.twilio.transferOutcome': channel(
    z.object({ callSid: callId, outcome: z.enum(['complete', 'cancel']) }).strict(),
    z.object({ ok: z.boolean() }),
    ['agent'],
  ),
  /** Tells the router whether this agent can take a call (Twilio mode). */
  'softphone.availability': channel(
    z.object({ available: z.boolean() }).strict(),
    z.object({ ok: z.boolean() }),
    ['agent'],
  ),
  'softphone.twilioToken': channel(
    z.object({}).strict(),
    z.object({ token: z.string(), identity: z.string(), ttlSeconds: z.number() }),
    ['agent'],
  ),
  /** A finished call, recorded as an interaction through the outbox (works offline). */
  'interaction.record': channel(
    z
      .object({
        accountNumber: z.string().max(20).nullable(),
        reason: z.string().min(1).max(60),
        wrapUpCode: z.string().min(1).max(60),
        startedAt: instant,
        answeredAt: instant.nullable(),
        endedAt: instant,
        talkSeconds: z.number().int().nonnegative(),
        holdSeconds: z.number().int().nonnegative(),
        wrapUpSeconds: z.number().int().nonnegative(),
        language: z.enum(['en', 'es']),
        notes: z.string().max(8000),
      })
      .strict(),
    outboxItem,
    ['agent'],
  ),
} as const;

export const softphoneEvents = {
  'softphone.event': softphoneEvent,
} as const;
