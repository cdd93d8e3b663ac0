import Fastify, { type FastifyInstance } from 'fastify';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryDirectory } from '../../../server/telephony/directory';
import { telephonyPlugin } from '../../../server/telephony/plugin';
import type { TelephonyRest } from '../../../server/telephony/rest';
import { seededServer, type TestServer } from '../support';

const CONFIG = {
  accountSid: 'AC00000000000000000000000000000000',
  apiKey: 'SK00000000000000000000000000000000',
  apiSecret: 'secret-for-tests',
  twimlAppSid: 'AP00000000000000000000000000000000',
  authToken: '2bd9e9638872de601313dc77410d3b23',
  publicUrl: 'https://cis.utility.example',
  callerId: '+12155550000',
};

/** Parses TwiML for real (Twilio's XML), so tests assert on elements, not strings. */
function twiml(xml: string): { tag: string; attrs: Record<string, string>; text: string }[] {
  const out: { tag: string; attrs: Record<string, string>; text: string }[] = [];
  for (const m of xml.matchAll(/<(\w+)((?:\s+\w+="[^"]*")*)\s*(?:\/>|>([^<]*))/g)) {
    const attrs = Object.fromEntries(
      [...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]),
    );
    out.push({ tag: m[1], attrs, text: (m[3] ?? '').trim() });
  }
  return out;
}

describe('the telephony endpoints', () => {
  let s: TestServer;
  let app: FastifyInstance;
  const calls: string[] = [];
  const directory = memoryDirectory();
  const rest: TelephonyRest = {
    async holdParticipant(conference, sid, hold) {
      calls.push(`hold ${conference} ${sid} ${hold}`);
    },
    async redirect(sid, xml) {
      if (sid === 'broken') throw new Error('call not found');
      calls.push(`redirect ${sid} ${xml}`);
    },
    async addParticipant(conference, to) {
      calls.push(`add ${conference} ${to}`);
      return { callSid: to.startsWith('client:') ? `CAagent-${conference}` : 'CAconsult' };
    },
  };

  beforeAll(async () => {
    s = await seededServer('pglite', 20);
    app = Fastify();
    const { sessionAuth } = await import('../../../server/auth/sessions');
    await app.register(telephonyPlugin, {
      db: s.db,
      auth: sessionAuth(s.db),
      config: CONFIG,
      directory,
      rest,
    });
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  const webhook = (path: string, params: Record<string, string>, signature?: string) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature === undefined
          ? {
              'x-twilio-signature': twilio.getExpectedTwilioSignature(
                CONFIG.authToken,
                `${CONFIG.publicUrl}${path}`,
                params,
              ),
            }
          : signature
            ? { 'x-twilio-signature': signature }
            : {}),
      },
      payload: new URLSearchParams(params).toString(),
    });

  it('checks Twilio’s published example signatures the way Twilio computes them', () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(
      twilio.validateRequest(
        '12345',
        '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
        'https://mycompany.com/myapp.php?foo=1&bar=2',
        params,
      ),
    ).toBe(true);
    expect(
      twilio.validateRequest(
        '12345',
        '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
        'https://mycompany.com/myapp.php?foo=1&bar=3',
        params,
      ),
    ).toBe(false);
  });

  it('refuses a webhook with a missing or wrong signature with 403, and routes nothing', async () => {
    directory.report({ userId: 'u-agent', name: 'Alex', languages: ['en'] }, true, 1);
    const missing = await webhook(
      '/twilio/voice',
      { CallSid: 'CA1', From: '+12155550100', To: CONFIG.callerId },
      '',
    );
    expect(missing.statusCode).toBe(403);
    const wrong = await webhook(
      '/twilio/voice',
      { CallSid: 'CA1', From: '+12155550100', To: CONFIG.callerId },
      'oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=',
    );
    expect(wrong.statusCode).toBe(403);
    expect(directory.available().map((a) => a.userId)).toEqual(['u-agent']);
    expect(calls).toEqual([]);
    expect(
      (await webhook('/twilio/status', { CallSid: 'CA1', CallStatus: 'completed' }, 'nope'))
        .statusCode,
    ).toBe(403);
  });

  it('routes a Spanish-speaking account holder to an available agent who speaks Spanish', async () => {
    const { rows } = await s.db.query<{ digits: string }>(
      "select p.digits from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id where c.preferred_language = 'es' limit 1",
    );
    const from = `+1${rows[0].digits}`;
    directory.report({ userId: 'u-agent-es', name: 'Marisol', languages: ['en', 'es'] }, true, 2);
    const r = await webhook('/twilio/voice', { CallSid: 'CA2', From: from, To: CONFIG.callerId });
    expect(r.statusCode).toBe(200);
    const els = twiml(r.body);
    expect(els.find((e) => e.tag === 'Conference')?.text).toBe('call-CA2');
    expect(calls.at(-1)).toBe('add call-CA2 client:u-agent-es');
    expect(directory.available().map((a) => a.userId)).toEqual(['u-agent']);
  });

  it('queues a caller when nobody with their language is available, greeting them in it', async () => {
    const r = await webhook('/twilio/voice', {
      CallSid: 'CA3',
      From: '+19995550000',
      To: CONFIG.callerId,
      Digits: '2',
    });
    const els = twiml(r.body);
    expect(els.find((e) => e.tag === 'Say')).toMatchObject({
      attrs: { language: 'es-MX' },
      text: expect.stringContaining('Gracias por llamar'),
    });
    expect(els.find((e) => e.tag === 'Enqueue')?.text).toBe('spanish');
  });

  it('mints an access token for the signed-in agent only', async () => {
    expect((await app.inject({ method: 'POST', url: '/twilio/token' })).statusCode).toBe(401);
    const r = await app.inject({
      method: 'POST',
      url: '/twilio/token',
      headers: { authorization: `Bearer ${s.tokens.agent}` },
    });
    const body = r.json();
    expect(body.identity).toBe('u-agent');
    const payload = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString());
    expect(payload.grants).toMatchObject({
      identity: 'u-agent',
      voice: { incoming: { allow: true }, outgoing: { application_sid: CONFIG.twimlAppSid } },
    });
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('holds the caller’s leg of the conference and transfers cold or warm', async () => {
    const auth = { authorization: `Bearer ${s.tokens.agent}` };
    directory.report({ userId: 'u-lead', name: 'Jordan', languages: ['en', 'es'] }, true, 3);
    await webhook('/twilio/voice', {
      CallSid: 'CA9',
      From: '+19995550001',
      To: CONFIG.callerId,
      Digits: '1',
    });
    await new Promise((r) => setTimeout(r, 10));
    const agentLeg = 'CAagent-call-CA9';
    await app.inject({
      method: 'POST',
      url: `/telephony/calls/${agentLeg}/hold`,
      headers: auth,
      payload: { hold: true },
    });
    expect(calls.at(-1)).toBe('hold call-CA9 CA9 true');
    const unknown = await app.inject({
      method: 'POST',
      url: '/telephony/calls/CAunknown/hold',
      headers: auth,
      payload: { hold: true },
    });
    expect(unknown.statusCode).toBe(404);
    await app.inject({
      method: 'POST',
      url: `/telephony/calls/${agentLeg}/transfer`,
      headers: auth,
      payload: { kind: 'queue', to: 'billing', warm: false },
    });
    expect(calls.at(-1)?.startsWith('redirect CA9 ')).toBe(true);
    expect(
      twiml(calls.at(-1)!.slice('redirect CA9 '.length)).find((e) => e.tag === 'Enqueue')?.text,
    ).toBe('billing');
    const warm = await app.inject({
      method: 'POST',
      url: `/telephony/calls/${agentLeg}/transfer`,
      headers: auth,
      payload: { kind: 'agent', to: 'u-admin', warm: true },
    });
    expect(warm.json()).toMatchObject({ warm: true, consultCallSid: expect.any(String) });
    expect(calls).toContain('add call-CA9 client:u-admin');
    const bad = await app.inject({
      method: 'POST',
      url: `/telephony/calls/${agentLeg}/transfer`,
      headers: auth,
      payload: { kind: 'number', to: 'not a number', warm: false },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 502 when Twilio refuses a transfer, so the call stays with the agent', async () => {
    const auth = { authorization: `Bearer ${s.tokens.agent}` };
    directory.report({ userId: 'u-agent', name: 'Alex', languages: ['en'] }, true, 4);
    await webhook('/twilio/voice', {
      CallSid: 'broken',
      From: '+19995550002',
      To: CONFIG.callerId,
      Digits: '1',
    });
    await new Promise((r) => setTimeout(r, 10));
    const failed = await app.inject({
      method: 'POST',
      url: '/telephony/calls/CAagent-call-broken/transfer',
      headers: auth,
      payload: { kind: 'number', to: '+12155550123', warm: false },
    });
    expect([failed.statusCode, failed.json().error]).toEqual([502, 'transfer_failed']);
  });
});
