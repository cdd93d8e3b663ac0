import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  type AdjustmentRequest,
  accountDetail as accountDetailSchema,
  accountHeader,
  adjustmentRequest,
  commandOutcome,
  command as commandSchema,
  principal as principalSchema,
  pullResponse,
  pushRequest,
  pushResponse,
  signInRequest,
  snapshotResponse,
  storableString,
} from '../shared/cis';
import { Temporal } from '../shared/dates';
import { identityProviderPlugin } from './auth/identity-provider-plugin';
import type { IdentityProviderSettings } from './auth/identity-provider-settings';
import { userRoutes } from './auth/routes';
import { checkPassword, openSession, passwordMatches, sessionAuth } from './auth/sessions';
import { auditSignIn, throttled, tooManyAttempts } from './auth/throttle';
import { accountDetail, findByPhone, searchAccounts } from './cis/reads';
import {
  applyCommand,
  auditRejection,
  failedCommand,
  isTransient,
  outcomeOfRejection,
  Rejection,
} from './commands';
import { counterPlugin } from './counter/plugin';
import type { Db } from './db/database';
import { flowsPlugin } from './flows/plugin';
import type { Mailer } from './follow-up/mailer';
import { followUpPlugin } from './follow-up/plugin';
import { json, refusal } from './http/answers';
import { loggerOptions, type ServerLog } from './http/logging';
import { openApiDocument, openApiShape } from './http/openapi';
import { type DeclaredRoute, routeHelper } from './http/route';
import { paymentsPlugin } from './payments/plugin';
import { readsPlugin } from './reads/plugin';
import { pullChanges, snapshotPage } from './sync/pull';
import { ClientOfAnotherUser, pushCommands } from './sync/push';
import { worklistsPlugin } from './worklists/plugin';

/** A plugin of the server (telephony, the hub): it declares its routes with server/http/route.ts. */
export interface ServerPlugin {
  // biome-ignore lint/suspicious/noExplicitAny: each plugin declares its own options beyond db and auth
  plugin: FastifyPluginAsync<any>;
  options?: Record<string, unknown>;
}

export interface BuildOptions {
  db: Db;
  version?: string;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (Fastify's `trustProxy`: addresses or
   * CIDR ranges, comma-separated). Unset: the peer's own address, so a header cannot choose the
   * address sign-in throttling counts.
   */
  trustProxy?: string;
  now?: () => Date;
  /** The calendar date business rules use (the utility's today). */
  today?: () => Temporal.PlainDate;
  plugins?: ServerPlugin[];
  /** Sign-in through the utility's identity provider (server/auth/identity-provider-settings.ts). */
  identityProvider?: IdentityProviderSettings | null;
  /** Sends customers' e-mail (letters): SMTP from TAPLINE_SMTP_URL in `npm run server`. */
  mailer?: Mailer;
  /** The structured log (off unless given: tests pass a stream, `npm run server` standard output). */
  logger?: ServerLog | false;
}

const accountNumber = z.string().regex(/^[A-Z0-9-]{4,20}$/, 'not an account number');

/** Oldest first for a queue to work through; newest first for a list of one's own requests. */
async function adjustmentRequests(
  db: Db,
  where: string,
  params: unknown[],
  order: 'asc' | 'desc',
): Promise<AdjustmentRequest[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select a.id, a.account_number, c.name, a.kind, a.amount_cents, a.reason, a.approver, u.name as requested_by,
            a.created_at, a.status, d.name as decided_by, a.decision_reason, a.decided_at
       from adjustments a join accounts ac on ac.number = a.account_number join customers c on c.id = ac.customer_id
       left join users u on u.id = a.requested_by left join users d on d.id = a.decided_by
      where ${where} order by a.created_at ${order} limit 200`,
    params,
  );
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
  return rows.map((r) => ({
    id: String(r.id),
    accountNumber: String(r.account_number),
    name: String(r.name),
    kind: r.kind as AdjustmentRequest['kind'],
    amountCents: Number(r.amount_cents),
    reason: String(r.reason),
    approver: r.approver as AdjustmentRequest['approver'],
    requestedBy: String(r.requested_by ?? ''),
    createdAt: iso(r.created_at)!,
    status: r.status as AdjustmentRequest['status'],
    decidedBy: r.decided_by == null ? null : String(r.decided_by),
    decisionReason: r.decision_reason == null ? null : String(r.decision_reason),
    decidedAt: iso(r.decided_at),
  }));
}

export async function buildServer(options: BuildOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const today = options.today ?? (() => Temporal.Now.plainDateISO());
  const auth = sessionAuth(db);
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger) : false,
    bodyLimit: 1024 * 1024,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  const version = options.version ?? '0.0.0';
  /** Every route registered, by the core and by the plugins, as the route helper declared it. */
  const declared: DeclaredRoute[] = [];
  app.addHook('onRoute', (r) => {
    if ([r.method].flat().every((m) => m === 'HEAD')) return;
    // One way to add a route: a route that did not come through the helper stops the start.
    if (!r.config?.declared)
      throw new Error(`${r.method} ${r.url} is not declared with server/http/route.ts`);
    declared.push({ ...r.config.declared, url: r.url });
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err.statusCode && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send({ error: err.code ?? 'bad_request', message: err.message });
    }
    if (isTransient(err)) {
      req.log.warn({ err }, 'database busy or away');
      return reply.code(503).send({ error: 'unavailable', message: 'try again' });
    }
    req.log.error({ err }, 'internal error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'no such route' }),
  );

  const route = routeHelper(app, { auth });

  route({
    method: 'GET',
    url: '/health',
    summary: 'Liveness and version',
    tags: ['server'],
    access: 'public',
    responses: {
      200: json(
        'Up',
        z.object({
          ok: z.boolean(),
          version: z.string(),
          database: z.enum(['pglite', 'postgres']),
        }),
      ),
    },
    handler: async () => ({ ok: true, version, database: db.kind }),
  });

  let document: ReturnType<typeof openApiDocument> | null = null;
  route({
    method: 'GET',
    url: '/openapi.json',
    summary: 'This document: every route with its request and its answers',
    tags: ['server'],
    access: 'public',
    responses: { 200: json('The OpenAPI 3.1 document', openApiShape) },
    // The routes are all registered once the server is ready: the document is made once.
    handler: async () => {
      document ??= openApiDocument(declared, version);
      return document;
    },
  });

  route({
    method: 'POST',
    url: '/auth/sign-in',
    summary: 'Sign in with a password; answers a session token',
    tags: ['auth'],
    access: 'public',
    body: signInRequest,
    responses: {
      200: json(
        'The session token and who it belongs to',
        z.object({ token: z.string(), principal: principalSchema }),
      ),
      401: refusal('Wrong user name or password (or the user is disabled)'),
      403: refusal(
        'The password is a temporary one an administrator set: choose a new one (POST /auth/password)',
      ),
      429: refusal('Too many failed attempts for this user name or from this address: wait'),
    },
    handler: async ({ body, req, reply, answer }) => {
      const attempt = { username: body.username, address: req.ip };
      const at = now();
      const wait = await throttled(db, attempt, null, at);
      if (wait > 0) return answer(429, tooManyAttempts(reply, wait));
      const checked = await checkPassword(db, body.username, body.password);
      const userId = checked.ok ? checked.user.id : checked.userId;
      // The right temporary password is no failure: the user goes on to choose their own.
      const failed = !checked.ok && checked.why !== 'mustChangePassword';
      const action = checked.ok ? 'signedIn' : failed ? 'signInFailed' : 'passwordChangeRequired';
      await auditSignIn(db, action, attempt, userId, at);
      if (checked.ok) return openSession(db, checked.user);
      if (checked.why === 'mustChangePassword')
        return answer(403, {
          error: 'password_change_required',
          message: 'choose a new password: this one was set by an administrator',
        });
      return answer(401, { error: 'bad_credentials', message: 'wrong user name or password' });
    },
  });
  route({
    method: 'POST',
    url: '/auth/unlock',
    summary: 'The locked desk: the signed-in user’s password again (throttled as sign-in is)',
    tags: ['auth'],
    access: 'agent',
    body: z.object({ password: z.string().min(1).max(200) }).strict(),
    responses: {
      200: json('The password is the user’s', z.object({ ok: z.boolean() })),
      401: refusal('Wrong password'),
      429: refusal('Too many failed attempts for this user name or from this address: wait'),
    },
    handler: async ({ body, principal, req, reply, answer }) => {
      const { rows } = await db.query<{ username: string }>(
        'select username from users where id = $1',
        [principal.userId],
      );
      const attempt = { username: rows[0]?.username ?? principal.userId, address: req.ip };
      const at = now();
      const wait = await throttled(db, attempt, principal.userId, at);
      if (wait > 0) return answer(429, tooManyAttempts(reply, wait));
      const ok = await passwordMatches(db, principal.userId, body.password);
      await auditSignIn(db, ok ? 'unlocked' : 'signInFailed', attempt, principal.userId, at);
      if (!ok) return answer(401, { error: 'bad_credentials', message: 'wrong password' });
      return { ok: true };
    },
  });
  route({
    method: 'POST',
    url: '/auth/sign-out',
    summary: 'End the session',
    tags: ['auth'],
    access: 'agent',
    responses: { 200: json('Ended', z.object({ ok: z.boolean() })) },
    handler: async ({ token }) => {
      await auth.end(token);
      return { ok: true };
    },
  });
  route({
    method: 'GET',
    url: '/me',
    summary: 'Who the token belongs to',
    tags: ['auth'],
    access: 'agent',
    responses: { 200: json('The signed-in user', principalSchema) },
    handler: async ({ principal }) => principal,
  });

  route({
    method: 'GET',
    url: '/accounts',
    summary: 'Find accounts by phone (any format) or by number, name or address',
    tags: ['accounts'],
    access: 'agent',
    query: z
      .object({
        phone: storableString().max(40).optional(),
        q: storableString().max(100).optional(),
      })
      .strict()
      .refine((q) => Boolean(q.phone || q.q), { message: 'give phone or q', path: ['q'] }),
    responses: { 200: json('The accounts found', z.object({ results: z.array(accountHeader) })) },
    handler: async ({ query }) => {
      if (query.phone) return { results: await findByPhone(db, query.phone) };
      return { results: await searchAccounts(db, query.q ?? '') };
    },
  });
  route({
    method: 'GET',
    url: '/accounts/:number',
    summary: 'An account with its customer, premise, meters, reads, bills, payments and history',
    tags: ['accounts'],
    access: 'agent',
    params: z.object({ number: accountNumber }),
    responses: {
      200: json('The account', accountDetailSchema),
      404: refusal('No account with this number'),
    },
    handler: async ({ params, answer }) => {
      const detail = await accountDetail(db, params.number);
      if (!detail)
        return answer(404, { error: 'not_found', message: `no account ${params.number}` });
      return detail;
    },
  });

  route({
    method: 'POST',
    url: '/commands',
    summary: 'Apply one command (not idempotent: desktops use /sync/push)',
    tags: ['commands'],
    access: 'agent',
    body: z.object({ command: commandSchema }).strict(),
    responses: {
      200: json('Applied, with its result', commandOutcome),
      409: json(
        'Rejected by the account’s state or a rule: the outcome with its reason key',
        commandOutcome,
      ),
    },
    handler: async ({ body, principal, answer }) => {
      try {
        const result = await db.transaction((tx) =>
          applyCommand(
            { tx, principal, now: now(), today: today(), mailer: options.mailer },
            body.command,
          ),
        );
        return { status: 'applied' as const, result };
      } catch (err) {
        if (isTransient(err)) throw err;
        const refusal = err instanceof Rejection ? err : failedCommand(err);
        await auditRejection(db, principal, body.command, refusal);
        return answer(409, outcomeOfRejection(refusal));
      }
    },
  });

  route({
    method: 'POST',
    url: '/sync/push',
    summary: 'Push outbox commands: exactly once, in order per client',
    tags: ['sync'],
    access: 'agent',
    body: pushRequest,
    responses: {
      200: json('Each command’s outcome, and where a gap stopped the batch', pushResponse),
      403: refusal('The client id belongs to another user'),
    },
    handler: async ({ body, principal, answer }) => {
      try {
        return await pushCommands(db, principal, body.clientId, body.commands, {
          now,
          today,
          mailer: options.mailer,
        });
      } catch (err) {
        if (!(err instanceof ClientOfAnotherUser)) throw err;
        return answer(403, { error: 'client_of_another_user', message: err.message });
      }
    },
  });
  route({
    method: 'GET',
    url: '/sync/pull',
    summary: 'The change log after a cursor',
    tags: ['sync'],
    access: 'agent',
    query: z
      .object({
        cursor: z.coerce.number().int().nonnegative(),
        limit: z.coerce.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    responses: { 200: json('The changes, the new cursor and whether more follow', pullResponse) },
    handler: async ({ query }) => pullChanges(db, query.cursor, query.limit),
  });
  route({
    method: 'GET',
    url: '/sync/snapshot',
    summary: 'Every account header, page by page, for a first sync',
    tags: ['sync'],
    access: 'agent',
    query: z
      .object({
        after: storableString().max(20).default(''),
        limit: z.coerce.number().int().min(1).max(10000).default(5000),
        cursor: z.coerce.number().int().nonnegative().optional(),
      })
      .strict(),
    responses: { 200: json('A page of headers and the cursor to pull from', snapshotResponse) },
    handler: async ({ query }) => snapshotPage(db, query.after, query.limit, query.cursor ?? null),
  });

  route({
    method: 'GET',
    url: '/adjustments/pending',
    summary: 'Adjustments waiting for a lead’s or a manager’s approval',
    tags: ['adjustments'],
    access: 'lead',
    responses: {
      200: json('Oldest first', z.object({ pending: z.array(adjustmentRequest) })),
    },
    handler: async () => ({
      pending: await adjustmentRequests(db, "a.status = 'pending'", [], 'asc'),
    }),
  });
  route({
    method: 'GET',
    url: '/adjustments/requested',
    summary: 'The caller’s own adjustment requests of the last 30 days, with their outcome',
    tags: ['adjustments'],
    access: 'agent',
    responses: {
      200: json('Newest first', z.object({ requested: z.array(adjustmentRequest) })),
    },
    handler: async ({ principal }) => ({
      requested: await adjustmentRequests(
        db,
        "a.requested_by = $1 and a.created_at > $2::timestamptz - interval '30 days'",
        [principal.userId, now().toISOString()],
        'desc',
      ),
    }),
  });
  route({
    method: 'GET',
    url: '/audit',
    summary: 'The audit trail of an account',
    tags: ['accounts'],
    access: 'lead',
    query: z.object({ account: accountNumber }).strict(),
    responses: {
      200: json(
        'Oldest first',
        z.object({
          entries: z.array(
            z.object({
              at: z.string(),
              userId: z.string(),
              action: z.string(),
              details: z.unknown(),
            }),
          ),
        }),
      ),
    },
    handler: async ({ query }) => {
      const { rows } = await db.query<{
        at: Date;
        user_id: string;
        action: string;
        details: unknown;
      }>('select at, user_id, action, details from audit where account_number = $1 order by id', [
        query.account,
      ]);
      return {
        entries: rows.map((r) => ({
          at: new Date(r.at).toISOString(),
          userId: r.user_id,
          action: r.action,
          details: r.details,
        })),
      };
    },
  });

  userRoutes(route, db, auth, now);

  await app.register(flowsPlugin, { db, auth, now });
  await app.register(readsPlugin, { db, auth, now, today });
  await app.register(identityProviderPlugin, {
    db,
    auth,
    now,
    settings: options.identityProvider ?? null,
  });
  await app.register(paymentsPlugin, { db, auth, now, today });
  await app.register(counterPlugin, { db, auth, today });
  await app.register(followUpPlugin, { db, auth, today, now });
  await app.register(worklistsPlugin, { db, auth, today, now });
  for (const p of options.plugins ?? []) {
    await app.register(p.plugin, { ...(p.options ?? {}), db, auth });
  }
  return app;
}
