import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { FREE_FAILURES } from '../../server/auth/throttle';
import { knownMigrations, migrate } from '../../server/db/migrate';
import { seedUsers, TRAINING_PASSWORD } from '../../server/seed/users';
import { backends, freshDb, type TestDb } from './support';

describe.each(await backends())('signing in on %s', (kind) => {
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

  const signIn = (username: string, password: string, ip = '10.0.0.7') =>
    app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username, password },
      remoteAddress: ip,
    });
  const later = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  it('gives every user a salt of their own', async () => {
    const { rows } = await t.db.query<{ password_hash: string }>('select password_hash from users');
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
  });

  it('slows a guesser down after five failures, twice as long each time, the right password too', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 60; i++) answers.push((await signIn('lead', `guess-${i}`)).statusCode);
    // Five failures are answered as failures; from then on the guesser waits (none of the 55
    // later guesses was even checked).
    expect(answers.slice(0, FREE_FAILURES)).toEqual(Array(FREE_FAILURES).fill(401));
    expect(answers.slice(FREE_FAILURES)).toEqual(Array(60 - FREE_FAILURES).fill(429));
    const throttled = await signIn('lead', TRAINING_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ error: 'too_many_attempts' });
    expect(Number(throttled.headers['retry-after'])).toBe(1);
    // Another user, from another address, is not held up.
    expect((await signIn('agent', TRAINING_PASSWORD, '10.0.0.8')).statusCode).toBe(200);
    // After the wait, one more try; a wrong one doubles the wait.
    later(1);
    expect((await signIn('lead', 'still-guessing')).statusCode).toBe(401);
    expect(Number((await signIn('lead', TRAINING_PASSWORD)).headers['retry-after'])).toBe(2);
    later(2);
    expect((await signIn('lead', TRAINING_PASSWORD)).statusCode).toBe(200);
  });

  it('audits every attempt with the user name and address, never the password', async () => {
    const { rows } = await t.db.query<{ action: string; n: number }>(
      "select action, count(*)::int as n from audit where action like 'sign%' group by action order by action",
    );
    expect(rows).toEqual([
      { action: 'signInFailed', n: FREE_FAILURES + 1 },
      { action: 'signInThrottled', n: 60 - FREE_FAILURES + 2 },
      { action: 'signedIn', n: 2 },
    ]);
    const { rows: all } = await t.db.query<{ details: unknown }>(
      "select details from audit where action like 'sign%'",
    );
    expect(JSON.stringify(all)).not.toContain('guess');
    expect(JSON.stringify(all)).not.toContain(TRAINING_PASSWORD);
    expect(all[0].details).toEqual({ username: 'lead', address: '10.0.0.7' });
  });
});

describe.each(await backends())('migration 0011 (sign-in attempts) on %s', (kind) => {
  it('keeps the audit trail written before it', async () => {
    const t = await freshDb(kind);
    try {
      await migrate(
        t.db,
        knownMigrations().filter((m) => m.version < 11),
      );
      await t.db.query(
        "insert into audit (user_id, action, details) values ('u-agent', 'noteAdded', '{}')",
      );
      expect(await migrate(t.db)).toContain(11);
      const { rows } = await t.db.query('select user_id, action from audit');
      expect(rows).toEqual([{ user_id: 'u-agent', action: 'noteAdded' }]);
    } finally {
      await t.drop();
    }
  });
});
