import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import type { IdentityProviderSettings } from '../../server/auth/identity-provider-settings';
import { migrate } from '../../server/db/migrate';
import { seedUsers } from '../../server/seed/users';
import {
  signInAtProvider,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../support/identity-provider';
import { backends, freshDb, type TestDb } from './support';

const CALLBACK = 'http://tapline.test/auth/identity-provider/callback';

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider(CALLBACK);
}, 60_000);
afterAll(() => idp?.stop());

describe.each(await backends())('signing in through the identity provider on %s', (kind) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const settings = (): IdentityProviderSettings => ({
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    redirectUrl: CALLBACK,
    name: 'Utility Sign-In',
    groupsClaim: 'groups',
    roles: { 'cc-agents': 'agent', 'cc-leads': 'lead', 'it-admins': 'admin' },
    scope: 'openid profile groups',
  });
  beforeAll(async () => {
    t = await freshDb(kind);
    await migrate(t.db);
    await seedUsers(t.db);
    app = await buildServer({ db: t.db, identityProvider: settings() });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const start = async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/identity-provider/start' });
    expect(res.statusCode).toBe(200);
    return res.json() as { authorizationUrl: string; handoff: string };
  };
  const back = (url: URL, language = 'en') =>
    app.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      headers: { 'accept-language': language },
    });
  const finish = (handoff: string) =>
    app.inject({ method: 'POST', url: '/auth/identity-provider/finish', payload: { handoff } });

  it('says the provider’s name to the desk', async () => {
    const res = await app.inject({ method: 'GET', url: '/auth/identity-provider' });
    expect(res.json()).toEqual({ name: 'Utility Sign-In' });
  });

  it('signs a lead in with the lead role, links them by subject, and audits it', async () => {
    const { authorizationUrl, handoff } = await start();
    const sent = new URL(authorizationUrl);
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('nonce')).toBeTruthy();
    // Before the provider answers, the desk is told to wait.
    expect((await finish(handoff)).statusCode).toBe(202);
    const callback = await signInAtProvider(authorizationUrl, 'ana.lead');
    const page = await back(callback);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('signed in');
    const session = await finish(handoff);
    expect(session.statusCode).toBe(200);
    const { token, principal } = session.json();
    expect(principal).toMatchObject({ name: 'Ana Lead', role: 'lead' });
    const me = await app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({ role: 'lead', userId: principal.userId });
    // A lead's route admits the session.
    const leadOnly = await app.inject({
      method: 'GET',
      url: '/adjustments/pending',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(leadOnly.statusCode).not.toBe(403);
    // The session is collected once.
    expect((await finish(handoff)).statusCode).toBe(404);

    // Signing in again finds the same user by subject.
    const again = await start();
    await back(await signInAtProvider(again.authorizationUrl, 'ana.lead'));
    expect((await finish(again.handoff)).json().principal.userId).toBe(principal.userId);
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from identity_links where subject = 'ana.lead'",
    );
    expect(rows[0].n).toBe(1);
    const audit = await t.db.query<{ user_id: string; details: Record<string, string> }>(
      "select user_id, details from audit where action = 'signedIn' and details ->> 'method' = 'identityProvider'",
    );
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]).toMatchObject({
      user_id: principal.userId,
      details: { username: 'ana.lead' },
    });
    // No password signs in as a user the provider made.
    const { rows: made } = await t.db.query<{ username: string }>(
      'select username from users where id = $1',
      [principal.userId],
    );
    const byPassword = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username: made[0].username, password: '!identity-provider' },
    });
    expect(byPassword.statusCode).toBe(401);
  });

  it('gives the highest role of the user’s mapped groups', async () => {
    const { authorizationUrl, handoff } = await start();
    await back(await signInAtProvider(authorizationUrl, 'mia.admin'));
    expect((await finish(handoff)).json().principal.role).toBe('admin');
  });

  it('refuses a user in no mapped group, saying so in the user’s language, and audits it', async () => {
    const { authorizationUrl, handoff } = await start();
    const page = await back(await signInAtProvider(authorizationUrl, 'zoe.visitor'), 'es-MX');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('lang="es"');
    expect(page.body).toContain('ningún grupo');
    const refused = await finish(handoff);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'identity_provider_no_role' });
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from users where name = 'Zoe Visitor'",
    );
    expect(rows[0].n).toBe(0);
    const audit = await t.db.query<{ details: Record<string, string> }>(
      "select details from audit where action = 'signInFailed' and details ->> 'username' = 'zoe.visitor'",
    );
    expect(audit.rows[0].details).toMatchObject({ reason: 'identity_provider_no_role' });
  });

  it('refuses a forged state and a replayed answer', async () => {
    const { authorizationUrl, handoff } = await start();
    const callback = await signInAtProvider(authorizationUrl, 'ben.agent');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'made-up-by-an-attacker');
    expect((await back(forged)).statusCode).toBe(400);
    expect((await back(callback)).statusCode).toBe(200);
    // The same answer again (a replay) is refused, and the desk's sign-in is not disturbed.
    const replay = await back(callback);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('already used');
    expect((await finish(handoff)).json().principal.role).toBe('agent');
  });

  it('refuses an ID token minted for another nonce', async () => {
    const { authorizationUrl, handoff } = await start();
    const tampered = new URL(authorizationUrl);
    tampered.searchParams.set('nonce', 'a-nonce-of-another-sign-in');
    const page = await back(await signInAtProvider(tampered.href, 'ana.lead'));
    expect(page.statusCode).toBe(400);
    const refused = await finish(handoff);
    expect(refused.json()).toMatchObject({ error: 'identity_provider_invalid_answer' });
    const audit = await t.db.query<{ details: Record<string, string> }>(
      "select details from audit where action = 'signInFailed' and details ->> 'reason' = 'identity_provider_invalid_answer'",
    );
    expect(audit.rows[0].details.detail).toMatch(/nonce/);
  });

  it('refuses a handoff it never gave', async () => {
    expect((await finish('x'.repeat(43))).statusCode).toBe(404);
  });
});

describe('the identity provider down', () => {
  it('answers a clear 503 at the start, and a clear refusal when it goes away mid-sign-in', async () => {
    const t = await freshDb('pglite');
    await migrate(t.db);
    const own = await startTestIdentityProvider(CALLBACK);
    const app = await buildServer({
      db: t.db,
      identityProvider: settingsOf(own.issuer),
    });
    try {
      const started = (
        await app.inject({ method: 'POST', url: '/auth/identity-provider/start' })
      ).json();
      const callback = await signInAtProvider(started.authorizationUrl, 'ana.lead');
      await own.stop();
      // The code cannot be exchanged: the page and the desk say the provider does not answer.
      const page = await app.inject({
        method: 'GET',
        url: `${callback.pathname}${callback.search}`,
      });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('does not answer');
      const refused = await app.inject({
        method: 'POST',
        url: '/auth/identity-provider/finish',
        payload: { handoff: started.handoff },
      });
      expect(refused.json()).toMatchObject({ error: 'identity_provider_unavailable' });
      // A server that never reached it answers 503 at the start.
      const cold = await buildServer({
        db: t.db,
        identityProvider: settingsOf(own.issuer),
      });
      const res = await cold.inject({ method: 'POST', url: '/auth/identity-provider/start' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: 'identity_provider_unavailable' });
      await cold.close();
    } finally {
      await app.close();
      await own.stop();
      await t.drop();
    }
  }, 60_000);
});

function settingsOf(issuer: string): IdentityProviderSettings {
  return {
    issuer,
    clientId: 'tapline',
    clientSecret: 'tapline-test-secret',
    redirectUrl: CALLBACK,
    name: 'Utility Sign-In',
    groupsClaim: 'groups',
    roles: { 'cc-leads': 'lead' },
    scope: 'openid profile groups',
  };
}
