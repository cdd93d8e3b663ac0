import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LocalCache, type OutboxItem } from '../../../db/cache';
import type { Principal } from '../../../shared/cis';
import { DEMO_USERS } from '../../../shared/cis/training-users';
import { getCollectionPolicy } from '../../../shared/collections';
import type { HubSettings } from '../../../shared/hub/settings';
import type { AccountView, SessionView } from '../../../shared/ipc';
import { IpcFailure, ipcError, ipcErrorCode } from '../../../shared/ipc';
import { getUtilityProfile } from '../../../shared/rates';
import { getFieldServiceProfile } from '../../../shared/service';
import { defaultUtilityId } from '../../../shared/utilities';
import { providerPageUrl } from '../external-page';
import type { CallerSession, HandlerRegistry } from '../registry';
import { queueCommand, registerActionHandlers } from './actions';
import { CisClient, OfflineError, ServerError, ServerRefusal } from './client';
import { registerCounterHandlers } from './counter';
import { type EmbeddedCis, startEmbeddedCis } from './embedded-cis';
import { registerFollowUpHandlers } from './follow-up';
import { SyncEngine } from './sync';
import { registerUserHandlers } from './users';

export interface CisServiceOptions {
  registry: HandlerRegistry;
  session: CallerSession;
  dataDir: string;
  /** 64 hex characters protecting the cache at rest. */
  cacheKey: string;
  /** An external CIS; without it the embedded reference CIS runs in a worker thread. */
  cisUrl?: string;
  /**
   * The CIS is a training one whose demo users the sign-in offers (default: the embedded CIS
   * is, an external one is not; TAPLINE_TRAINING=1 says a central CIS is a training one).
   */
  training?: boolean;
  embedded?: { utilityId: string; accounts: number };
  detailDays?: number;
  syncIntervalMs?: number;
  /** The embedded CIS's hub for team leads. */
  hub?: HubSettings;
  /** Minutes without keyboard or pointer before the desk locks (TAPLINE_LOCK_MINUTES, at most 15). */
  lockAfterMinutes?: number;
  /**
   * Opens the identity provider's sign-in page in the system's browser (Electron's shell); without
   * it the page's URL is sent to the renderer (`auth.providerPage`), which opens it (the web host).
   */
  openExternal?: (url: string) => Promise<void>;
  /** How often the desk asks whether the provider has answered (ms; tests shorten it). */
  providerPollMs?: number;
  log?: (message: string, details?: unknown) => void;
}

export interface CisService {
  client: CisClient;
  /** Settles when the CIS (embedded or external) can be reached for sign-in. */
  ready: Promise<void>;
  cache: LocalCache;
  sync: SyncEngine;
  /** The embedded CIS's worker (null when pointed at an external CIS, or stopped). */
  embedded(): EmbeddedCis | null;
  /** Stops or restarts the embedded server on the same port (training: practise offline work). */
  stopEmbedded(): Promise<void>;
  startEmbedded(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The desktop's side of the CIS: sign-in, the encrypted cache, sync, and the account channels.
 * By default it starts the reference CIS in a worker thread on 127.0.0.1 (PGlite in the data
 * folder, seeded with a synthetic utility on first start): this thread only hears its URL.
 */
export async function createCisService(o: CisServiceOptions): Promise<CisService> {
  const log = o.log ?? (() => {});
  const embeddedSeed = o.embedded ?? { utilityId: defaultUtilityId, accounts: 2000 };
  const training = o.training ?? !o.cisUrl;
  let embedded: EmbeddedCis | null = null;
  let port = 0;
  const startServer = async () => {
    embedded = startEmbeddedCis({ dataDir: o.dataDir, port, seed: embeddedSeed, hub: o.hub }, (m) =>
      log(m),
    );
    const address = await embedded.ready;
    port = address.port;
    return address.url;
  };
  const cache = LocalCache.open({
    file: join(o.dataDir, 'cache.db'),
    key: o.cacheKey,
    detailDays: o.detailDays,
  });
  const client = new CisClient({ baseUrl: o.cisUrl ?? '' });
  // The embedded CIS starts in the background: the first screen does not wait for it.
  const ready = o.cisUrl ? Promise.resolve() : startServer().then((url) => client.setBaseUrl(url));
  ready.catch((err) => log('the embedded CIS did not start', (err as Error).message));
  const whenReady = async () => {
    try {
      await ready;
    } catch {
      throw new IpcFailure(ipcError('offline', { reason: 'cis-not-started' }));
    }
  };
  const clientId = cache.clientId(randomUUID);
  const r = o.registry;

  const sync = new SyncEngine({
    cache,
    client,
    clientId,
    intervalMs: o.syncIntervalMs,
    issuer: () => o.session.userId,
    events: {
      status: (status) => r.emit('sync.status', status),
      outcome: (item: OutboxItem, _outcome, duplicate) => {
        const fresh = cache.outboxItem(item.seq) ?? item;
        r.emit('command.outcome', { item: fresh, duplicate });
      },
      accountsChanged: (numbers) => r.emit('account.changed', { numbers }),
    },
  });

  let principal: SessionView['principal'] = null;
  let signedInWith: SessionView['signedInWith'] = null;
  let identityProvider: string | null = null;
  let locked = false;
  const sessionView = (): SessionView => ({
    principal,
    training,
    demoUsers: !training
      ? []
      : DEMO_USERS.map(({ username, name, role }) => ({ username, name, role })),
    cisUrl: client.baseUrl,
    identityProvider,
    signedInWith: principal ? signedInWith : null,
    lockAfterMinutes: o.lockAfterMinutes ?? 15,
    locked: principal ? locked : false,
  });
  /** Asked of the CIS on every look at the session: a CIS may start or stop offering it. */
  const askIdentityProvider = async () => {
    identityProvider = await client.identityProvider().catch(() => identityProvider);
  };
  const beginSession = (token: string, p: NonNullable<SessionView['principal']>) => {
    principal = p;
    locked = false;
    client.setToken(token);
    Object.assign(o.session, { role: p.role, userId: p.userId, token });
    sync.start();
    const view = sessionView();
    r.emit('session.changed', view);
    return view;
  };
  const providerRefusal = (err: unknown): never => {
    if (err instanceof ServerRefusal && err.status === 403) {
      const code = ipcErrorCode.safeParse((err.body as { error?: unknown })?.error);
      if (code.success) throw new IpcFailure(ipcError(code.data));
    }
    if (err instanceof ServerError && err.status === 503)
      throw new IpcFailure(ipcError('identity_provider_unavailable'));
    if (err instanceof ServerRefusal && err.status === 404)
      throw new IpcFailure(ipcError('identity_provider_refused'));
    return offline(err);
  };
  const offline = (err: unknown): never => {
    if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
    throw err;
  };

  r.handle('auth.session', async () => {
    if (!principal) await ready.then(askIdentityProvider, () => {});
    return sessionView();
  });
  /** The server's refusals of a password, in the desk's words. */
  const refusedPassword = (err: unknown): never => {
    if (err instanceof ServerRefusal) {
      const code = (err.body as { error?: string; field?: string } | null)?.error;
      if (err.status === 401) throw new IpcFailure(ipcError('bad_credentials'));
      if (err.status === 429) throw new IpcFailure(ipcError('too_many_attempts'));
      if (err.status === 403 && code === 'password_change_required')
        throw new IpcFailure(ipcError('password_change_required'));
      if (err.status === 409 && code === 'same_password')
        throw new IpcFailure(ipcError('same_password'));
      if (err.status === 422)
        throw new IpcFailure(
          ipcError('weak_password', { problem: (err.body as { field?: string }).field }),
        );
    }
    return offline(err);
  };
  r.handle('auth.signIn', async ({ username, password }) => {
    await whenReady();
    providerAttempt++;
    try {
      const { token, principal: p } = await client.signIn(username, password);
      signedInWith = 'password';
      return beginSession(token, p);
    } catch (err) {
      return refusedPassword(err);
    }
  });
  r.handle('auth.changePassword', async ({ username, password, newPassword }) => {
    await whenReady();
    providerAttempt++;
    try {
      const { token, principal: p } = await client.changePassword(username, password, newPassword);
      signedInWith = 'password';
      return beginSession(token, p);
    } catch (err) {
      return refusedPassword(err);
    }
  });
  /** The sign-in through the provider under way: another one, or a sign-in or out, ends it. */
  let providerAttempt = 0;
  r.handle('auth.providerSignIn', async () => {
    await whenReady();
    const mine = ++providerAttempt;
    const before = principal?.userId ?? null;
    try {
      const { authorizationUrl, handoff } = await client.startProviderSignIn();
      const page = providerPageUrl(authorizationUrl);
      if (!page) throw new IpcFailure(ipcError('identity_provider_invalid_answer'));
      // The opener given (Electron's shell in electron/main) takes only such a checked page.
      if (o.openExternal) await o.openExternal(/* eng-disable OPEN_EXTERNAL_JS_CHECK */ page);
      else r.emit('auth.providerPage', { url: page });
      // The provider's page takes as long as the user does: asked until the sign-in expires.
      const until = Date.now() + 10 * 60_000;
      while (Date.now() < until) {
        // Given up for another sign-in (the user closed the provider's page and started over).
        if (mine !== providerAttempt) return sessionView();
        const answer = await client.finishProviderSignIn(handoff);
        if ('token' in answer) {
          if (!before) {
            signedInWith = 'identityProvider';
            return beginSession(answer.token, answer.principal);
          }
          // Unlocking a locked desk: the provider vouched for the user again; the desk keeps
          // its session (the hub and the softphone stay as they are) and the new one ends.
          await client.signOut(answer.token).catch(() => {});
          if (before !== answer.principal.userId) throw new IpcFailure(ipcError('forbidden'));
          locked = false;
          return sessionView();
        }
        await new Promise((resolve) => setTimeout(resolve, o.providerPollMs ?? 1000));
      }
      throw new IpcFailure(ipcError('identity_provider_refused'));
    } catch (err) {
      if (err instanceof IpcFailure) throw err;
      return providerRefusal(err);
    }
  });
  r.handle('auth.lock', () => {
    locked = true;
    return sessionView();
  });
  r.handle('auth.unlock', async ({ password }) => {
    try {
      const answer = await client.unlock(password);
      locked = false;
      return answer;
    } catch (err) {
      if (err instanceof ServerRefusal && err.status === 401)
        throw new IpcFailure(ipcError('bad_credentials'));
      if (err instanceof ServerRefusal && err.status === 429)
        throw new IpcFailure(ipcError('too_many_attempts'));
      return offline(err);
    }
  });
  r.handle('auth.signOut', async () => {
    providerAttempt++;
    await client.signOut().catch(() => {});
    void sync.stop();
    client.setToken(null);
    principal = null;
    Object.assign(o.session, { role: null, userId: null, token: null });
    const view = sessionView();
    r.emit('session.changed', view);
    return view;
  });

  const viewOf = (number: string): AccountView => {
    const header = cache.header(number);
    if (!header) throw new IpcFailure(ipcError('not_found', { accountNumber: number }));
    const cached = cache.detail(number);
    const p = getUtilityProfile(header.utilityId);
    return {
      header: cached?.detail.header ?? header,
      utility: p
        ? {
            id: p.id,
            name: p.name,
            unit: p.unit,
            illustrative: p.illustrative,
            effective: p.effective,
            usageThresholds: p.usageThresholds,
            timeZone: getFieldServiceProfile(p.id)?.timeZone,
            disconnectionRules: getCollectionPolicy(p.id)?.disconnection.rulesGathered ?? false,
          }
        : null,
      detail: cached?.detail ?? null,
      fetchedAt: cached?.fetchedAt ?? null,
      stale: cached?.stale ?? false,
    };
  };
  const refresh = async (number: string): Promise<AccountView> => {
    const detail = await client.detail(number);
    cache.putDetail(detail, Date.now());
    return viewOf(number);
  };

  r.handle('account.search', ({ query, limit = 20 }) => {
    // One beyond the limit says whether there are more, without counting every match.
    const hits = cache.search(query, limit + 1);
    return { results: hits.slice(0, limit), more: hits.length > limit };
  });
  r.handle('account.byPhone', ({ phone }) => ({ results: cache.byPhone(phone) }));
  r.handle('account.open', ({ number }) => {
    const view = viewOf(number);
    if (!view.detail || view.stale) {
      // The header shows at once; the detail follows when the server answers.
      refresh(number).then(
        () => r.emit('account.changed', { numbers: [number] }),
        (err) => log(`detail of ${number} not fetched`, (err as Error).message),
      );
    }
    return view;
  });
  r.handle('account.refresh', async ({ number }) => {
    try {
      return await refresh(number);
    } catch (err) {
      if (err instanceof OfflineError) {
        const view = viewOf(number);
        if (view.detail) return { ...view, stale: true };
      }
      return offline(err);
    }
  });
  r.handle('account.addNote', ({ accountNumber, text }, session) =>
    queueCommand(cache, sync, session, { type: 'addNote', accountNumber, text }),
  );
  registerActionHandlers({ registry: r, cache, client, sync });
  registerUserHandlers({ registry: r, client });
  registerFollowUpHandlers({ registry: r, cache, client, sync });
  registerCounterHandlers({ registry: r, client });
  r.handle('account.outbox', ({ accountNumber }) => ({ items: cache.outbox({ accountNumber }) }));
  r.handle('sync.status', () => sync.current());
  r.handle('sync.now', async () => {
    await sync.syncNow();
    return sync.current();
  });

  const expiry = setInterval(() => cache.expireDetails(Date.now()), 3600_000);
  expiry.unref();

  return {
    client,
    ready,
    cache,
    sync,
    embedded: () => embedded,
    async stopEmbedded() {
      await ready;
      await embedded?.stop();
      embedded = null;
    },
    async startEmbedded() {
      if (!embedded && !o.cisUrl) await startServer();
    },
    async close() {
      clearInterval(expiry);
      // A round still running would write to the cache after it is closed.
      await sync.stop();
      // A worker still seeding is ended at once; its seed continues on the next start.
      await embedded?.stop();
      await ready.catch(() => {});
      cache.close();
    },
  };
}
