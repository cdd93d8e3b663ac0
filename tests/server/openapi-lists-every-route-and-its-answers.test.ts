import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUsers, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import { type CisServer, startCisServer } from '../../server/start';
import { fixtureAccount, TODAY } from './support';

interface Operation {
  summary: string;
  'x-access': string;
  'x-websocket'?: { receives: unknown; sends: unknown };
  responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
  parameters?: { name: string; in: string; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
}

/** Every route Fastify registered, read from its own route tree (not from the document). */
function registeredRoutes(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}

/**
 * The server as `npm run server` starts it (the CIS, the telephony webhooks and the hub): its
 * /openapi.json names every route it registered, with the answers each gives.
 */
describe('the OpenAPI document', () => {
  let server: CisServer;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  let token: string;
  beforeAll(async () => {
    server = await startCisServer({
      mode: 'training',
      dataDir: null,
      seed: null,
      today: () => TODAY,
    });
    await seedUsers(server.db);
    await fixtureAccount(server.db, { number: 'SM-8600001' });
    doc = await (await fetch(`${server.url}/openapi.json`)).json();
    token = (
      await (
        await fetch(`${server.url}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'agent', password: TRAINING_PASSWORD }),
        })
      ).json()
    ).token;
  });
  afterAll(async () => server?.close());

  const operation = (method: string, path: string) =>
    doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];

  it('describes every route the server registered, its own and its plugins’, and no other', () => {
    const routes = registeredRoutes(server.app.printRoutes({ commonPrefix: false }));
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/commands', '/twilio/voice', '/hub', '/hub/queues/:id']),
    );
    for (const { method, path } of routes) {
      const op = operation(method, path);
      expect(op, `${method} ${path}`).toBeDefined();
      expect(['public', 'agent', 'lead', 'admin', 'twilio'], `${method} ${path}`).toContain(
        op['x-access'],
      );
      for (const [, name] of path.matchAll(/:(\w+)/g))
        expect(
          op.parameters?.map((p) => p.name),
          `${method} ${path}`,
        ).toContain(name);
      for (const p of op.parameters ?? [])
        expect(p.schema, `${method} ${path} ${p.name}`).toBeTypeOf('object');
      // Its answers, each with the schema of its body: success, refusals and failures alike.
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
        expect.arrayContaining(['500', '503']),
      );
      expect(
        Object.keys(op.responses).some((code) => code.startsWith('2') || code === '101'),
        `${method} ${path}`,
      ).toBe(true);
      for (const [code, answer] of Object.entries(op.responses)) {
        expect(answer.description, `${method} ${path} ${code}`).not.toBe('');
        // Only a switch of protocols, no content, or a socket route's plain GET has no body.
        if (code === '101' || code === '204' || op['x-websocket']) continue;
        const schemas = Object.values(answer.content ?? {}).map((c) => c.schema);
        expect(schemas.length, `${method} ${path} ${code}`).toBeGreaterThan(0);
        for (const schema of schemas)
          expect(schema, `${method} ${path} ${code}`).toBeTypeOf('object');
      }
      if (op.requestBody)
        for (const { schema } of Object.values(op.requestBody.content))
          expect(schema, `${method} ${path}`).toBeTypeOf('object');
    }
    // The routes that read a body say its schema; the socket says its messages.
    for (const [method, path] of [
      ['POST', '/commands'],
      ['POST', '/sync/push'],
      ['POST', '/flows/published'],
      ['PUT', '/hub/queues/{id}'],
      ['POST', '/telephony/calls/{sid}/transfer'],
      ['POST', '/twilio/voice'],
    ])
      expect(operation(method, path).requestBody, `${method} ${path}`).toBeDefined();
    expect(operation('GET', '/hub')['x-websocket']).toMatchObject({
      receives: expect.any(Object),
      sends: expect.any(Object),
    });
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(
      routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort(),
    );
  });

  it('lists the answers the routes actually give', async () => {
    const send = (method: string, path: string, body?: unknown, auth = true) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const cases: [string, string, string, unknown?, boolean?][] = [
      ['GET', '/accounts/SM-0000000', '/accounts/:number'],
      ['GET', '/accounts/SM-8600001', '/accounts/:number'],
      [
        'POST',
        '/commands',
        '/commands',
        { command: { type: 'issueNotice', accountNumber: 'SM-8600001', kind: 'reminder' } },
      ],
      ['POST', '/commands', '/commands', { command: { type: 'addNote', accountNumber: 'x' } }],
      [
        'POST',
        '/commands',
        '/commands',
        { command: { type: 'addNote', accountNumber: 'SM-8600001', text: 'x'.repeat(2_000_000) } },
      ],
      ['POST', '/commands', '/commands', { command: {} }, false],
      ['POST', '/auth/sign-in', '/auth/sign-in', { username: 'agent', password: 'guess' }, false],
      ['GET', '/audit?account=SM-8600001', '/audit'],
      ['POST', '/twilio/voice', '/twilio/voice', {}, false],
      ['POST', '/telephony/calls/CA1/transfer/maybe', '/telephony/calls/:sid/transfer/:outcome'],
      ['GET', '/hub/intervals?date=2026-02-30&minutes=15', '/hub/intervals'],
    ];
    const seen: string[] = [];
    for (const [method, url, path, body, auth] of cases) {
      const r = await send(method, url, body, auth ?? true);
      const op = operation(method, path);
      expect(Object.keys(op.responses), `${method} ${url} answered ${r.status}`).toContain(
        String(r.status),
      );
      seen.push(`${path} ${r.status}`);
    }
    // Each answer the issue names: a missing account, a refused command, a body too large.
    expect(seen).toEqual(
      expect.arrayContaining([
        '/accounts/:number 404',
        '/commands 409',
        '/commands 400',
        '/commands 413',
        '/commands 401',
        '/auth/sign-in 401',
        '/audit 403',
      ]),
    );
  });
});
