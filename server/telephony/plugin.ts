import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { z } from 'zod';
import { type Principal, phoneDigits } from '../../shared/cis';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { type AgentDirectory, memoryDirectory } from './directory';
import { type TelephonyRest, twilioRest } from './rest';

export interface TelephonyConfig {
  accountSid?: string;
  apiKey?: string;
  apiSecret?: string;
  twimlAppSid?: string;
  authToken?: string;
  /** The public base URL Twilio calls (the signature covers it): TAPLINE_PUBLIC_URL. */
  publicUrl?: string;
  /** The number transfers and warm consults call from. */
  callerId?: string;
  tokenTtlSeconds?: number;
}

export function telephonyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TelephonyConfig {
  return {
    accountSid: env.TWILIO_ACCOUNT_SID,
    apiKey: env.TWILIO_API_KEY,
    apiSecret: env.TWILIO_API_SECRET,
    twimlAppSid: env.TWILIO_TWIML_APP_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    publicUrl: env.TAPLINE_PUBLIC_URL,
    callerId: env.TWILIO_CALLER_ID,
    tokenTtlSeconds: env.TWILIO_TOKEN_TTL ? Number(env.TWILIO_TOKEN_TTL) : undefined,
  };
}

export interface TelephonyOptions {
  db: Db;
  auth: Auth;
  config?: TelephonyConfig;
  directory?: AgentDirectory;
  rest?: TelephonyRest;
  /** Call status events as Twilio reports them (for the team lead's hub). */
  onStatus?: (event: Record<string, string>) => void;
  /** A caller routed to a language queue by the voice webhook (for the team lead's hub). */
  onQueued?: (call: { callSid: string; queue: string; language: 'en' | 'es' }) => void;
}

const QUEUE = { en: 'english', es: 'spanish' } as const;
const GREETING = {
  en: 'Thank you for calling. Please hold for the next available representative.',
  es: 'Gracias por llamar. Por favor, espere al próximo representante disponible.',
} as const;

/**
 * Twilio Voice for the desk: access tokens for signed-in agents, the voice webhook that routes a
 * caller to an available agent who speaks their language, call status, and hold and transfer
 * through conferences. Every webhook is refused with 403 unless Twilio's signature (over
 * TAPLINE_PUBLIC_URL + the path and the form parameters) checks out.
 */
export const telephonyPlugin: FastifyPluginAsync<TelephonyOptions> = async (app, options) => {
  const config = options.config ?? telephonyConfigFromEnv();
  const directory = options.directory ?? memoryDirectory();
  /** The agent's leg of each routed call → its conference and the caller's leg (for hold and transfer). */
  const legs = new Map<string, { conference: string; callerSid: string }>();
  const rest =
    options.rest ??
    (config.accountSid && config.apiKey && config.apiSecret
      ? twilioRest(config.accountSid, config.apiKey, config.apiSecret)
      : null);

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  const principalOf = async (
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Principal | null> => {
    const header = req.headers.authorization ?? '';
    const p = await options.auth.verify(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (!p) await reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    return p;
  };

  /** Twilio's signature, or 403 and nothing else happens. */
  const signed = async (
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Record<string, string> | null> => {
    if (!config.authToken || !config.publicUrl) {
      await reply.code(503).send({
        error: 'telephony_not_configured',
        message: 'TWILIO_AUTH_TOKEN and TAPLINE_PUBLIC_URL are required',
      });
      return null;
    }
    const signature = req.headers['x-twilio-signature'];
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<
      string,
      string
    >;
    const url = `${config.publicUrl.replace(/\/$/, '')}${req.url}`;
    if (
      typeof signature !== 'string' ||
      !twilio.validateRequest(config.authToken, signature, url, params)
    ) {
      await reply.code(403).send({ error: 'forbidden', message: 'bad signature' });
      return null;
    }
    return params;
  };

  app.post('/twilio/token', async (req, reply) => {
    const p = await principalOf(req, reply);
    if (!p) return;
    if (!config.accountSid || !config.apiKey || !config.apiSecret || !config.twimlAppSid) {
      return reply.code(503).send({
        error: 'telephony_not_configured',
        message:
          'TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET and TWILIO_TWIML_APP_SID are required',
      });
    }
    const ttl = Math.min(config.tokenTtlSeconds ?? 3600, 24 * 3600);
    const token = new twilio.jwt.AccessToken(config.accountSid, config.apiKey, config.apiSecret, {
      identity: p.userId,
      ttl,
    });
    token.addGrant(
      new twilio.jwt.AccessToken.VoiceGrant({
        outgoingApplicationSid: config.twimlAppSid,
        incomingAllow: true,
      }),
    );
    return { token: token.toJwt(), identity: p.userId, ttlSeconds: ttl };
  });

  app.post('/telephony/availability', async (req, reply) => {
    const p = await principalOf(req, reply);
    if (!p) return;
    const body = z.object({ available: z.boolean() }).strict().safeParse(req.body);
    if (!body.success)
      return reply
        .code(400)
        .send({ error: 'bad_request', field: 'available', message: body.error.issues[0].message });
    directory.report(
      { userId: p.userId, name: p.name, languages: p.languages },
      body.data.available,
      Date.now(),
    );
    return { ok: true };
  });

  app.post('/twilio/voice', async (req, reply) => {
    const params = await signed(req, reply);
    if (!params) return;
    const language = await callerLanguage(options.db, params.From ?? '', params.Digits);
    if (params.CallSid)
      options.onQueued?.({ callSid: params.CallSid, queue: QUEUE[language], language });
    const response = new twilio.twiml.VoiceResponse();
    const agent = directory.pick(language);
    if (agent && rest && params.CallSid) {
      // The caller waits in a conference named for the call and the agent's softphone is added to
      // it: a conference is what lets the call be held and transferred later.
      const conference = `call-${params.CallSid}`;
      response.dial().conference(
        {
          startConferenceOnEnter: false,
          endConferenceOnExit: true,
          statusCallback: `${config.publicUrl}/twilio/status`,
        },
        conference,
      );
      const callerSid = params.CallSid;
      rest
        .addParticipant(conference, `client:${agent.userId}`, params.To ?? config.callerId ?? '')
        .then(({ callSid }) => legs.set(callSid, { conference, callerSid }))
        .catch((err) => app.log.warn({ err }, 'agent not added to the conference'));
    } else if (agent) {
      const dial = response.dial({ callerId: params.To });
      dial.client(
        {
          statusCallback: `${config.publicUrl}/twilio/status`,
          statusCallbackEvent: ['answered', 'completed'],
        },
        agent.userId,
      );
    } else {
      response.say({ language: language === 'es' ? 'es-MX' : 'en-US' }, GREETING[language]);
      response.enqueue({}, QUEUE[language]);
    }
    return reply.type('text/xml').send(response.toString());
  });

  app.post('/twilio/status', async (req, reply) => {
    const params = await signed(req, reply);
    if (!params) return;
    options.onStatus?.(params);
    return reply.code(204).send();
  });

  const holdBody = z.object({ hold: z.boolean() }).strict();
  const transferBody = z
    .object({
      kind: z.enum(['agent', 'queue', 'number']),
      to: z.string().min(1).max(60),
      warm: z.boolean(),
    })
    .strict();
  const badRequest = (reply: FastifyReply, issue: z.core.$ZodIssue) =>
    reply.code(400).send({
      error: 'bad_request',
      field: String(issue.path[0] ?? '(body)'),
      message: issue.message,
    });

  app.post('/telephony/calls/:sid/hold', async (req, reply) => {
    const p = await principalOf(req, reply);
    if (!p) return;
    if (!rest)
      return reply
        .code(503)
        .send({ error: 'telephony_not_configured', message: 'Twilio credentials are required' });
    const body = holdBody.safeParse(req.body);
    if (!body.success) return badRequest(reply, body.error.issues[0]);
    const leg = legs.get((req.params as { sid: string }).sid);
    if (!leg)
      return reply.code(404).send({ error: 'not_found', message: 'no conference for this call' });
    // Holding the call is holding the caller's leg: they hear the hold music, the agent is free.
    await rest.holdParticipant(leg.conference, leg.callerSid, body.data.hold);
    return { ok: true };
  });

  app.post('/telephony/calls/:sid/transfer', async (req, reply) => {
    const p = await principalOf(req, reply);
    if (!p) return;
    if (!rest)
      return reply
        .code(503)
        .send({ error: 'telephony_not_configured', message: 'Twilio credentials are required' });
    const body = transferBody.safeParse(req.body);
    if (!body.success) return badRequest(reply, body.error.issues[0]);
    const { kind, to, warm } = body.data;
    if (kind === 'number' && !/^\+?[0-9]{10,15}$/.test(to))
      return reply.code(400).send({ error: 'bad_request', field: 'to', message: 'a phone number' });
    const leg = legs.get((req.params as { sid: string }).sid);
    if (!leg)
      return reply.code(404).send({ error: 'not_found', message: 'no conference for this call' });
    const target = kind === 'agent' ? `client:${to}` : kind === 'queue' ? `queue:${to}` : to;
    try {
      if (warm) {
        // Warm: the target joins the conference; the agent stays until they hand over.
        const added = await rest.addParticipant(leg.conference, target, config.callerId ?? '');
        return { ok: true, warm: true, consultCallSid: added.callSid };
      }
      const response = new twilio.twiml.VoiceResponse();
      if (kind === 'queue') response.enqueue({}, to);
      else {
        const dial = response.dial({ timeout: 20 });
        if (kind === 'agent') dial.client(to);
        else dial.number(to);
      }
      await rest.redirect(leg.callerSid, response.toString());
      return { ok: true, warm: false };
    } catch (err) {
      // The transfer failed: the call stays with the agent, who is told.
      return reply.code(502).send({ error: 'transfer_failed', message: (err as Error).message });
    }
  });
};

/** The caller's language: what they chose in the menu, else their account's preference, else English. */
async function callerLanguage(db: Db, from: string, digits?: string): Promise<'en' | 'es'> {
  if (digits === '2') return 'es';
  if (digits === '1') return 'en';
  const d = phoneDigits(from);
  if (d.length < 7) return 'en';
  const { rows } = await db.query<{ preferred_language: 'en' | 'es' }>(
    'select c.preferred_language from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id where p.digits = $1 limit 1',
    [d],
  );
  return rows[0]?.preferred_language ?? 'en';
}
