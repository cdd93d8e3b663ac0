import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildServer } from '../../../server/app';
import type { Auth, Principal } from '../../../server/auth/sessions';
import { pgliteDb } from '../../../server/db/database';
import { json, noBody, refusal } from '../../../server/http/answers';
import { openApiDocument } from '../../../server/http/openapi';
import { type DeclaredRoute, routeHelper } from '../../../server/http/route';

/** Sessions kept in memory, as `Auth` answers them: a known token's user, or null. */
function sessions(users: Record<string, Principal>): Auth {
  return { verify: async (token) => users[token] ?? null };
}
const user = (role: Principal['role']): Principal => ({
  userId: `u-${role}`,
  name: role,
  role,
  languages: ['en'],
  team: 'care-a',
});

const queue = z.object({ id: z.string(), targetPercent: z.number().int().min(1).max(100) });

describe('the route helper', () => {
  let app: FastifyInstance;
  const logged: Record<string, unknown>[] = [];
  const declared: DeclaredRoute[] = [];
  /** What the handler answers next, set by each test. */
  let next: { status: number; body: unknown; type?: string } = { status: 200, body: null };

  beforeAll(async () => {
    app = Fastify({
      logger: {
        level: 'error',
        stream: new Writable({
          write(chunk, _enc, done) {
            logged.push(JSON.parse(String(chunk)));
            done();
          },
        }),
      },
    });
    app.addHook('onRoute', (r) => {
      if (r.method !== 'HEAD' && r.config?.declared) declared.push(r.config.declared);
    });
    const route = routeHelper(
      app,
      { auth: sessions({ 'lead-token': user('lead'), 'agent-token': user('agent') }) },
      { checkBodies: true },
    );
    route({
      method: 'PUT',
      url: '/queues/:id',
      summary: 'Change a queue',
      tags: ['test'],
      access: 'lead',
      params: z.object({ id: z.string().regex(/^[a-z]+$/, 'a queue name') }),
      query: z.object({ dryRun: z.enum(['yes', 'no']).default('no') }).strict(),
      body: z.object({ targetPercent: z.number().int().min(1).max(100) }).strict(),
      responses: {
        200: json('The queue', queue),
        409: refusal('Someone changed it first'),
      },
      handler: async ({ params, body, principal, reply }) => {
        expect(principal.role).toBe('lead');
        if (next.status === 200 && next.body === null) return { id: params.id, ...body };
        if (next.type) reply.type(next.type);
        return reply.code(next.status).send(next.body);
      },
    });
    route({
      method: 'GET',
      url: '/report',
      summary: 'A report as CSV',
      tags: ['test'],
      access: 'agent',
      responses: {
        200: { description: 'The CSV', content: { 'text/csv': z.string() } },
        204: noBody('Nothing to report'),
      },
      handler: async ({ reply }) => {
        if (next.type) reply.type(next.type);
        return reply.code(next.status).send(next.body as string);
      },
    });
    await app.ready();
  });
  afterAll(async () => app?.close());

  const put = (url: string, payload: unknown, token: string | null = 'lead-token') =>
    app.inject({
      method: 'PUT',
      url,
      payload: payload as Record<string, unknown>,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('answers 400 naming the field of the path, then the query, then the body', async () => {
    next = { status: 200, body: null };
    const cases: [string, unknown, string, string][] = [
      ['/queues/North-1?dryRun=maybe', { targetPercent: 0 }, 'id', 'a queue name'],
      ['/queues/north?dryRun=maybe', { targetPercent: 0 }, 'dryRun', ''],
      ['/queues/north?color=red', { targetPercent: 80 }, 'color', ''],
      ['/queues/north', { targetPercent: 0 }, 'targetPercent', ''],
      ['/queues/north', { targetPercent: 80, by: 'me' }, 'by', ''],
      ['/queues/north', [1, 2], '(body)', ''],
    ];
    for (const [url, body, field, message] of cases) {
      const r = await put(url, body);
      expect(r.statusCode, url).toBe(400);
      expect(r.json(), url).toMatchObject({ error: 'bad_request', field });
      if (message) expect(r.json().message).toBe(message);
    }
    const ok = await put('/queues/north?dryRun=yes', { targetPercent: 80 });
    expect([ok.statusCode, ok.json()]).toEqual([200, { id: 'north', targetPercent: 80 }]);
  });

  it('checks access before it reads the input', async () => {
    expect((await put('/queues/North-1', { targetPercent: 0 }, null)).statusCode).toBe(401);
    expect((await put('/queues/North-1', { targetPercent: 0 }, 'agent-token')).statusCode).toBe(
      403,
    );
  });

  it('lets a declared answer through as the handler gave it', async () => {
    next = { status: 409, body: { error: 'conflict', message: 'changed first', extra: 1 } };
    const r = await put('/queues/north', { targetPercent: 80 });
    expect([r.statusCode, r.json()]).toEqual([409, next.body]);
  });

  it('turns an answer outside the declared responses into a 500, and logs why', async () => {
    const cases: [typeof next, string][] = [
      [{ status: 200, body: { id: 'north', targetPercent: 'eighty' } }, 'targetPercent'],
      [
        { status: 404, body: { error: 'not_found', message: 'gone' } },
        'its status is not declared',
      ],
      [{ status: 409, body: { error: 409 } }, 'error'],
    ];
    for (const [answer, problem] of cases) {
      next = answer;
      logged.length = 0;
      const r = await put('/queues/north', { targetPercent: 80 });
      expect([r.statusCode, r.json()], JSON.stringify(answer)).toEqual([
        500,
        { error: 'internal', message: 'internal error' },
      ]);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ route: 'PUT /queues/:id', status: answer.status });
      expect(String(logged[0].problem)).toContain(problem);
    }
  });

  it('checks an answer that is not JSON by its media type and its emptiness', async () => {
    const get = () =>
      app.inject({
        method: 'GET',
        url: '/report',
        headers: { authorization: 'Bearer agent-token' },
      });
    next = { status: 200, body: 'queue,calls\nenglish,3\n', type: 'text/csv; charset=utf-8' };
    const csv = await get();
    expect([csv.statusCode, csv.body]).toEqual([200, next.body]);
    next = { status: 204, body: '' };
    expect((await get()).statusCode).toBe(204);
    for (const wrong of [
      { status: 200, body: '<Response/>', type: 'text/xml' },
      { status: 200, body: '' },
      { status: 204, body: 'something', type: 'text/csv' },
      { status: 202, body: 'later', type: 'text/csv' },
    ]) {
      next = wrong;
      const r = await get();
      expect([r.statusCode, r.json()], JSON.stringify(wrong)).toEqual([
        500,
        { error: 'internal', message: 'internal error' },
      ]);
    }
  });

  it('lists each route with its schemas and the answers the helper adds', () => {
    const doc = openApiDocument(declared, '1.0.0');
    const op = doc.paths['/queues/{id}'].put as unknown as Record<string, unknown> & {
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      requestBody: { content: Record<string, { schema: Record<string, unknown> }> };
    };
    expect(op['x-access']).toBe('lead');
    expect(op.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['dryRun', 'query', false],
    ]);
    expect(op.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['targetPercent'],
      additionalProperties: false,
    });
    expect(Object.keys(op.responses).sort()).toEqual(
      ['200', '400', '401', '403', '409', '413', '415', '500', '503'].sort(),
    );
    for (const answer of Object.values(op.responses))
      expect(answer.content?.['application/json'].schema).toBeDefined();
    const report = doc.paths['/report'].get as unknown as { responses: Record<string, unknown> };
    // An agent's route refuses no role: every role is at least an agent's.
    expect(Object.keys(report.responses).sort()).toEqual(['200', '204', '401', '500', '503']);
  });

  it('refuses a route whose path parameters its schema does not declare', () => {
    const route = routeHelper(Fastify(), { auth: sessions({}) });
    expect(() =>
      route({
        method: 'GET',
        url: '/calls/:sid/legs/:leg',
        summary: 'A leg',
        tags: ['test'],
        access: 'agent',
        params: z.object({ sid: z.string() }),
        responses: { 200: json('The leg', z.object({})) },
        handler: async () => ({}),
      }),
    ).toThrow('GET /calls/:sid/legs/:leg: declare leg in its params');
  });
});

describe('the route helper where bodies are not checked (the default outside the tests)', () => {
  it('still refuses an undeclared status or media type, and lets a body through unread', async () => {
    const app = Fastify();
    const route = routeHelper(app, { auth: sessions({}) }, { checkBodies: false });
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    route({
      method: 'GET',
      url: '/count',
      summary: 'A count',
      tags: ['test'],
      access: 'public',
      responses: { 200: json('The count', z.object({ count: z.number() })) },
      handler: async ({ reply }) => reply.code(answer.status).send(answer.body),
    });
    answer = { status: 200, body: { count: 'many' } };
    expect((await app.inject({ method: 'GET', url: '/count' })).json()).toEqual({ count: 'many' });
    answer = { status: 201, body: { count: 1 } };
    expect((await app.inject({ method: 'GET', url: '/count' })).statusCode).toBe(500);
    answer = { status: 200, body: 'many' };
    expect((await app.inject({ method: 'GET', url: '/count' })).statusCode).toBe(500);
    await app.close();
  });
});

describe('a server with a route not declared through the helper', () => {
  it('does not start, and says which route', async () => {
    const db = await pgliteDb(null);
    const stray: FastifyPluginAsync = async (app) => {
      app.get('/stray', async () => ({ ok: true }));
    };
    try {
      await expect(buildServer({ db, plugins: [{ plugin: stray }] })).rejects.toThrow(
        'GET /stray is not declared with server/http/route.ts',
      );
    } finally {
      await db.close();
    }
  });
});
