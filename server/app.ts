import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { z } from 'zod';
import {
  accountDetail as accountDetailSchema,
  accountHeader,
  adjustmentRequest,
  commandOutcome,
  command as commandSchema,
  type Principal,
  principal as principalSchema,
  pullResponse,
  pushRequest,
  pushResponse,
  signInRequest,
  snapshotResponse,
  storableString,
} from '../shared/cis';
import { Temporal } from '../shared/dates';
import { type Auth, sessionAuth, signIn, signOut } from './auth/sessions';
import { accountDetail, findByPhone, searchAccounts } from './cis/reads';
import {
  applyCommand,
  auditRejection,
  failedCommand,
  isTransient,
  outcomeOfRejection,
  Rejection,
} from './commands';
import type { Db } from './db/database';
import { FLOWS_ROUTES, flowsPlugin } from './flows/plugin';
import { pullChanges, snapshotPage } from './sync/pull';
import { pushCommands } from './sync/push';
import { issueField } from './validation';

/** How the OpenAPI document describes a route a plugin registers. */
export interface RouteDoc {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As Fastify writes it: `/telephony/calls/:sid/hold`. */
  path: string;
  summary: string;
  /** The least role, anyone, or Twilio (its request signature checked). */
  access: Role | 'public' | 'twilio';
  /** Every status the route answers, with what it means. */
  responses: Record<number, string>;
}

export interface ServerPlugin {
  // biome-ignore lint/suspicious/noExplicitAny: each plugin declares its own options beyond db and auth
  plugin: FastifyPluginAsync<any>;
  options?: Record<string, unknown>;
  /** The plugin's routes as /openapi.json lists them. */
  routes?: RouteDoc[];
}

export interface BuildOptions {
  db: Db;
  version?: string;
  now?: () => Date;
  /** The calendar date business rules use (the utility's today). */
  today?: () => Temporal.PlainDate;
  plugins?: ServerPlugin[];
  logger?: boolean;
}

type Role = Principal['role'];
const rank: Record<Role, number> = { agent: 1, lead: 2, admin: 3 };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

interface RouteSpec {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  roles: Role[] | 'public';
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  /** Answers besides 200, 400, 401, 403 and 413 (for a body), with what each means. */
  answers?: Partial<Record<401 | 404 | 409 | 503, string>>;
}

const error = z.object({ error: z.string(), message: z.string(), field: z.string().optional() });

export class BadRequest extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BadRequest(issueField(issue) || '(body)', issue.message);
  }
  return result.data;
}

/** Oldest first for a queue to work through; newest first for a list of one's own requests. */
async function adjustmentRequests(db: Db, where: string, params: unknown[], order: 'asc' | 'desc') {
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
    kind: String(r.kind),
    amountCents: Number(r.amount_cents),
    reason: String(r.reason),
    approver: String(r.approver),
    requestedBy: String(r.requested_by ?? ''),
    createdAt: iso(r.created_at)!,
    status: r.status as 'posted' | 'pending' | 'declined',
    decidedBy: r.decided_by == null ? null : String(r.decided_by),
    decisionReason: r.decision_reason == null ? null : String(r.decision_reason),
    decidedAt: iso(r.decided_at),
  }));
}

export async function buildServer(options: BuildOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const today = options.today ?? (() => Temporal.Now.plainDateISO());
  const auth: Auth = sessionAuth(db);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  /** Every route, with its schemas: the source of /openapi.json and of request validation. */
  const routes: RouteSpec[] = [];
  /** Every route registered, by the core and by the plugins: all of them are in the document. */
  const registered: { method: string; path: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      if (method !== 'HEAD') registered.push({ method, path: r.url });
  });
  app.decorateRequest('principal', null);

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof BadRequest)
      return reply.code(400).send({ error: 'bad_request', field: err.field, message: err.message });
    if (err.statusCode && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send({ error: err.code ?? 'bad_request', message: err.message });
    }
    if (isTransient(err)) {
      app.log.warn(err);
      return reply.code(503).send({ error: 'unavailable', message: 'try again' });
    }
    app.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'no such route' }),
  );

  const route = <B extends z.ZodType, Q extends z.ZodType>(
    spec: Omit<RouteSpec, 'body' | 'query'> & { body?: B; query?: Q },
    handler: (
      req: FastifyRequest,
      ctx: { body: z.output<B>; query: z.output<Q>; principal: Principal },
      reply: FastifyReply,
    ) => Promise<unknown>,
  ) => {
    routes.push(spec as RouteSpec);
    app.route({
      method: spec.method,
      url: spec.path,
      handler: async (req, reply) => {
        let principal: Principal | null = null;
        if (spec.roles !== 'public') {
          const header = req.headers.authorization ?? '';
          const token = header.startsWith('Bearer ') ? header.slice(7) : '';
          principal = await auth.verify(token);
          if (!principal)
            return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
          if (!spec.roles.some((r) => rank[principal!.role] >= rank[r])) {
            return reply
              .code(403)
              .send({ error: 'forbidden', message: `needs role ${spec.roles.join(' or ')}` });
          }
        }
        req.principal = principal;
        const body = spec.body ? parse(spec.body, req.body) : undefined;
        const query = spec.query ? parse(spec.query, req.query) : undefined;
        return handler(
          req,
          {
            body: body as z.output<B>,
            query: query as z.output<Q>,
            principal: principal as Principal,
          },
          reply,
        );
      },
    });
  };

  route(
    {
      method: 'GET',
      path: '/health',
      summary: 'Liveness and version',
      roles: 'public',
      response: z.object({ ok: z.boolean(), version: z.string(), database: z.string() }),
    },
    async () => ({
      ok: true,
      version: options.version ?? '0.0.0',
      database: db.kind,
    }),
  );

  route(
    {
      method: 'POST',
      path: '/auth/sign-in',
      summary: 'Sign in with a password; answers a session token',
      roles: 'public',
      body: signInRequest,
      response: z.object({ token: z.string(), principal: principalSchema }),
      answers: { 401: 'Wrong user name or password' },
    },
    async (_req, { body }, reply) => {
      const session = await signIn(db, body.username, body.password);
      if (!session)
        return reply
          .code(401)
          .send({ error: 'bad_credentials', message: 'wrong user name or password' });
      return session;
    },
  );
  route(
    {
      method: 'POST',
      path: '/auth/sign-out',
      summary: 'End the session',
      roles: ['agent'],
      response: z.object({ ok: z.boolean() }),
    },
    async (req) => {
      await signOut(db, (req.headers.authorization ?? '').slice(7));
      return { ok: true };
    },
  );
  route(
    {
      method: 'GET',
      path: '/me',
      summary: 'Who the token belongs to',
      roles: ['agent'],
      response: principalSchema,
    },
    async (_req, { principal }) => principal,
  );

  route(
    {
      method: 'GET',
      path: '/accounts',
      summary: 'Find accounts by phone (any format) or by number, name or address',
      roles: ['agent'],
      query: z
        .object({
          phone: storableString().max(40).optional(),
          q: storableString().max(100).optional(),
        })
        .strict(),
      response: z.object({ results: z.array(accountHeader) }),
    },
    async (_req, { query }) => {
      if (query.phone) return { results: await findByPhone(db, query.phone) };
      if (query.q) return { results: await searchAccounts(db, query.q) };
      throw new BadRequest('q', 'give phone or q');
    },
  );
  route(
    {
      method: 'GET',
      path: '/accounts/:number',
      summary: 'An account with its customer, premise, meters, reads, bills, payments and history',
      roles: ['agent'],
      response: accountDetailSchema,
      answers: { 404: 'No account with this number' },
    },
    async (req, _ctx, reply) => {
      const number = String((req.params as { number: string }).number);
      if (!/^[A-Z0-9-]{4,20}$/.test(number))
        throw new BadRequest('number', 'not an account number');
      const detail = await accountDetail(db, number);
      if (!detail)
        return reply.code(404).send({ error: 'not_found', message: `no account ${number}` });
      return detail;
    },
  );

  route(
    {
      method: 'POST',
      path: '/commands',
      summary: 'Apply one command (not idempotent: desktops use /sync/push)',
      roles: ['agent'],
      body: z.object({ command: commandSchema }).strict(),
      response: commandOutcome,
      answers: {
        409: 'Rejected by the account’s state or a rule: the outcome with its reason key',
        503: 'The database is busy or away: nothing was applied, send it again',
      },
    },
    async (_req, { body, principal }, reply) => {
      try {
        const result = await db.transaction((tx) =>
          applyCommand({ tx, principal, now: now(), today: today() }, body.command),
        );
        return { status: 'applied', result };
      } catch (err) {
        if (isTransient(err)) throw err;
        const refusal = err instanceof Rejection ? err : failedCommand(err);
        await auditRejection(db, principal, body.command, refusal);
        return reply.code(409).send(outcomeOfRejection(refusal));
      }
    },
  );

  route(
    {
      method: 'POST',
      path: '/sync/push',
      summary: 'Push outbox commands: exactly once, in order per client',
      roles: ['agent'],
      body: pushRequest,
      response: pushResponse,
      answers: { 503: 'The database is busy or away: send the batch again' },
    },
    async (_req, { body, principal }) =>
      pushCommands(db, principal, body.clientId, body.commands, { now, today }),
  );
  route(
    {
      method: 'GET',
      path: '/sync/pull',
      summary: 'The change log after a cursor',
      roles: ['agent'],
      query: z
        .object({
          cursor: z.coerce.number().int().nonnegative(),
          limit: z.coerce.number().int().min(1).max(5000).default(1000),
        })
        .strict(),
      response: pullResponse,
    },
    async (_req, { query }) => pullChanges(db, query.cursor, query.limit),
  );
  route(
    {
      method: 'GET',
      path: '/sync/snapshot',
      summary: 'Every account header, page by page, for a first sync',
      roles: ['agent'],
      query: z
        .object({
          after: storableString().max(20).default(''),
          limit: z.coerce.number().int().min(1).max(10000).default(5000),
          cursor: z.coerce.number().int().nonnegative().optional(),
        })
        .strict(),
      response: snapshotResponse,
    },
    async (_req, { query }) => snapshotPage(db, query.after, query.limit, query.cursor ?? null),
  );

  route(
    {
      method: 'GET',
      path: '/adjustments/pending',
      summary: 'Adjustments waiting for a lead’s or a manager’s approval',
      roles: ['lead'],
      response: z.object({ pending: z.array(adjustmentRequest) }),
    },
    async () => ({ pending: await adjustmentRequests(db, "a.status = 'pending'", [], 'asc') }),
  );
  route(
    {
      method: 'GET',
      path: '/adjustments/requested',
      summary: 'The caller’s own adjustment requests of the last 30 days, with their outcome',
      roles: ['agent'],
      response: z.object({ requested: z.array(adjustmentRequest) }),
    },
    async (_req, { principal }) => ({
      requested: await adjustmentRequests(
        db,
        "a.requested_by = $1 and a.created_at > $2::timestamptz - interval '30 days'",
        [principal.userId, now().toISOString()],
        'desc',
      ),
    }),
  );
  route(
    {
      method: 'GET',
      path: '/audit',
      summary: 'The audit trail of an account',
      roles: ['lead'],
      query: z.object({ account: z.string().regex(/^[A-Z0-9-]{4,20}$/) }).strict(),
      response: z.object({
        entries: z.array(
          z.object({
            at: z.string(),
            userId: z.string(),
            action: z.string(),
            details: z.unknown(),
          }),
        ),
      }),
    },
    async (_req, { query }) => {
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
  );

  app.get('/openapi.json', async () =>
    openApiDocument(
      routes,
      [...FLOWS_ROUTES, ...(options.plugins ?? []).flatMap((p) => p.routes ?? [])],
      registered,
      options.version ?? '0.0.0',
    ),
  );

  await app.register(flowsPlugin, { db, auth, now });
  for (const p of options.plugins ?? []) {
    await app.register(p.plugin, { ...(p.options ?? {}), db, auth });
  }
  return app;
}

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
});
const errorAnswer = (description: string) => ({ description, content: json(error) });
const pathParams = (path: string) =>
  [...path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));

/** One core route, from the schemas that validate it. */
function coreOperation(r: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    200: { description: 'OK', content: json(r.response) },
    400: errorAnswer('The request is not valid: the field and the reason'),
  };
  if (r.roles !== 'public') {
    responses[401] = errorAnswer('Not signed in');
    responses[403] = errorAnswer('Role not allowed');
  }
  if (r.body) responses[413] = errorAnswer('The body is larger than 1 MiB');
  for (const [code, description] of Object.entries(r.answers ?? {}))
    responses[code] =
      code === '409'
        ? { description, content: json(commandOutcome) }
        : errorAnswer(description as string);
  const op: Record<string, unknown> = {
    summary: r.summary,
    ...(r.roles === 'public' ? { security: [] } : { 'x-roles': r.roles }),
    responses,
  };
  if (r.body)
    op.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }),
        },
      },
    };
  const params: unknown[] = pathParams(r.path);
  if (r.query) {
    const schema = z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(schema.properties ?? {}))
      params.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: s,
      });
  }
  if (params.length) op.parameters = params;
  return op;
}

/** A plugin's route, as the plugin describes it (its bodies are validated by the plugin). */
function pluginOperation(d: RouteDoc): Record<string, unknown> {
  return {
    summary: d.summary,
    ...(d.access === 'public' || d.access === 'twilio'
      ? { security: [] }
      : { 'x-roles': [d.access] }),
    ...(d.access === 'twilio' ? { 'x-twilio-signature': true } : {}),
    responses: Object.fromEntries(
      Object.entries(d.responses).map(([code, description]) => [code, { description }]),
    ),
    ...(pathParams(d.path).length ? { parameters: pathParams(d.path) } : {}),
  };
}

/**
 * The OpenAPI document of every route the server registered: the core's from their zod schemas,
 * the plugins' as they describe them; a route nobody described is listed as such (a test fails
 * on it), so the document never leaves one out.
 */
function openApiDocument(
  core: RouteSpec[],
  docs: RouteDoc[],
  registered: { method: string; path: string }[],
  version: string,
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path } of registered) {
    const spec = core.find((r) => r.method === method && r.path === path);
    const doc = docs.find((d) => d.method === method && d.path === path);
    const op = spec
      ? coreOperation(spec)
      : doc
        ? pluginOperation(doc)
        : path === '/openapi.json'
          ? {
              summary: 'This document',
              security: [],
              responses: { 200: { description: 'The OpenAPI 3.1 document' } },
            }
          : { summary: 'Not described', 'x-undescribed': true, responses: {} };
    const key = path.replace(/:(\w+)/g, '{$1}');
    paths[key] = { ...(paths[key] ?? {}), [method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tapline reference CIS',
      version,
      description:
        'Accounts, sync and commands of the reference Customer Information System, the telephony webhooks and the team lead’s hub.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
