import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { FREE_FAILURES } from '../../server/auth/throttle';
import { migrate } from '../../server/db/migrate';
import { seedUsers, TRAINING_PASSWORD } from '../../server/seed/users';
import { backends, freshDb, type TestDb } from './support';

describe.each(await backends())('unlocking a locked desk on %s', (kind) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let clock = new Date('2026-11-17T15:00:00Z');
  beforeAll(async () => {
    t = await freshDb(kind);
    await migrate(t.db);
    await seedUsers(t.db);
    app = await buildServer({ db: t.db, now: () => clock });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const signIn = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username, password: TRAINING_PASSWORD },
    });
    return res.json().token as string;
  };
  const unlock = (token: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/auth/unlock',
      payload: { password },
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: '10.0.0.9',
    });

  it('takes the session user’s own password, and no other user’s', async () => {
    const agent = await signIn('agent');
    expect((await unlock(agent, TRAINING_PASSWORD)).json()).toEqual({ ok: true });
    const wrong = await unlock(agent, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'bad_credentials' });
    expect((await unlock('no-such-session', TRAINING_PASSWORD)).statusCode).toBe(401);
    const { rows } = await t.db.query<{ action: string; details: Record<string, string> }>(
      "select action, details from audit where action in ('unlocked', 'signInFailed') order by action",
    );
    expect(rows.map((r) => r.action)).toEqual(['signInFailed', 'unlocked']);
    expect(rows[0].details).toEqual({ username: 'agent', address: '10.0.0.9' });
  });

  it('counts wrong passwords with sign-in’s throttle: guessing at the lock slows sign-in too', async () => {
    const lead = await signIn('lead');
    const answers: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 2; i++)
      answers.push((await unlock(lead, `guess-${i}`)).statusCode);
    expect(answers).toEqual([...Array(FREE_FAILURES).fill(401), 429, 429]);
    // The right password waits too; and so does signing in afresh under the same name.
    const held = await unlock(lead, TRAINING_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    const signInHeld = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username: 'lead', password: TRAINING_PASSWORD },
    });
    expect(signInHeld.statusCode).toBe(429);
    clock = new Date(clock.getTime() + 60_000);
    expect((await unlock(lead, TRAINING_PASSWORD)).statusCode).toBe(200);
  });
});
