import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type Principal, phoneDigits } from '../../shared/cis';
import { Temporal } from '../../shared/dates';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { json, noBody, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import {
  type CardPaymentsRest,
  captureStepBody,
  captureView,
  cardCaptures,
  startCaptureBody,
  twilioCardPayments,
} from './card-capture';
import { type AgentDirectory, memoryDirectory } from './directory';
import { type TelephonyRest, twilioRest } from './rest';
import { taskAttributes } from './routing/in-process-router';
import { type TaskRouterRouter, taskRouterRouter } from './routing/taskrouter-router';
import { taskRouterRoutes } from './routing/taskrouter-routes';
import {
  accessToken,
  availabilityBody,
  callAnswers,
  callParams,
  done,
  holdBody,
  notConfigured,
  outcomeParams,
  statusQuery,
  transferBody,
  transferred,
  twilioForm,
  twiml,
  voiceQuery,
} from './schemas';
import { twilioLib } from './twilio-lib';

export interface TelephonyConfig {
  accountSid?: string;
  apiKey?: string;
  apiSecret?: string;
  twimlAppSid?: string;
  authToken?: string;
  /** The public base URL Twilio calls (the signature covers it): TAPLINE_PUBLIC_URL. */
  publicUrl?: string;
  /** The utility's Twilio number: what transfers and consults call from. */
  callerId?: string;
  tokenTtlSeconds?: number;
  /**
   * How long a transfer target rings, and an agent's softphone when their desk has not said its
   * team's ring time (TAPLINE_RING_SECONDS; 20 s).
   */
  ringSeconds?: number;
  /**
   * Who routes callers (TAPLINE_ROUTING): `in-process` (the default: this server's memory) or
   * `taskrouter` (the utility's TaskRouter workspace, TWILIO_WORKSPACE_SID and
   * TWILIO_WORKFLOW_SID as `twilio-setup` prints them).
   */
  routing?: string;
  workspaceSid?: string;
  workflowSid?: string;
}

/**
 * Why the routing settings cannot work, or null: TaskRouter routing needs its workspace and
 * workflow, the credentials its REST API takes, and what its callbacks are signed and sent with.
 */
export function routingSettingsProblem(config: TelephonyConfig): string | null {
  const routing = config.routing ?? 'in-process';
  if (routing === 'in-process') return null;
  if (routing !== 'taskrouter')
    return `TAPLINE_ROUTING "${routing}" is not in-process or taskrouter`;
  const required: [string, string | undefined][] = [
    ['TWILIO_WORKSPACE_SID', config.workspaceSid],
    ['TWILIO_WORKFLOW_SID', config.workflowSid],
    ['TWILIO_ACCOUNT_SID', config.accountSid],
    ['TWILIO_API_KEY', config.apiKey],
    ['TWILIO_API_SECRET', config.apiSecret],
    ['TWILIO_AUTH_TOKEN', config.authToken],
    ['TAPLINE_PUBLIC_URL', config.publicUrl],
  ];
  const missing = required.filter(([, value]) => !value).map(([name]) => name);
  if (missing.length)
    return `TAPLINE_ROUTING=taskrouter needs ${missing.join(', ')} (twilio-setup prints the workspace and workflow SIDs)`;
  return null;
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
    ringSeconds: env.TAPLINE_RING_SECONDS ? Number(env.TAPLINE_RING_SECONDS) : undefined,
    routing: env.TAPLINE_ROUTING || undefined,
    workspaceSid: env.TWILIO_WORKSPACE_SID,
    workflowSid: env.TWILIO_WORKFLOW_SID,
  };
}

export interface TelephonyOptions {
  db: Db;
  auth: Auth;
  config?: TelephonyConfig;
  directory?: AgentDirectory;
  rest?: TelephonyRest;
  /** Twilio's Payments subresource (card capture on a call); built from the credentials by default. */
  cardRest?: CardPaymentsRest;
  /** Call status events as Twilio reports them (for the team lead's hub). */
  onStatus?: (event: Record<string, string>) => void;
  /** A caller routed to a language queue by the voice webhook (for the team lead's hub). */
  onQueued?: (call: { callSid: string; queue: string; language: 'en' | 'es' }) => void;
  now?: () => number;
  /** TaskRouter's HTTP client (tests pass the fake TaskRouter's); the library's own otherwise. */
  taskRouterHttpClient?: TaskRouterConfigClient;
}

type TaskRouterConfigClient = NonNullable<Parameters<typeof taskRouterRouter>[0]['httpClient']>;

type Language = 'en' | 'es';
const QUEUE: Record<Language, string> = { en: 'english', es: 'spanish' };
const SAY: Record<Language, string> = { en: 'en-US', es: 'es-MX' };
const GREETING: Record<Language, string> = {
  en: 'Thank you for calling. Please hold for the next available representative.',
  es: 'Gracias por llamar. Por favor, espere al próximo representante disponible.',
};
const MENU = {
  en: 'For English, press 1.',
  es: 'Para español, oprima 2.',
};
/** A leg that ended before anyone answered it. */
const UNANSWERED = ['no-answer', 'busy', 'failed', 'canceled'];
/**
 * An agent's leg rings this much longer than their team's ring time, so the desk counts the miss
 * and lets the call go itself (the agent goes Not ready) before Twilio gives up on the leg.
 */
export const RING_GRACE_SECONDS = 5;

/** A routed call: the caller's leg waits in a conference; agents and transfer targets join it. */
interface RoutedCall {
  callerSid: string;
  from: string;
  language: Language;
  conferenceName: string;
  conferenceSid: string | null;
  agentSid: string | null;
  /** The agent the call was given to: only they may hold or transfer it. */
  agentId: string | null;
  /** A warm transfer's target, talking with the agent while the caller is held. */
  consultSid: string | null;
}

/**
 * Twilio Voice for the desk: access tokens for signed-in agents, the voice webhook that routes a
 * caller to an available agent who speaks their language (or queues them, greeted in it), call
 * status, hold and transfer through conferences. Every webhook is refused with 403, before
 * anything else happens, unless Twilio's signature over TAPLINE_PUBLIC_URL + the path and the form
 * parameters checks out.
 */
export const telephonyPlugin: FastifyPluginAsync<TelephonyOptions> = async (app, options) => {
  const config = options.config ?? telephonyConfigFromEnv();
  const problem = routingSettingsProblem(config);
  if (problem) throw new Error(problem);
  const directory = options.directory ?? memoryDirectory();
  const now = options.now ?? Date.now;
  const base = (config.publicUrl ?? '').replace(/\/$/, '');
  const calls = new Map<string, RoutedCall>();
  /** Each agent's ring time in seconds, the team's setting as their desk reports it. */
  const ringTimes = new Map<string, number>();
  const agentRingTimeout = (agentId: string) =>
    (ringTimes.get(agentId) ?? config.ringSeconds ?? 20) + RING_GRACE_SECONDS;
  /** Callers waiting in a language queue, oldest first. */
  const waiting: { callSid: string; language: Language; from: string; since: number }[] = [];
  const rest =
    options.rest ??
    (config.accountSid && config.apiKey && config.apiSecret
      ? twilioRest(config.accountSid, config.apiKey, config.apiSecret)
      : null);
  const cardRest =
    options.cardRest ??
    (config.accountSid && config.apiKey && config.apiSecret
      ? twilioCardPayments(config.accountSid, config.apiKey, config.apiSecret)
      : null);
  const captures = cardRest
    ? cardCaptures({
        db: options.db,
        rest: cardRest,
        publicUrl: base,
        now: () => new Date(now()),
        today: () => Temporal.Now.plainDateISO(),
      })
    : null;

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  // Every webhook is refused with 403 before anything else happens unless Twilio's signature over
  // TAPLINE_PUBLIC_URL + the path and the form parameters checks out.
  const route = routeHelper(app, {
    auth: options.auth,
    twilio: { authToken: config.authToken, publicUrl: config.publicUrl },
  });

  // TaskRouter routing: the voice webhook enqueues each caller into the workflow; TaskRouter's
  // assignment callback rings the reserved agent into the caller's conference.
  let taskRouter: TaskRouterRouter | null = null;
  if (config.routing === 'taskrouter') {
    taskRouter = taskRouterRouter({
      accountSid: config.accountSid ?? '',
      apiKey: config.apiKey ?? '',
      apiSecret: config.apiSecret ?? '',
      workspaceSid: config.workspaceSid ?? '',
      workflowSid: config.workflowSid ?? '',
      callerId: config.callerId,
      ...(options.taskRouterHttpClient ? { httpClient: options.taskRouterHttpClient } : {}),
    });
    await app.register(taskRouterRoutes, {
      auth: options.auth,
      router: taskRouter,
      authToken: config.authToken,
      publicUrl: config.publicUrl,
    });
  }

  /**
   * The caller enqueued into TaskRouter's workflow, greeted in their language: Twilio makes the
   * task with these attributes (what the workflow's filters read) and holds the caller until the
   * assignment callback's conference instruction brings an agent.
   */
  const taskRouterTwiml = (attributes: Record<string, unknown>, language: Language) => {
    const response = new (twilioLib().twiml.VoiceResponse)();
    response.say({ language: SAY[language] as 'en-US' }, GREETING[language]);
    response
      .enqueue({ workflowSid: config.workflowSid ?? '' })
      .task({}, JSON.stringify(attributes));
    return response.toString();
  };

  const statusUrl = (leg: string, callerSid: string) =>
    `${base}/twilio/status?leg=${leg}&call=${encodeURIComponent(callerSid)}`;

  /**
   * The agent's softphone joins the caller's conference, told who calls, in which language, and
   * the caller's CallSid (the desk reports the call to the hub under it).
   */
  const ringAgent = async (call: RoutedCall, agentId: string) => {
    if (!rest) return;
    const query = new URLSearchParams({
      caller: call.from,
      language: call.language,
      call: call.callerSid,
    });
    const added = await rest.addParticipant(call.conferenceName, {
      to: `client:${agentId}?${query}`,
      from: config.callerId ?? '',
      timeout: agentRingTimeout(agentId),
      statusCallback: statusUrl('agent', call.callerSid),
      label: 'agent',
    });
    call.agentId = agentId;
    call.agentSid = added.callSid;
    call.conferenceSid = added.conferenceSid;
  };

  const conferenceTwiml = (call: RoutedCall) => {
    const response = new (twilioLib().twiml.VoiceResponse)();
    // The caller waits in a conference named for the call: what lets it be held and transferred.
    response.dial().conference(
      {
        startConferenceOnEnter: false,
        endConferenceOnExit: true,
        beep: 'false',
        statusCallback: statusUrl('conference', call.callerSid),
        statusCallbackEvent: ['start', 'end', 'join', 'leave'],
      },
      call.conferenceName,
    );
    return response.toString();
  };

  const queueTwiml = (language: Language, queue = QUEUE[language]) => {
    const response = new (twilioLib().twiml.VoiceResponse)();
    response.say({ language: SAY[language] as 'en-US' }, GREETING[language]);
    response.enqueue({}, queue);
    return response.toString();
  };

  /** Routes a caller to the longest-available agent with their language, else queues them. */
  const routeCaller = async (
    callerSid: string,
    from: string,
    language: Language,
  ): Promise<string> => {
    const agent = rest ? directory.pick(language) : null;
    if (!agent) {
      waiting.push({ callSid: callerSid, language, from, since: now() });
      return queueTwiml(language);
    }
    const call: RoutedCall = {
      callerSid,
      from,
      language,
      conferenceName: `call-${callerSid}`,
      conferenceSid: null,
      agentSid: null,
      agentId: null,
      consultSid: null,
    };
    calls.set(callerSid, call);
    ringAgent(call, agent.userId).catch((err) => {
      app.log.warn({ err }, 'agent not added to the conference');
      void requeue(call);
    });
    return conferenceTwiml(call);
  };

  /** The agent did not answer: the caller goes back to the front of their language's queue. */
  const requeue = async (call: RoutedCall) => {
    calls.delete(call.callerSid);
    waiting.unshift({
      callSid: call.callerSid,
      language: call.language,
      from: call.from,
      since: now(),
    });
    await rest?.redirect(call.callerSid, queueTwiml(call.language));
  };

  /** An agent became available: the longest-waiting caller who speaks one of their languages. */
  const dequeueFor = async (p: Principal) => {
    const i = waiting.findIndex((w) => p.languages.includes(w.language));
    if (i < 0 || !rest) return;
    const [w] = waiting.splice(i, 1);
    const agent = directory.pick(w.language);
    if (!agent) return;
    const call: RoutedCall = {
      callerSid: w.callSid,
      from: w.from,
      language: w.language,
      conferenceName: `call-${w.callSid}`,
      conferenceSid: null,
      agentSid: null,
      agentId: null,
      consultSid: null,
    };
    calls.set(w.callSid, call);
    await rest.redirect(w.callSid, conferenceTwiml(call));
    await ringAgent(call, agent.userId);
  };

  /** The routed call whose agent leg is this CallSid (what the desk knows its call by). */
  const byAgentLeg = (sid: string) => [...calls.values()].find((c) => c.agentSid === sid) ?? null;

  route({
    method: 'POST',
    url: '/twilio/token',
    summary: 'A Twilio Voice access token for the signed-in agent',
    tags: ['telephony'],
    access: 'agent',
    responses: {
      200: json('The token, the identity and its life in seconds', accessToken),
      503: notConfigured,
    },
    handler: async ({ principal: p, answer }) => {
      if (!config.accountSid || !config.apiKey || !config.apiSecret || !config.twimlAppSid) {
        return answer(503, {
          error: 'telephony_not_configured',
          message:
            'TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET and TWILIO_TWIML_APP_SID are required',
        });
      }
      // Twilio refuses access tokens valid for more than 24 hours.
      const ttl = Math.min(config.tokenTtlSeconds ?? 3600, 24 * 3600);
      const token = new (twilioLib().jwt.AccessToken)(
        config.accountSid,
        config.apiKey,
        config.apiSecret,
        { identity: p.userId, ttl },
      );
      token.addGrant(
        new (twilioLib().jwt.AccessToken.VoiceGrant)({
          outgoingApplicationSid: config.twimlAppSid,
          incomingAllow: true,
        }),
      );
      return { token: token.toJwt(), identity: p.userId, ttlSeconds: ttl };
    },
  });

  route({
    method: 'POST',
    url: '/telephony/availability',
    summary: 'The agent is available for calls, or not: a waiting caller is routed at once',
    tags: ['telephony'],
    access: 'agent',
    body: availabilityBody,
    responses: { 200: json('Recorded', done) },
    handler: async ({ principal: p, body }) => {
      if (body.ringSeconds !== undefined) ringTimes.set(p.userId, body.ringSeconds);
      if (taskRouter) {
        // The agent's worker is made on their first report (skills are the lead's to give, so a
        // known worker is left as it is); their activity follows the desk.
        if ((await taskRouter.activity(p.userId)) === null)
          await taskRouter.upsertWorker({
            agentId: p.userId,
            name: p.name,
            languages: p.languages,
            skills: [],
          });
        await taskRouter.setActivity(p.userId, body.available ? 'available' : 'not-ready');
        return { ok: true as const };
      }
      directory.report(
        { userId: p.userId, name: p.name, languages: p.languages },
        body.available,
        now(),
      );
      if (body.available) await dequeueFor(p);
      return { ok: true as const };
    },
  });

  route({
    method: 'POST',
    url: '/twilio/voice',
    summary: 'Twilio’s voice webhook: TwiML routing the caller to an agent with their language',
    tags: ['twilio'],
    access: 'twilio',
    query: voiceQuery,
    body: twilioForm,
    bodyType: 'application/x-www-form-urlencoded',
    responses: { 200: twiml('TwiML: the language menu, a conference with an agent, or a queue') },
    handler: async ({ body: params, query, reply }) => {
      const from = params.From ?? '';
      const digits = params.Digits ?? query.Digits;
      let language: Language | null = digits === '2' ? 'es' : digits === '1' ? 'en' : null;
      const account = await accountOf(options.db, from);
      language ??= account?.language ?? null;
      if (!language) {
        // A number the CIS does not know: ask for the language, then come back here with Digits.
        const response = new (twilioLib().twiml.VoiceResponse)();
        const gather = response.gather({
          numDigits: 1,
          timeout: 6,
          action: `${base}/twilio/voice`,
        });
        gather.say({ language: 'en-US' }, MENU.en);
        gather.say({ language: 'es-MX' }, MENU.es);
        response.redirect(`${base}/twilio/voice?Digits=1`);
        return reply.type('text/xml').send(response.toString());
      }
      if (params.CallSid)
        options.onQueued?.({ callSid: params.CallSid, queue: QUEUE[language], language });
      if (taskRouter) {
        const attributes = {
          ...taskAttributes({
            callSid: params.CallSid ?? '',
            from,
            language,
            reason: query.reason ?? null,
          }),
          ...(account ? { account: account.number } : {}),
        };
        return reply.type('text/xml').send(taskRouterTwiml(attributes, language));
      }
      const answer = await routeCaller(params.CallSid ?? '', from, language);
      return reply.type('text/xml').send(answer);
    },
  });

  route({
    method: 'POST',
    url: '/twilio/status',
    summary: 'Twilio’s call status webhook (queued, answered, completed, unanswered legs)',
    tags: ['twilio'],
    access: 'twilio',
    query: statusQuery,
    body: twilioForm,
    bodyType: 'application/x-www-form-urlencoded',
    responses: { 204: noBody('Recorded') },
    handler: async ({ body: params, query, reply }) => {
      const call = query.call ? calls.get(query.call) : undefined;
      if (params.ConferenceSid && call) call.conferenceSid = params.ConferenceSid;
      if (query.leg === 'agent' && call && UNANSWERED.includes(params.CallStatus ?? ''))
        await requeue(call);
      if (query.leg === 'consult' && call && UNANSWERED.includes(params.CallStatus ?? ''))
        call.consultSid = null;
      if (!query.leg && params.CallStatus === 'completed') {
        // The caller hung up: out of the queue, and the call is over.
        const i = waiting.findIndex((w) => w.callSid === params.CallSid);
        if (i >= 0) waiting.splice(i, 1);
        calls.delete(params.CallSid ?? '');
      }
      // Which leg of which caller's call this is, as the status URL says (the hub needs it).
      options.onStatus?.({
        ...params,
        ...(query.leg ? { TaplineLeg: query.leg } : {}),
        ...(query.call ? { TaplineCall: query.call } : {}),
      });
      return reply.code(204).send();
    },
  });

  /**
   * The signed-in agent's routed call, by the CallSid of their leg, or why not: a call given to
   * another agent is refused with 403.
   */
  const agentCall = (
    sid: string,
    agentId: string,
  ):
    | { call: RoutedCall & { conferenceSid: string }; rest: TelephonyRest }
    | { status: 403 | 404 | 503; error: { error: string; message: string } } => {
    if (!rest)
      return {
        status: 503,
        error: { error: 'telephony_not_configured', message: 'Twilio credentials are required' },
      };
    const call = byAgentLeg(sid);
    if (!call?.conferenceSid)
      return { status: 404, error: { error: 'not_found', message: 'no conference for this call' } };
    if (call.agentId !== agentId)
      return { status: 403, error: { error: 'forbidden', message: 'not your call' } };
    return { call: call as RoutedCall & { conferenceSid: string }, rest };
  };

  const captureParams = z.object({ id: z.string().uuid() });
  const captureAnswers = {
    403: refusal('The capture belongs to another agent'),
    404: refusal('No such capture'),
    503: notConfigured,
  };
  route({
    method: 'POST',
    url: '/telephony/calls/:sid/card-payments',
    summary:
      'Start a card capture on the agent’s call: the caller keys the card, the agent never hears it',
    tags: ['telephony'],
    access: 'agent',
    params: callParams,
    body: startCaptureBody,
    responses: { 200: json('The capture as the desk sees it', captureView), ...callAnswers },
    handler: async ({ params, body, principal, answer }) => {
      if (!captures)
        return answer(503, {
          error: 'telephony_not_configured',
          message: 'Twilio credentials are required',
        });
      const found = agentCall(params.sid, principal.userId);
      if ('status' in found) return answer(found.status, found.error);
      return captures.start(found.call.callerSid, principal, body);
    },
  });
  route({
    method: 'POST',
    url: '/telephony/card-payments/:id',
    summary: 'Ask the caller for the next item of the card, or complete or cancel the capture',
    tags: ['telephony'],
    access: 'agent',
    params: captureParams,
    body: captureStepBody,
    responses: { 200: json('The capture as the desk sees it', captureView), ...captureAnswers },
    handler: async ({ params, body, principal, answer }) => {
      const c = captures?.mine(params.id, principal) ?? null;
      if (!captures)
        return answer(503, {
          error: 'telephony_not_configured',
          message: 'Twilio credentials are required',
        });
      if (!c) return answer(404, { error: 'not_found', message: 'no such capture' });
      if (c === 'forbidden')
        return answer(403, { error: 'forbidden', message: 'not your capture' });
      return captures.step(c, body);
    },
  });
  route({
    method: 'GET',
    url: '/telephony/card-payments/:id',
    summary: 'A card capture as Twilio’s status callbacks last reported it',
    tags: ['telephony'],
    access: 'agent',
    params: captureParams,
    responses: { 200: json('The capture as the desk sees it', captureView), ...captureAnswers },
    handler: async ({ params, principal, answer }) => {
      const c = captures?.mine(params.id, principal) ?? null;
      if (!captures)
        return answer(503, {
          error: 'telephony_not_configured',
          message: 'Twilio credentials are required',
        });
      if (!c) return answer(404, { error: 'not_found', message: 'no such capture' });
      if (c === 'forbidden')
        return answer(403, { error: 'forbidden', message: 'not your capture' });
      return captures.view(c);
    },
  });
  route({
    method: 'POST',
    url: '/twilio/payments',
    summary:
      'Twilio’s Payments status callback: the item keyed, the masked card, errors, the result',
    tags: ['twilio'],
    access: 'twilio',
    query: z.object({ capture: z.string().uuid() }),
    body: twilioForm,
    bodyType: 'application/x-www-form-urlencoded',
    responses: { 204: noBody('Recorded'), 404: refusal('No such capture') },
    handler: async ({ body: params, query, reply, answer }) => {
      if (!(await captures?.callback(query.capture, params)))
        return answer(404, { error: 'not_found', message: 'no such capture' });
      return reply.code(204).send();
    },
  });

  route({
    method: 'POST',
    url: '/telephony/calls/:sid/hold',
    summary: 'Hold or resume the caller of the agent’s call',
    tags: ['telephony'],
    access: 'agent',
    params: callParams,
    body: holdBody,
    responses: { 200: json('Done', done), ...callAnswers },
    handler: async ({ params, body, principal, answer }) => {
      const found = agentCall(params.sid, principal.userId);
      if ('status' in found) return answer(found.status, found.error);
      const { call, rest } = found;
      // Holding the call is holding the caller's leg: they hear the hold music, the agent is free.
      await rest.holdParticipant(call.conferenceSid, call.callerSid, body.hold);
      return { ok: true as const };
    },
  });

  route({
    method: 'POST',
    url: '/telephony/calls/:sid/transfer',
    summary: 'Transfer the call, cold or warm, to an agent, a queue or a number',
    tags: ['telephony'],
    access: 'agent',
    params: callParams,
    body: transferBody,
    responses: {
      200: json('Started (warm) or done (cold)', transferred),
      400: refusal('A number that is not a phone number'),
      502: refusal('Twilio refused the transfer: the call stays with the agent, the caller held'),
      ...callAnswers,
    },
    handler: async ({ params, body: { kind, to, warm }, principal, answer }) => {
      if (kind === 'number' && !/^\+?[0-9]{10,15}$/.test(to))
        return answer(400, { error: 'bad_request', field: 'to', message: 'a phone number' });
      const found = agentCall(params.sid, principal.userId);
      if ('status' in found) return answer(found.status, found.error);
      const { call, rest } = found;
      try {
        if (kind === 'queue') {
          // A queue takes the caller as they are: always cold.
          await rest.redirect(call.callerSid, queueTwiml(call.language, to));
          calls.delete(call.callerSid);
          return { ok: true as const, warm: false };
        }
        const target = kind === 'agent' ? `client:${to}` : `+${to.replace(/^\+/, '')}`;
        if (warm) await rest.holdParticipant(call.conferenceSid, call.callerSid, true);
        const added = await rest.addParticipant(call.conferenceName, {
          to: target,
          from: config.callerId ?? '',
          timeout: config.ringSeconds ?? 20,
          statusCallback: statusUrl(warm ? 'consult' : 'transfer', call.callerSid),
          label: warm ? 'consult' : 'transfer',
        });
        if (warm) {
          call.consultSid = added.callSid;
          return { ok: true as const, warm: true };
        }
        // Cold: the target is on its way into the caller's conference; the agent leaves.
        await rest.removeParticipant(call.conferenceSid, call.agentSid ?? '');
        calls.delete(call.callerSid);
        return { ok: true as const, warm: false };
      } catch (err) {
        // The transfer failed: the call comes back to the agent with the caller on hold (held
        // already for a warm one), as the desk shows it; the agent resumes when ready.
        if (!warm)
          await rest.holdParticipant(call.conferenceSid, call.callerSid, true).catch(() => {});
        return answer(502, { error: 'transfer_failed', message: (err as Error).message });
      }
    },
  });

  route({
    method: 'POST',
    url: '/telephony/calls/:sid/transfer/:outcome',
    summary:
      'End a warm transfer: complete (the caller back on the line, the agent leaves) or cancel',
    tags: ['telephony'],
    access: 'agent',
    params: outcomeParams,
    responses: {
      200: json('Done', done),
      409: refusal('No transfer in progress'),
      ...callAnswers,
    },
    handler: async ({ params, principal, answer }) => {
      const found = agentCall(params.sid, principal.userId);
      if ('status' in found) return answer(found.status, found.error);
      const { call, rest } = found;
      if (params.outcome === 'cancel') {
        // Called off: the consult leaves (if it has not already hung up); the caller stays held.
        if (call.consultSid) await rest.removeParticipant(call.conferenceSid, call.consultSid);
        call.consultSid = null;
        return { ok: true as const };
      }
      if (!call.consultSid)
        return answer(409, { error: 'conflict', message: 'no transfer in progress' });
      await rest.holdParticipant(call.conferenceSid, call.callerSid, false);
      await rest.removeParticipant(call.conferenceSid, call.agentSid ?? '');
      calls.delete(call.callerSid);
      return { ok: true as const };
    },
  });
};

/**
 * The account this number belongs to and its holder's language, or null for a number not on file.
 */
async function accountOf(
  db: Db,
  from: string,
): Promise<{ number: string; language: Language } | null> {
  const d = phoneDigits(from);
  if (d.length < 7) return null;
  const { rows } = await db.query<{ number: string; preferred_language: Language }>(
    'select a.number, c.preferred_language from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id where p.digits = $1 limit 1',
    [d],
  );
  const row = rows[0];
  return row ? { number: row.number, language: row.preferred_language } : null;
}
