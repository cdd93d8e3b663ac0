import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Principal } from '../../shared/cis';
import type { Role } from '../../shared/ipc/roles';
import { issueField } from '../validation';
import { admit, type Gate, type RouteAccess } from './access';
import { type Answer, type ApiError, commonAnswers, withCommonAnswers } from './answers';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A route as the OpenAPI document describes it: its declaration without the handler. */
export interface DeclaredRoute {
  method: Method;
  /** As Fastify writes it: `/telephony/calls/:sid/hold`. */
  url: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** How the body is sent: JSON unless said (Twilio posts forms). */
  bodyType?: 'application/json' | 'application/x-www-form-urlencoded' | 'text/csv';
  /** Every answer the route gives, the common ones (access, input, failures) included. */
  responses: Record<number, Answer>;
  /** A WebSocket route: the messages each side sends once the connection is upgraded. */
  websocket?: { receives: z.ZodType; sends: z.ZodType };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the route helper alone: a route without it is refused at registration. */
    declared?: DeclaredRoute;
  }
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type JsonBody<A> = A extends { content: { 'application/json': infer S extends z.ZodType } }
  ? z.input<S>
  : never;
type Success<R> = { [K in keyof R]: K extends 200 | 201 ? JsonBody<R[K]> : never }[keyof R];

/** What a handler gets: the input as its schemas parsed it, and who called. */
export interface RouteContext<A extends RouteAccess, P, Q, B> {
  req: FastifyRequest;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** The session's user on a role's route; null on a public or a Twilio route. */
  principal: A extends Role ? Principal : null;
  /** The session token the principal came from ('' on a public or a Twilio route). */
  token: string;
}

interface Declaration<A extends RouteAccess, P, Q, B, R> {
  method: Method;
  url: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  bodyType?: DeclaredRoute['bodyType'];
  /** The answers the handler gives; the common ones are added. */
  responses: R;
}

export interface HttpRoute<A extends RouteAccess, P, Q, B, R> extends Declaration<A, P, Q, B, R> {
  /** Answers 200 with what it returns, or another declared status with `answer`. */
  handler(
    ctx: RouteContext<A, P, Q, B> & {
      reply: FastifyReply;
      answer<K extends keyof R & number>(status: K, body: JsonBody<R[K]>): FastifyReply;
    },
  ): Promise<Success<R> | FastifyReply>;
}

export interface SocketRoute<A extends RouteAccess, P, Q, B, R> extends Declaration<A, P, Q, B, R> {
  method: 'GET';
  websocket: { receives: z.ZodType; sends: z.ZodType };
  /** Called once the upgrade is accepted (the access check and the input's schemas passed). */
  handler(socket: WebSocket, ctx: RouteContext<A, P, Q, B>): void;
}

interface Input {
  params: unknown;
  query: unknown;
  body: unknown;
  principal: Principal | null;
  token: string;
}

const INTERNAL: ApiError = { error: 'internal', message: 'internal error' };

/**
 * The one way to add a route to the server, the plugins' included: `route({...})` for HTTP,
 * `route.socket({...})` for a WebSocket. The access check runs first (one place, `admit`), then
 * the path, query and body are parsed by their zod schemas (400 naming the field), then the
 * handler; its answer is checked against the declared responses (an answer outside them is logged
 * and becomes a 500), and the declaration is what /openapi.json lists.
 */
export function routeHelper(
  app: FastifyInstance,
  gate: Gate,
  options: { checkBodies?: boolean } = {},
) {
  const inputs = new WeakMap<FastifyRequest, Input>();
  // Every answer's status and media type is checked; its JSON body against the schema only where
  // asked (the tests): an account detail's dates cost more to check than to send.
  const checkBodies = options.checkBodies ?? process.env.TAPLINE_CHECK_ANSWERS === '1';

  const register = (
    decl: Declaration<RouteAccess, unknown, unknown, unknown, Record<number, Answer>> & {
      websocket?: DeclaredRoute['websocket'];
    },
    handler: RouteOptions['handler'],
  ) => {
    const declared = declaration(decl);
    const jsonChecked = new WeakSet<FastifyReply>();
    app.route({
      method: decl.method,
      url: decl.url,
      config: { declared },
      ...(decl.websocket ? { websocket: true } : {}),
      preValidation: async (req, reply) => {
        const admission = await admit(decl.access, req, gate);
        if (!admission.admitted) return reply.code(admission.status).send(admission.body);
        const input: Input = {
          params: undefined,
          query: undefined,
          body: undefined,
          principal: admission.principal,
          token: admission.token,
        };
        for (const part of ['params', 'query', 'body'] as const) {
          const schema = decl[part] as z.ZodType | undefined;
          if (!schema) continue;
          const parsed = schema.safeParse(req[part]);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            return reply.code(400).send({
              error: 'bad_request',
              field: issueField(issue) || `(${part})`,
              message: issue.message,
            });
          }
          input[part] = parsed.data;
        }
        inputs.set(req, input);
      },
      preSerialization: async (req, reply, payload: unknown) => {
        jsonChecked.add(reply);
        const problem = jsonProblem(declared.responses[reply.statusCode], payload, checkBodies);
        if (!problem) return payload;
        breach(req, declared, reply.statusCode, problem);
        reply.code(500);
        return INTERNAL;
      },
      onSend: async (req, reply, payload: unknown) => {
        if (jsonChecked.has(reply)) return payload;
        const type = String(reply.getHeader('content-type') ?? '')
          .split(';')[0]
          .trim();
        const problem = rawProblem(declared.responses[reply.statusCode], type, payload);
        if (!problem) return payload;
        breach(req, declared, reply.statusCode, problem);
        reply.code(500).type('application/json; charset=utf-8');
        return JSON.stringify(INTERNAL);
      },
      handler,
    } as RouteOptions);
  };

  function route<
    A extends RouteAccess,
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends Record<number, Answer> = Record<number, Answer>,
  >(decl: HttpRoute<A, P, Q, B, R>): void {
    register(decl as never, async (req, reply) => {
      const input = inputs.get(req)!;
      return decl.handler({
        ...(input as unknown as RouteContext<A, P, Q, B>),
        req,
        reply,
        answer: (status, body) => reply.code(status).send(body as never),
      });
    });
  }

  route.socket = <
    A extends RouteAccess,
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends Record<number, Answer> = Record<number, Answer>,
  >(
    decl: SocketRoute<A, P, Q, B, R>,
  ): void => {
    register(
      decl as never,
      ((socket: WebSocket, req: FastifyRequest) =>
        decl.handler(socket, {
          ...(inputs.get(req)! as unknown as RouteContext<A, P, Q, B>),
          req,
        })) as unknown as RouteOptions['handler'],
    );
  };

  return route;
}

export type RouteHelper = ReturnType<typeof routeHelper>;

/** The declaration as the document lists it, its path parameters checked against its schema. */
function declaration(
  decl: Declaration<RouteAccess, unknown, unknown, unknown, Record<number, Answer>> & {
    websocket?: DeclaredRoute['websocket'];
  },
): DeclaredRoute {
  const names = [...decl.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const keys = decl.params instanceof z.ZodObject ? Object.keys(decl.params.shape) : [];
  const missing = names.filter((n) => !keys.includes(n));
  if (missing.length)
    throw new Error(`${decl.method} ${decl.url}: declare ${missing.join(', ')} in its params`);
  const hasInput = Boolean(decl.params || decl.query || decl.body);
  return {
    method: decl.method,
    url: decl.url,
    summary: decl.summary,
    ...(decl.description ? { description: decl.description } : {}),
    tags: decl.tags,
    access: decl.access,
    ...(decl.params ? { params: decl.params as z.ZodType } : {}),
    ...(decl.query ? { query: decl.query as z.ZodType } : {}),
    ...(decl.body
      ? { body: decl.body as z.ZodType, bodyType: decl.bodyType ?? 'application/json' }
      : {}),
    responses: withCommonAnswers(
      decl.responses,
      commonAnswers({ method: decl.method, access: decl.access, hasInput }),
    ),
    ...(decl.websocket ? { websocket: decl.websocket } : {}),
  };
}

/** Why a JSON answer is outside the route's declared responses, or null when it is one of them. */
function jsonProblem(
  answer: Answer | undefined,
  payload: unknown,
  checkBody: boolean,
): string | null {
  if (!answer) return 'its status is not declared';
  const schema = answer.content?.['application/json'];
  if (!schema) return 'it declares no JSON body for this status';
  if (!checkBody) return null;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issueField(issue) || '(body)'}: ${issue.message}`;
}

/** The same for an answer that is not JSON (a CSV, TwiML, or nothing). */
function rawProblem(answer: Answer | undefined, type: string, payload: unknown): string | null {
  if (!answer) return 'its status is not declared';
  const empty = payload === undefined || payload === null || payload === '';
  if (!answer.content) return empty ? null : 'it declares no body for this status';
  if (empty) return 'it declares a body for this status';
  const schema = (answer.content as Record<string, z.ZodType | undefined>)[type];
  if (!schema) return `it declares no ${type || 'untyped'} body for this status`;
  return typeof payload !== 'string' || schema.safeParse(payload).success
    ? null
    : `the ${type} body does not match`;
}

function breach(req: FastifyRequest, route: DeclaredRoute, status: number, problem: string) {
  req.log.error(
    { route: `${route.method} ${route.url}`, status, problem },
    'an answer outside the route’s declared responses',
  );
}
