import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../../shared/cis';
import { accountNumber } from '../../shared/cis/commands/fields';
import { MAX_PAYMENT_CENTS } from '../../shared/cis/commands/payments';
import { applyCommand, auditRejection, failedCommand, isTransient, Rejection } from '../commands';
import type { Db } from '../db/database';
import { twilioLib } from './twilio-lib';

/** The pieces of a card the caller keys, one at a time, in the order Twilio's docs list them. */
export const CARD_ITEMS = [
  'payment-card-number',
  'expiration-date',
  'security-code',
  'postal-code',
] as const;
export type CardItem = (typeof CARD_ITEMS)[number];

/**
 * Twilio's Payments subresource of a call (agent-assisted payments): a capture session started on
 * the caller's leg, each item asked for in turn, then completed (Twilio sends the card to the Pay
 * Connector) or cancelled. Every request carries an idempotency key and the status callback URL.
 * The digits go from the caller's keypad to Twilio and the processor, never to this server.
 */
export interface CardPaymentsRest {
  create(
    callSid: string,
    o: { idempotencyKey: string; statusCallback: string; chargeAmount: number; currency: 'usd' },
  ): Promise<{ sid: string }>;
  update(
    callSid: string,
    paymentSid: string,
    o: { idempotencyKey: string; statusCallback: string } & (
      | { capture: CardItem }
      | { status: 'complete' | 'cancel' }
    ),
  ): Promise<void>;
}

export function twilioCardPayments(
  accountSid: string,
  apiKey: string,
  apiSecret: string,
  /** Another address for Twilio's REST API (a test's fake server); Twilio's own by default. */
  apiBase?: string,
): CardPaymentsRest {
  const twilio = twilioLib();
  let httpClient: InstanceType<typeof twilio.RequestClient> | undefined;
  if (apiBase) {
    const real = new twilio.RequestClient();
    httpClient = Object.assign(Object.create(real), {
      request: (opts: Parameters<typeof real.request>[0]) =>
        real.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, apiBase) }),
    });
  }
  const client = twilio(apiKey, apiSecret, { accountSid, httpClient });
  return {
    async create(callSid, o) {
      const p = await client.calls(callSid).payments.create({
        idempotencyKey: o.idempotencyKey,
        statusCallback: o.statusCallback,
        paymentMethod: 'credit-card',
        chargeAmount: o.chargeAmount,
        currency: o.currency,
        postalCode: true,
        securityCode: true,
      });
      return { sid: p.sid };
    },
    async update(callSid, paymentSid, o) {
      await client.calls(callSid).payments(paymentSid).update(o);
    },
  };
}

/** What the desk may know of a capture: only what Twilio's status callback reports. */
export const captureView = z
  .object({
    id: z.string(),
    paymentSid: z.string(),
    accountNumber: z.string(),
    amountCents: z.number().int(),
    /** The item the caller is keying now, or null between items. */
    capturing: z.enum(CARD_ITEMS).nullable(),
    /** Items Twilio still needs. */
    required: z.array(z.enum(CARD_ITEMS)),
    /** The card number as Twilio masks it (the last four at most). */
    maskedCard: z.string().nullable(),
    /** Twilio's ErrorType for the last item keyed (invalid-card-number, invalid-date, ...). */
    error: z.string().nullable(),
    status: z.enum(['capturing', 'processing', 'approved', 'declined', 'cancelled']),
    /** Twilio's Result on completion (success, payment-connector-error, ...). */
    result: z.string().nullable(),
    confirmation: z.string().nullable(),
    receiptNumber: z.string().nullable(),
    /** Why the approved payment could not be posted (a refusal's key), or null. */
    postError: z.string().nullable(),
  })
  .strict();
export type CaptureView = z.infer<typeof captureView>;

interface Capture extends CaptureView {
  callSid: string;
  principal: Principal;
}

export const startCaptureBody = z
  .object({
    accountNumber,
    amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
  })
  .strict();
export const captureStepBody = z
  .object({ capture: z.enum(CARD_ITEMS) })
  .strict()
  .or(z.object({ status: z.enum(['complete', 'cancel']) }).strict());

/**
 * A masked number as Twilio reports it ("xxxx-xxxx-xxxx-1111"): kept only if no more than its
 * last four digits show, so a callback carrying a whole number never reaches the desk or memory.
 */
export function maskedOnly(text: string | undefined): string | null {
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length <= 4 && /^[xX*•\-\s\d]{4,32}$/.test(text) ? text : null;
}

const itemsOf = (text: string | undefined): CardItem[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is CardItem => (CARD_ITEMS as readonly string[]).includes(s));

/**
 * The card captures of this server's calls, held in memory while the call lasts: started by the
 * agent who has the call, moved by Twilio's signed status callbacks, and, approved, posted as a
 * `postPayment` under that agent (tender card: the processor's confirmation and the last four).
 */
export function cardCaptures(o: {
  db: Db;
  rest: CardPaymentsRest;
  /** The public address Twilio calls back (the signature covers it). */
  publicUrl: string;
  now: () => Date;
  today: () => import('../../shared/dates').PlainDate;
}) {
  const captures = new Map<string, Capture>();
  const callbackUrl = (id: string) => `${o.publicUrl}/twilio/payments?capture=${id}`;
  const view = (c: Capture): CaptureView => {
    const { callSid: _c, principal: _p, ...v } = c;
    return captureView.parse(v);
  };

  const post = async (c: Capture) => {
    const last4 = c.maskedCard?.replace(/\D/g, '').slice(-4);
    const command = {
      type: 'postPayment' as const,
      accountNumber: c.accountNumber,
      amountCents: c.amountCents,
      tender: {
        kind: 'card' as const,
        processorConfirmation: c.confirmation!,
        ...(last4 && last4.length === 4 ? { last4 } : {}),
      },
      channel: 'phone' as const,
    };
    try {
      const result = await o.db.transaction((tx) =>
        applyCommand({ tx, principal: c.principal, now: o.now(), today: o.today() }, command),
      );
      c.receiptNumber = (result as { receiptNumber: string }).receiptNumber;
    } catch (err) {
      if (isTransient(err)) throw err;
      const refusal = err instanceof Rejection ? err : failedCommand(err);
      await auditRejection(o.db, c.principal, command, refusal);
      c.postError = refusal.reasonKey;
    }
  };

  return {
    async start(callSid: string, principal: Principal, body: z.infer<typeof startCaptureBody>) {
      const id = randomUUID();
      const { sid } = await o.rest.create(callSid, {
        idempotencyKey: `${id}-start`,
        statusCallback: callbackUrl(id),
        chargeAmount: body.amountCents / 100,
        currency: 'usd',
      });
      const c: Capture = {
        id,
        paymentSid: sid,
        callSid,
        principal,
        accountNumber: body.accountNumber,
        amountCents: body.amountCents,
        capturing: null,
        required: [...CARD_ITEMS],
        maskedCard: null,
        error: null,
        status: 'capturing',
        result: null,
        confirmation: null,
        receiptNumber: null,
        postError: null,
      };
      captures.set(id, c);
      return view(c);
    },
    /** The capture, if it is this agent's. */
    mine(id: string, principal: Principal): Capture | 'forbidden' | null {
      const c = captures.get(id);
      if (!c) return null;
      return c.principal.userId === principal.userId ? c : 'forbidden';
    },
    view,
    async step(c: Capture, body: z.infer<typeof captureStepBody>) {
      const n = randomUUID();
      if ('capture' in body) {
        c.error = null;
        await o.rest.update(c.callSid, c.paymentSid, {
          idempotencyKey: `${c.id}-${n}`,
          statusCallback: callbackUrl(c.id),
          capture: body.capture,
        });
        c.capturing = body.capture;
      } else {
        if (body.status === 'complete') c.status = 'processing';
        await o.rest.update(c.callSid, c.paymentSid, {
          idempotencyKey: `${c.id}-${n}`,
          statusCallback: callbackUrl(c.id),
          status: body.status,
        });
        if (body.status === 'cancel') c.status = 'cancelled';
      }
      return view(c);
    },
    /** Twilio's status callback (its signature already checked): what the desk will see. */
    async callback(id: string, params: Record<string, string>) {
      const c = captures.get(id);
      if (!c || params.Sid !== c.paymentSid) return false;
      if (params.Capture && (CARD_ITEMS as readonly string[]).includes(params.Capture))
        c.capturing = params.Capture as CardItem;
      if (params.Required !== undefined) c.required = itemsOf(params.Required);
      const masked = maskedOnly(params.PaymentCardNumber);
      if (masked) c.maskedCard = masked;
      c.error = params.ErrorType || null;
      if (params.Result) {
        c.result = params.Result;
        c.capturing = null;
        if (
          params.Result === 'success' &&
          params.PaymentConfirmationCode &&
          c.status !== 'approved'
        ) {
          c.confirmation = params.PaymentConfirmationCode;
          c.status = 'approved';
          await post(c);
        } else if (params.Result !== 'success' && c.status !== 'cancelled') {
          c.status = 'declined';
        }
      }
      return true;
    },
  };
}
export type CardCaptures = ReturnType<typeof cardCaptures>;
