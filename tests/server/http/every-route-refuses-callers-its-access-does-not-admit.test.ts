import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import { Hub } from '../../../server/hub/hub';
import { hubPlugin } from '../../../server/hub/plugin';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import { telephonyPlugin } from '../../../server/telephony/plugin';
import type { TelephonyRest } from '../../../server/telephony/rest';
import { backends, freshDb, type TestDb } from '../support';

const TWILIO = {
  accountSid: 'AC00000000000000000000000000000000',
  apiKey: 'SK00000000000000000000000000000000',
  apiSecret: 'secret-for-tests',
  twimlAppSid: 'AP00000000000000000000000000000000',
  authToken: '2bd9e9638872de601313dc77410d3b23',
  publicUrl: 'https://cis.utility.example',
};

/** Twilio's signature as its security guide describes it: URL, then sorted name+value, HMAC-SHA1. */
function sign(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Twilio's REST API is never reached here: a call the test did not expect fails loudly. */
const unreachableRest: TelephonyRest = {
  addParticipant: async () => {
    throw new Error('no Twilio call expected');
  },
  holdParticipant: async () => {
    throw new Error('no Twilio call expected');
  },
  removeParticipant: async () => {
    throw new Error('no Twilio call expected');
  },
  redirect: async () => {
    throw new Error('no Twilio call expected');
  },
};

interface Operation {
  'x-access': string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, unknown> };
}

/** The role one step below the route's: the caller its access must refuse with 403. */
const BELOW: Record<string, 'agent' | 'lead' | undefined> = { lead: 'agent', admin: 'lead' };

/**
 * Every route the server lists, read from /openapi.json (which lists every route Fastify
 * registered): a role's route refuses no token, a forged one and an expired one with 401 and the
 * role below with 403; a Twilio webhook refuses a missing and a forged signature with 403; and the
 * caller each admits gets past the check.
 */
describe.each(await backends())('every route’s access on %s', (kind) => {
  let t: TestDb;
  let hub: Hub;
  let app: FastifyInstance;
  let paths: Record<string, Record<string, Operation>>;
  const tokens: Record<string, string> = {};
  const expired = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    t = await freshDb(kind);
    await migrate(t.db);
    await seedUsers(t.db);
    hub = await Hub.start({ db: t.db, timeZone: 'America/New_York' });
    app = await buildServer({
      db: t.db,
      plugins: [
        { plugin: telephonyPlugin, options: { config: TWILIO, rest: unreachableRest } },
        { plugin: hubPlugin, options: { hub } },
      ],
    });
    for (const username of ['agent', 'lead', 'admin']) tokens[username] = await signIn(username);
    await t.db.query(
      `insert into sessions (token_hash, user_id, expires_at) values ($1, 'u-admin', now() - interval '1 minute')`,
      [createHash('sha256').update(expired).digest('hex')],
    );
    paths = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
  });
  afterAll(async () => {
    await app?.close();
    await hub?.close();
    await t?.drop();
  });

  const signIn = async (username: string): Promise<string> =>
    (
      await app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { username, password: TRAINING_PASSWORD },
      })
    ).json().token;

  const routes = () =>
    Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE',
        // A value for each path parameter: the access check comes before the input is read.
        url: path.replace(/\{(\w+)\}/g, 'x'),
        name: `${method.toUpperCase()} ${path}`,
        op,
      })),
    );

  const call = (
    r: ReturnType<typeof routes>[number],
    headers: Record<string, string> = {},
    form?: Record<string, string>,
  ) =>
    app.inject({
      method: r.method,
      url: r.url,
      headers: {
        ...headers,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form
        ? { payload: new URLSearchParams(form).toString() }
        : r.method === 'GET'
          ? {}
          : { payload: {} }),
    });

  it('names an access every route has, and only the kinds tested here', () => {
    const all = routes();
    expect(all.length).toBeGreaterThanOrEqual(25);
    for (const r of all)
      expect(['public', 'agent', 'lead', 'admin', 'twilio'], r.name).toContain(r.op['x-access']);
    expect(new Set(all.map((r) => r.op['x-access']))).toEqual(
      new Set(['public', 'agent', 'lead', 'admin', 'twilio']),
    );
  });

  it('refuses no token, a forged one and an expired one with 401 on every role’s route', async () => {
    const forged = randomBytes(32).toString('base64url');
    for (const r of routes().filter((r) => ['agent', 'lead', 'admin'].includes(r.op['x-access']))) {
      for (const headers of [
        {} as Record<string, string>,
        { authorization: `Bearer ${forged}` },
        { authorization: `Bearer ${expired}` },
        // The admin's own token, sent without the scheme the header requires.
        { authorization: tokens.admin },
      ]) {
        const answer = await call(r, headers);
        expect(answer.statusCode, `${r.name} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.json()).toEqual({ error: 'unauthenticated', message: 'sign in first' });
      }
    }
  });

  it('refuses the role below a lead’s or an admin’s route with 403, and admits its own', async () => {
    const ranked = routes().filter((r) => BELOW[r.op['x-access']]);
    expect(ranked.map((r) => r.name)).toEqual(
      expect.arrayContaining(['GET /audit', 'POST /flows/published', 'PUT /hub/queues/{id}']),
    );
    for (const r of ranked) {
      const below = await call(r, { authorization: `Bearer ${tokens[BELOW[r.op['x-access']]!]}` });
      expect(below.statusCode, r.name).toBe(403);
      expect(below.json()).toMatchObject({ error: 'forbidden' });
      const own = await call(r, { authorization: `Bearer ${tokens[r.op['x-access']]}` });
      expect([401, 403], `${r.name} answered ${own.statusCode}`).not.toContain(own.statusCode);
    }
  });

  it('admits every role at or above an agent’s route', async () => {
    // Signing out ends the session it is called with: each call has a session of its own.
    for (const r of routes().filter((r) => r.op['x-access'] === 'agent')) {
      for (const role of ['agent', 'lead', 'admin']) {
        const answer = await call(r, { authorization: `Bearer ${await signIn(role)}` });
        expect([401, 403], `${r.name} as ${role}: ${answer.statusCode}`).not.toContain(
          answer.statusCode,
        );
      }
    }
  });

  it('refuses a missing, a forged and a replayed-elsewhere Twilio signature with 403', async () => {
    const webhooks = routes().filter((r) => r.op['x-access'] === 'twilio');
    expect(webhooks.map((r) => r.name).sort()).toEqual([
      'POST /twilio/payments',
      'POST /twilio/status',
      'POST /twilio/voice',
    ]);
    const form = { CallSid: 'CA00000000000000000000000000000001', From: '+12155550100' };
    for (const r of webhooks) {
      const url = `${TWILIO.publicUrl}${r.url}`;
      for (const headers of [
        {} as Record<string, string>,
        { 'x-twilio-signature': sign('0123456789abcdef0123456789abcdef', url, form) },
        { 'x-twilio-signature': sign(TWILIO.authToken, `${TWILIO.publicUrl}/elsewhere`, form) },
        // A session token is not Twilio's signature.
        { authorization: `Bearer ${tokens.admin}` },
      ]) {
        const answer = await call(r, headers, form);
        expect(answer.statusCode, `${r.name} ${JSON.stringify(headers)}`).toBe(403);
        expect(answer.json()).toEqual({ error: 'forbidden', message: 'bad signature' });
      }
      const signed = await call(
        r,
        { 'x-twilio-signature': sign(TWILIO.authToken, url, form) },
        form,
      );
      // A payment callback signed but naming no capture of this server is answered, not applied.
      const admitted = r.name === 'POST /twilio/payments' ? [400, 404] : [200, 204];
      expect(admitted, `${r.name} signed: ${signed.statusCode}`).toContain(signed.statusCode);
    }
  });

  it('answers public routes to anyone', async () => {
    for (const r of routes().filter((r) => r.op['x-access'] === 'public')) {
      const answer = await call(r);
      expect([401, 403], `${r.name}: ${answer.statusCode}`).not.toContain(answer.statusCode);
    }
  });
});
