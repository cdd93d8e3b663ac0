import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildServer } from '../../../server/app';
import type { Auth } from '../../../server/auth/sessions';
import { migrate } from '../../../server/db/migrate';
import { json } from '../../../server/http/answers';
import { routeHelper } from '../../../server/http/route';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/users';
import { freshDb, type TestDb } from '../support';

/** A route whose handler fails as a bug would, its message carrying a card number. */
const failing: FastifyPluginAsync<{ auth: Auth }> = async (app, { auth }) => {
  routeHelper(app, { auth })({
    method: 'GET',
    url: '/test/fails',
    summary: 'Fails',
    tags: ['test'],
    access: 'public',
    responses: { 200: json('Never', z.object({})) },
    handler: async () => {
      throw new Error('could not post 4111.1111.1111.1111 to the ledger');
    },
  });
};

describe('the server’s log', () => {
  let t: TestDb;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await freshDb('pglite');
    await migrate(t.db);
    await seedUsers(t.db);
    app = await buildServer({
      db: t.db,
      plugins: [{ plugin: failing }],
      logger: {
        stream: new Writable({
          write(chunk, _enc, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('records a 500 with its request id and stack, one JSON line each', async () => {
    const r = await app.inject({ method: 'GET', url: '/test/fails' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: 'internal', message: 'internal error' });
    const entries = lines.map((l) => JSON.parse(l));
    const failure = entries.find((e) => e.level === 50);
    expect(failure).toMatchObject({ msg: 'internal error', reqId: expect.any(String) });
    expect(failure.err.stack).toContain('the-server-logs-every-failure-and-no-secret.test.ts');
    expect(entries.filter((e) => e.reqId === failure.reqId).map((e) => e.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'internal error', 'request completed']),
    );
  });

  it('never writes a card number, a session token or a password', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username: 'agent', password: TRAINING_PASSWORD },
    });
    const { token } = signIn.json() as { token: string };
    await app.inject({
      method: 'GET',
      url: '/accounts?q=4111111111111111',
      headers: { authorization: `Bearer ${token}` },
    });
    await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username: 'agent', password: 'wrong-password-9' },
    });
    const log = lines.join('');
    expect(log).toContain('/accounts');
    for (const secret of [
      token,
      TRAINING_PASSWORD,
      'wrong-password-9',
      '4111111111111111',
      '4111.1111',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
