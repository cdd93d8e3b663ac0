import { createHmac } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionAuth, signIn } from '../../../server/auth/sessions';
import { twilioSignatureValid } from '../../../server/http/twilio-signature';
import { memoryDirectory } from '../../../server/telephony/directory';
import {
  RING_GRACE_SECONDS,
  type TelephonyConfig,
  telephonyConfigFromEnv,
  telephonyPlugin,
} from '../../../server/telephony/plugin';
import type { NewParticipant, TelephonyRest } from '../../../server/telephony/rest';
import { seededServer, type TestServer } from '../support';

const CONFIG = {
  accountSid: 'AC00000000000000000000000000000000',
  apiKey: 'SK00000000000000000000000000000000',
  apiSecret: 'secret-for-tests',
  twimlAppSid: 'AP00000000000000000000000000000000',
  authToken: '2bd9e9638872de601313dc77410d3b23',
  publicUrl: 'https://cis.utility.example',
  callerId: '+12155550000',
  ringSeconds: 20,
};

/**
 * Twilio's signature as its security guide describes it, written out here rather than taken from
 * the twilio package: the URL, then each parameter's name and value sorted by name, HMAC-SHA1
 * keyed by the auth token, base64.
 */
function sign(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** TwiML parsed as the XML it is: the elements under <Response>, with their attributes. */
function twiml(xml: string): Element {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  expect(root.tagName).toBe('Response');
  return root as unknown as Element;
}
const first = (root: Element, tag: string) => root.getElementsByTagName(tag)[0] ?? null;
const all = (root: Element, tag: string) => Array.from(root.getElementsByTagName(tag));

type RestCall =
  | { op: 'add'; conference: string; leg: NewParticipant }
  | { op: 'hold'; conferenceSid: string; callSid: string; hold: boolean }
  | { op: 'remove'; conferenceSid: string; callSid: string }
  | { op: 'redirect'; callSid: string; twiml: string };

describe('the telephony endpoints, over HTTP', () => {
  let s: TestServer;
  let app: FastifyInstance;
  let base: string;
  let spanishAgentToken: string;
  const rest: RestCall[] = [];
  const statuses: Record<string, string>[] = [];
  const failing = new Set<string>();
  let directory = memoryDirectory();
  let legs = 0;

  const fakeRest: TelephonyRest = {
    async addParticipant(conference, leg) {
      if (failing.has(leg.to)) throw new Error('Twilio: the number is not reachable');
      rest.push({ op: 'add', conference, leg });
      legs += 1;
      return { callSid: `CAleg${legs}`, conferenceSid: `CF-${conference}` };
    },
    async holdParticipant(conferenceSid, callSid, hold) {
      rest.push({ op: 'hold', conferenceSid, callSid, hold });
    },
    async removeParticipant(conferenceSid, callSid) {
      rest.push({ op: 'remove', conferenceSid, callSid });
    },
    async redirect(callSid, xml) {
      rest.push({ op: 'redirect', callSid, twiml: xml });
    },
  };

  const start = async (config: TelephonyConfig = CONFIG) => {
    await app?.close();
    app = Fastify();
    await app.register(telephonyPlugin, {
      db: s.db,
      auth: sessionAuth(s.db),
      config,
      directory,
      rest: fakeRest,
      onStatus: (e) => statuses.push(e),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  beforeAll(async () => {
    s = await seededServer('pglite', 30, 'philadelphia-water-pa');
    spanishAgentToken = (await signIn(s.db, 'agente', 'tapline-training'))!.token;
  });
  beforeEach(async () => {
    rest.length = 0;
    statuses.length = 0;
    directory = memoryDirectory();
    await start();
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  /** A webhook as Twilio sends it: form-encoded, signed over the public URL it called. */
  const webhook = (
    path: string,
    params: Record<string, string>,
    signature: string | null = sign(CONFIG.authToken, `${CONFIG.publicUrl}${path}`, params),
  ) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature === null ? {} : { 'x-twilio-signature': signature }),
      },
      body: new URLSearchParams(params).toString(),
    });

  const api = (path: string, token: string | null, body: unknown = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  const phoneOf = async (language: 'en' | 'es') => {
    const { rows } = await s.db.query<{ digits: string }>(
      'select p.digits from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id where c.preferred_language = $1 order by p.digits limit 1',
      [language],
    );
    return `+1${rows[0].digits}`;
  };

  const available = async (token: string) =>
    expect((await api('/telephony/availability', token, { available: true })).status).toBe(200);

  it('signs as Twilio’s published example does, and checks signatures that way', () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(sign('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignatureValid('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
    expect(
      twilioSignatureValid('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, {
        ...params,
        Digits: '1235',
      }),
    ).toBe(false);
    expect(
      twilioSignatureValid('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', `${url}&baz=3`, params),
    ).toBe(false);
    expect(twilioSignatureValid('54321', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(false);
    expect(twilioSignatureValid('12345', undefined, url, params)).toBe(false);
  });

  it('answers a webhook with a missing or wrong signature with 403, and nothing else happens', async () => {
    await available(s.tokens.agent);
    const params = { CallSid: 'CA1', From: await phoneOf('en'), To: CONFIG.callerId };
    const attempts = [
      webhook('/twilio/voice', params, null),
      webhook('/twilio/voice', params, 'oVb2kXoVy8GEfwBDjR8bk/ZZ6eA='),
      // Signed for another address than the public one Twilio calls.
      webhook('/twilio/voice', params, sign(CONFIG.authToken, `${base}/twilio/voice`, params)),
      // Signed with another account's token.
      webhook(
        '/twilio/voice',
        params,
        sign('0'.repeat(32), `${CONFIG.publicUrl}/twilio/voice`, params),
      ),
      // A parameter changed after signing.
      webhook(
        '/twilio/voice',
        { ...params, From: '+12155550199' },
        sign(CONFIG.authToken, `${CONFIG.publicUrl}/twilio/voice`, params),
      ),
      webhook('/twilio/status', { CallSid: 'CA1', CallStatus: 'completed' }, 'nope'),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('<Response');
    }
    expect(directory.available().map((a) => a.userId)).toEqual(['u-agent']);
    expect(rest).toEqual([]);
    expect(statuses).toEqual([]);
    // The same status, signed, goes through.
    const ok = await webhook('/twilio/status', { CallSid: 'CA1', CallStatus: 'completed' });
    expect([ok.status, statuses.length]).toEqual([204, 1]);
  });

  it('refuses every webhook with 503 while Twilio is not configured', async () => {
    await start({ ...CONFIG, authToken: undefined });
    const r = await webhook('/twilio/voice', { CallSid: 'CA1', From: '+12155550100' });
    expect(r.status).toBe(503);
    expect(rest).toEqual([]);
  });

  it('routes a Spanish-speaking account holder to an agent who speaks Spanish, past an English-only agent available longer', async () => {
    await available(s.tokens.agent);
    await available(spanishAgentToken);
    const from = await phoneOf('es');
    const r = await webhook('/twilio/voice', { CallSid: 'CA2', From: from, To: CONFIG.callerId });
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'text/xml']);
    const conference = first(twiml(await r.text()), 'Conference')!;
    expect(conference.parentNode?.nodeName).toBe('Dial');
    expect(conference.textContent).toBe('call-CA2');
    expect(conference.getAttribute('startConferenceOnEnter')).toBe('false');
    expect(conference.getAttribute('endConferenceOnExit')).toBe('true');
    expect(conference.getAttribute('statusCallback')).toMatch(
      /^https:\/\/cis\.utility\.example\/twilio\/status\?/,
    );
    await expect.poll(() => rest.length).toBe(1);
    const add = rest[0] as Extract<RestCall, { op: 'add' }>;
    const to = new URL(add.leg.to.replace('client:', 'client://'));
    expect([add.op, add.conference, to.host, add.leg.from, add.leg.timeout]).toEqual([
      'add',
      'call-CA2',
      'u-agent-es',
      CONFIG.callerId,
      // The server's ring time, the desk not having said its own, and the grace for its miss.
      20 + RING_GRACE_SECONDS,
    ]);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      caller: from,
      language: 'es',
      call: 'CA2',
    });
    expect(directory.available().map((a) => a.userId)).toEqual(['u-agent']);
  });

  it('rings an agent’s softphone for their team’s ring time, as their desk reports it, and a little more', async () => {
    const report = (body: unknown) => api('/telephony/availability', s.tokens.agent, body);
    expect((await report({ available: true, ringSeconds: 3 })).status).toBe(400);
    expect((await report({ available: true, ringSeconds: 12 })).status).toBe(200);
    await webhook('/twilio/voice', { CallSid: 'CA11', From: await phoneOf('en') });
    await expect.poll(() => rest.length).toBe(1);
    const leg = (rest[0] as Extract<RestCall, { op: 'add' }>).leg;
    expect([leg.to.split('?')[0], leg.timeout]).toEqual([
      'client:u-agent',
      12 + RING_GRACE_SECONDS,
    ]);
  });

  it('routes an English-speaking caller to the agent available longest', async () => {
    await available(s.tokens.agent);
    await available(spanishAgentToken);
    await webhook('/twilio/voice', { CallSid: 'CA3', From: await phoneOf('en') });
    await expect.poll(() => rest.length).toBe(1);
    expect((rest[0] as Extract<RestCall, { op: 'add' }>).leg.to).toMatch(/^client:u-agent\?/);
  });

  it('asks a number it does not know for the language, then queues the caller greeted in it', async () => {
    const menu = twiml(
      await (await webhook('/twilio/voice', { CallSid: 'CA4', From: '+19995550000' })).text(),
    );
    const gather = first(menu, 'Gather')!;
    expect(gather.getAttribute('action')).toBe(`${CONFIG.publicUrl}/twilio/voice`);
    expect(all(gather, 'Say').map((say) => say.getAttribute('language'))).toEqual([
      'en-US',
      'es-MX',
    ]);
    const chosen = twiml(
      await (
        await webhook('/twilio/voice', { CallSid: 'CA4', From: '+19995550000', Digits: '2' })
      ).text(),
    );
    expect(first(chosen, 'Say')?.getAttribute('language')).toBe('es-MX');
    expect(first(chosen, 'Say')?.textContent).toContain('Gracias por llamar');
    expect(first(chosen, 'Enqueue')?.textContent).toBe('spanish');
    expect(rest).toEqual([]);

    // When an agent who speaks Spanish becomes available, the caller leaves the queue for them.
    await available(s.tokens.agent);
    expect(rest).toEqual([]);
    await available(spanishAgentToken);
    expect(rest.map((c) => c.op)).toEqual(['redirect', 'add']);
    const redirect = rest[0] as Extract<RestCall, { op: 'redirect' }>;
    expect(redirect.callSid).toBe('CA4');
    expect(first(twiml(redirect.twiml), 'Conference')?.textContent).toBe('call-CA4');
    expect((rest[1] as Extract<RestCall, { op: 'add' }>).leg.to).toMatch(/^client:u-agent-es\?/);
  });

  it('puts the caller back in the queue when the agent’s softphone does not answer', async () => {
    await available(s.tokens.agent);
    await webhook('/twilio/voice', { CallSid: 'CA5', From: await phoneOf('en') });
    await expect.poll(() => rest.length).toBe(1);
    const status = '/twilio/status?leg=agent&call=CA5';
    expect((await webhook(status, { CallSid: 'CAleg1', CallStatus: 'no-answer' })).status).toBe(
      204,
    );
    const back = rest[1] as Extract<RestCall, { op: 'redirect' }>;
    expect([back.op, back.callSid]).toEqual(['redirect', 'CA5']);
    expect(first(twiml(back.twiml), 'Enqueue')?.textContent).toBe('english');
  });

  it('mints a Voice access token for the signed-in agent only, at most for a day', async () => {
    expect((await api('/twilio/token', null)).status).toBe(401);
    expect((await api('/twilio/token', 'not-a-session')).status).toBe(401);
    const body = await (await api('/twilio/token', s.tokens.agent)).json();
    expect(body.identity).toBe('u-agent');
    const payload = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString());
    expect(payload.grants).toMatchObject({
      identity: 'u-agent',
      voice: { incoming: { allow: true }, outgoing: { application_sid: CONFIG.twimlAppSid } },
    });
    expect([payload.iss, payload.sub, payload.exp - payload.iat]).toEqual([
      CONFIG.apiKey,
      CONFIG.accountSid,
      3600,
    ]);
    await start({ ...CONFIG, tokenTtlSeconds: 7 * 24 * 3600 });
    const long = await (await api('/twilio/token', s.tokens.agent)).json();
    expect(long.ttlSeconds).toBe(24 * 3600);
    await start({ ...CONFIG, apiKey: undefined });
    expect((await api('/twilio/token', s.tokens.agent)).status).toBe(503);
  });

  /** A call routed to the English agent; their leg is CAleg1 in conference CF-call-<sid>. */
  const routed = async (callSid: string) => {
    rest.length = 0;
    await available(s.tokens.agent);
    await webhook('/twilio/voice', { CallSid: callSid, From: await phoneOf('en') });
    await expect.poll(() => rest.length).toBe(1);
    rest.length = 0;
    return { leg: `CAleg${legs}`, conferenceSid: `CF-call-${callSid}` };
  };

  it('holds the caller’s leg of the conference, by the conference’s SID', async () => {
    const { leg, conferenceSid } = await routed('CA6');
    expect((await api(`/telephony/calls/${leg}/hold`, null, { hold: true })).status).toBe(401);
    expect(
      (await api(`/telephony/calls/${leg}/hold`, s.tokens.agent, { hold: 'yes' })).status,
    ).toBe(400);
    expect(
      (await api('/telephony/calls/CAunknown/hold', s.tokens.agent, { hold: true })).status,
    ).toBe(404);
    expect((await api(`/telephony/calls/${leg}/hold`, s.tokens.agent, { hold: true })).status).toBe(
      200,
    );
    await api(`/telephony/calls/${leg}/hold`, s.tokens.agent, { hold: false });
    expect(rest).toEqual([
      { op: 'hold', conferenceSid, callSid: 'CA6', hold: true },
      { op: 'hold', conferenceSid, callSid: 'CA6', hold: false },
    ]);
  });

  it('refuses to hold or transfer a call given to another agent', async () => {
    const { leg } = await routed('CA12');
    for (const [path, body] of [
      ['hold', { hold: true }],
      ['transfer', { kind: 'queue', to: 'billing', warm: false }],
      ['transfer/cancel', {}],
    ] as const) {
      const r = await api(`/telephony/calls/${leg}/${path}`, spanishAgentToken, body);
      expect([path, r.status, (await r.json()).error]).toEqual([path, 403, 'forbidden']);
    }
    expect(rest).toEqual([]);
    expect((await api(`/telephony/calls/${leg}/hold`, s.tokens.agent, { hold: true })).status).toBe(
      200,
    );
  });

  it('transfers cold: to a queue by new TwiML, to an agent or a number by a new leg while the agent leaves', async () => {
    const one = await routed('CA7');
    await api(`/telephony/calls/${one.leg}/transfer`, s.tokens.agent, {
      kind: 'queue',
      to: 'billing',
      warm: false,
    });
    const toQueue = rest[0] as Extract<RestCall, { op: 'redirect' }>;
    expect([toQueue.op, toQueue.callSid]).toEqual(['redirect', 'CA7']);
    expect(first(twiml(toQueue.twiml), 'Enqueue')?.textContent).toBe('billing');

    const two = await routed('CA8');
    const r = await api(`/telephony/calls/${two.leg}/transfer`, s.tokens.agent, {
      kind: 'agent',
      to: 'u-lead',
      warm: false,
    });
    expect(await r.json()).toEqual({ ok: true, warm: false });
    expect(rest.map((c) => c.op)).toEqual(['add', 'remove']);
    expect((rest[0] as Extract<RestCall, { op: 'add' }>).leg.to).toBe('client:u-lead');
    expect(rest[1]).toEqual({ op: 'remove', conferenceSid: two.conferenceSid, callSid: two.leg });

    const bad = await api(`/telephony/calls/${two.leg}/transfer`, s.tokens.agent, {
      kind: 'number',
      to: 'not a number',
      warm: false,
    });
    expect(bad.status).toBe(400);
  });

  it('transfers warm: the caller is held while the agent consults, then handed over or kept', async () => {
    const { leg, conferenceSid } = await routed('CA9');
    const url = `/telephony/calls/${leg}/transfer`;
    expect((await api(`${url}/complete`, s.tokens.agent)).status).toBe(409);
    await api(url, s.tokens.agent, { kind: 'number', to: '+12155550123', warm: true });
    expect(rest.map((c) => c.op)).toEqual(['hold', 'add']);
    const consult = rest[1] as Extract<RestCall, { op: 'add' }>;
    expect([consult.leg.to, consult.leg.label]).toEqual(['+12155550123', 'consult']);
    rest.length = 0;
    await api(`${url}/cancel`, s.tokens.agent);
    expect(rest).toEqual([{ op: 'remove', conferenceSid, callSid: `CAleg${legs}` }]);
    rest.length = 0;
    await api(url, s.tokens.agent, { kind: 'agent', to: 'u-lead', warm: true });
    rest.length = 0;
    expect((await api(`${url}/complete`, s.tokens.agent)).status).toBe(200);
    expect(rest).toEqual([
      { op: 'hold', conferenceSid, callSid: 'CA9', hold: false },
      { op: 'remove', conferenceSid, callSid: leg },
    ]);
  });

  it('answers 502 when Twilio refuses a transfer, the call back with the agent and the caller on hold, as the desk shows it', async () => {
    const { leg, conferenceSid } = await routed('CA10');
    failing.add('+12155550404');
    const url = `/telephony/calls/${leg}/transfer`;
    const target = { kind: 'number', to: '+12155550404' };
    const warm = await api(url, s.tokens.agent, { ...target, warm: true });
    expect([warm.status, (await warm.json()).error]).toEqual([502, 'transfer_failed']);
    expect(rest).toEqual([{ op: 'hold', conferenceSid, callSid: 'CA10', hold: true }]);
    // The agent calls the consult off (it never rang): the caller stays held until resumed.
    expect((await api(`${url}/cancel`, s.tokens.agent)).status).toBe(200);
    expect(rest).toHaveLength(1);
    await api(`/telephony/calls/${leg}/hold`, s.tokens.agent, { hold: false });
    rest.length = 0;
    const cold = await api(url, s.tokens.agent, { ...target, warm: false });
    expect(cold.status).toBe(502);
    expect(rest).toEqual([{ op: 'hold', conferenceSid, callSid: 'CA10', hold: true }]);
  });

  it('reads the ring time from TAPLINE_RING_SECONDS', () => {
    expect(telephonyConfigFromEnv({ TAPLINE_RING_SECONDS: '25' }).ringSeconds).toBe(25);
    expect(telephonyConfigFromEnv({}).ringSeconds).toBeUndefined();
  });
});
