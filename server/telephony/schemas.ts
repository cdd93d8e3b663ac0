import { z } from 'zod';
import { callReasons } from '../../shared/telephony/call-reasons';
import { refusal } from '../http/answers';

/** A Twilio webhook's form: every parameter is a string (CallSid, From, CallStatus, Digits, ...). */
export const twilioForm = z.record(z.string(), z.string()).default({});

/**
 * The menu's choice comes in the form, or in the query when the menu timed out; the IVR's reason
 * for the call, when an IVR in front asked it, comes as `reason` (a TaskRouter task attribute).
 */
export const voiceQuery = z.object({
  Digits: z.string().optional(),
  reason: z.enum(callReasons).optional(),
});

/** Which leg of which caller's call a status callback is about, as the status URL says. */
export const statusQuery = z.object({
  leg: z.enum(['agent', 'consult', 'transfer', 'conference']).optional(),
  call: z.string().optional(),
});

export const availabilityBody = z
  .object({ available: z.boolean(), ringSeconds: z.number().int().min(5).max(120).optional() })
  .strict();

/** The CallSid of the agent's leg: what the desk knows its call by. */
export const callParams = z.object({ sid: z.string() });
export const outcomeParams = callParams.extend({ outcome: z.enum(['complete', 'cancel']) });

export const holdBody = z.object({ hold: z.boolean() }).strict();

export const transferBody = z
  .object({
    kind: z.enum(['agent', 'queue', 'number']),
    to: z.string().min(1).max(60),
    warm: z.boolean(),
  })
  .strict();

export const accessToken = z.object({
  token: z.string(),
  identity: z.string(),
  ttlSeconds: z.number().int(),
});

export const done = z.object({ ok: z.literal(true) });
export const transferred = z.object({ ok: z.literal(true), warm: z.boolean() });

export const notConfigured = refusal('Twilio is not configured on this server');
/** The answers of a route about the agent's own call. */
export const callAnswers = {
  403: refusal('The call was given to another agent'),
  404: refusal('No conference for this call'),
  503: notConfigured,
};

export const twiml = (description: string) => ({
  description,
  content: { 'text/xml': z.string() },
});
