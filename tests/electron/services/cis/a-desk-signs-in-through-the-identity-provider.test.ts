import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServices, createAppServices } from '../../../../electron/services/app-services';
import type { CisServer } from '../../../../server/start';
import { TEST_CACHE_KEY } from '../../../support/desk';
import { signInAtProvider } from '../../../support/identity-provider';
import { cisWithTestProvider } from '../../../support/identity-provider/central-cis';

/**
 * The desk signs in through the identity provider as it does with a password: the CIS and the
 * provider are real (each its own server), the browser is the test following the provider's page
 * the desk asked to open (`auth.providerPage`, as the web host has it opened).
 */
describe('a desk signing in through the identity provider', () => {
  let cis: CisServer;
  let central: Awaited<ReturnType<typeof cisWithTestProvider>>;
  let desk: AppServices;
  let dataDir: string;
  /** Who the "browser" signs in as at the provider's page. */
  let login = 'ana.lead';

  beforeAll(async () => {
    central = await cisWithTestProvider();
    cis = central.cis;
    dataDir = mkdtempSync(join(tmpdir(), 'tapline-desk-idp-'));
    desk = await createAppServices({
      host: 'web',
      dataDir,
      version: '0.0.0-test',
      cacheKey: TEST_CACHE_KEY,
      cisUrl: cis.url,
      syncIntervalMs: 60_000,
      log: () => {},
    });
    desk.registry.onEvent((event, payload) => {
      // No login: the user closed the provider's page.
      if (event !== 'auth.providerPage' || !login) return;
      void signInAtProvider((payload as { url: string }).url, login).then((back) => fetch(back));
    });
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
    await central?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('offers the provider by name before anyone signs in', async () => {
    const r = await desk.registry.call('auth.session', {}, desk.session);
    expect(r.ok && r.value).toMatchObject({ principal: null, identityProvider: 'Utility Sign-In' });
  });

  it('signs a lead in with the lead role, the session as a password gives', async () => {
    const r = await desk.registry.call('auth.providerSignIn', {}, desk.session);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      principal: { name: 'Ana Lead', role: 'lead' },
      signedInWith: 'identityProvider',
      lockAfterMinutes: 15,
    });
    expect(desk.session).toMatchObject({ role: 'lead', userId: r.value.principal?.userId });
    // The session works for a lead's channel at the CIS.
    const queue = await desk.registry.call('approvals.pending', {}, desk.session);
    expect(queue.ok).toBe(true);
  });

  it('unlocks for the same user only, keeping the desk’s session', async () => {
    const token = desk.session.token;
    const locked = await desk.registry.call('auth.lock', {}, desk.session);
    expect(locked.ok && locked.value.locked).toBe(true);
    const seen = await desk.registry.call('auth.session', {}, desk.session);
    expect(seen.ok && seen.value.locked).toBe(true);
    const again = await desk.registry.call('auth.providerSignIn', {}, desk.session);
    expect(again.ok && again.value.locked).toBe(false);
    expect(desk.session.token).toBe(token);
    login = 'ben.agent';
    const other = await desk.registry.call('auth.providerSignIn', {}, desk.session);
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(desk.session).toMatchObject({ token, role: 'lead' });
  }, 30_000);

  it('refuses a user in no mapped group, in words the desk shows', async () => {
    await desk.registry.call('auth.signOut', {}, desk.session);
    login = 'zoe.visitor';
    const r = await desk.registry.call('auth.providerSignIn', {}, desk.session);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'identity_provider_no_role', messageKey: 'errors:identity_provider_no_role' },
    });
    expect(desk.session.userId).toBeNull();
  }, 30_000);

  it('gives up a sign-in whose page was closed once the user starts over', async () => {
    await desk.registry.call('auth.signOut', {}, desk.session);
    login = '';
    const abandoned = desk.registry.call('auth.providerSignIn', {}, desk.session);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    login = 'ben.agent';
    const fresh = await desk.registry.call('auth.providerSignIn', {}, desk.session);
    expect(fresh.ok && fresh.value.principal?.name).toBe('Ben Agent');
    // The first answers without an error, and without a session of its own.
    expect((await abandoned).ok).toBe(true);
    expect(desk.session.role).toBe('agent');
  }, 30_000);
});
