import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../shared/cis';
import {
  defaultFlowValidation,
  flowFormatOf,
  loadFlowSource,
  type PublishedFlow,
  type PublishedFlowsPage,
  publishFlowRequest,
} from '../../shared/flows';
import { type Role, roleAllows } from '../../shared/ipc/roles';
import type { RouteDoc } from '../app';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { defaultLibraryDir, libraryVersions } from './library';

export interface FlowsPluginOptions {
  db: Db;
  auth: Auth;
  now?: () => Date;
  /** The library the desks ship with: a published version must be newer than its own. */
  libraryDir?: string;
}

export const FLOWS_PATH = '/flows/published';

/** The flows plugin's routes, as /openapi.json lists them. */
export const FLOWS_ROUTES: RouteDoc[] = [
  {
    method: 'GET',
    path: FLOWS_PATH,
    summary: 'The call-flow versions published after a cursor (`after`, `limit`), oldest first',
    access: 'agent',
    responses: {
      200: 'A page of versions, its cursor and whether more follow',
      400: 'The field and the reason',
      401: 'Not signed in, or the session has ended',
      403: 'Role not allowed',
    },
  },
  {
    method: 'POST',
    path: FLOWS_PATH,
    summary: 'Publish a version of a call flow (checked as the desks check it, audited)',
    access: 'lead',
    responses: {
      200: 'The version as published',
      400: 'The field and the reason',
      401: 'Not signed in, or the session has ended',
      403: 'Role not allowed',
      409: 'The version is not newer than the one in use',
      413: 'The body is too large',
      422: 'The flow file has problems: each with its line',
    },
  },
];

const pageQuery = z
  .object({
    after: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

class StaleVersion extends Error {
  constructor(readonly current: number) {
    super('stale version');
  }
}

interface Row {
  seq: number;
  flow_id: string;
  version: number;
  format: 'yaml' | 'json';
  source: string;
  published_by: string;
  published_at: Date | string;
}

const iso = (at: Date | string) => (at instanceof Date ? at : new Date(at)).toISOString();

function publishedOf(row: Row): PublishedFlow {
  return {
    seq: Number(row.seq),
    flowId: row.flow_id,
    version: Number(row.version),
    format: row.format,
    source: row.source,
    publishedBy: row.published_by,
    publishedAt: iso(row.published_at),
  };
}

/**
 * Call flows kept centrally: a team lead publishes a version (checked by the same validator the
 * desks use, refused when it has problems or is not newer than the version in use, audited), and
 * every desk fetches the versions published after the last one it holds.
 */
export const flowsPlugin: FastifyPluginAsync<FlowsPluginOptions> = async (app, options) => {
  const { db, auth } = options;
  const now = options.now ?? (() => new Date());
  // Read on the first publication: most servers start and never publish.
  let library: Map<string, number> | null = null;
  const libraryVersion = (id: string) => {
    library ??= libraryVersions(options.libraryDir ?? defaultLibraryDir());
    return library.get(id) ?? 0;
  };

  const allowed = async (
    req: FastifyRequest,
    reply: FastifyReply,
    role: Role,
  ): Promise<Principal | null> => {
    const header = req.headers.authorization ?? '';
    const p = await auth.verify(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (!p) {
      await reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
      return null;
    }
    if (!roleAllows([role], p.role)) {
      await reply.code(403).send({ error: 'forbidden', message: `needs role ${role}` });
      return null;
    }
    return p;
  };
  const badRequest = (reply: FastifyReply, issue: z.core.$ZodIssue, whole: string) =>
    reply.code(400).send({
      error: 'bad_request',
      field: issue.path.map(String).join('.') || whole,
      message: issue.message,
    });

  app.get(FLOWS_PATH, async (req, reply) => {
    if (!(await allowed(req, reply, 'agent'))) return;
    const query = pageQuery.safeParse(req.query);
    if (!query.success) return badRequest(reply, query.error.issues[0], '(query)');
    const { after, limit } = query.data;
    const { rows } = await db.query<Row>(
      `select f.seq, f.flow_id, f.version, f.format, f.source, u.name as published_by, f.published_at
         from flow_versions f join users u on u.id = f.published_by
        where f.seq > $1 order by f.seq limit $2`,
      [after, limit + 1],
    );
    const versions = rows.slice(0, limit).map(publishedOf);
    const page: PublishedFlowsPage = {
      versions,
      cursor: versions.at(-1)?.seq ?? after,
      hasMore: rows.length > limit,
    };
    return page;
  });

  app.post(FLOWS_PATH, async (req, reply) => {
    const lead = await allowed(req, reply, 'lead');
    if (!lead) return;
    const body = publishFlowRequest.safeParse(req.body);
    if (!body.success) return badRequest(reply, body.error.issues[0], '(body)');
    const { source } = body.data;
    const loaded = loadFlowSource(source, defaultFlowValidation);
    if (!loaded.ok)
      return reply.code(422).send({
        error: 'invalid_flow',
        message: 'the flow file has problems',
        issues: loaded.issues,
      });
    const { id, version, title } = loaded.flow;
    try {
      const published = await db.transaction(async (tx) => {
        // One publication at a time: the order of seq is the order of commit, so a desk that
        // read up to a seq never misses an earlier one committed later.
        await tx.query('lock table flow_versions in exclusive mode');
        const { rows } = await tx.query<{ newest: number | null }>(
          'select max(version) as newest from flow_versions where flow_id = $1',
          [id],
        );
        const current = Math.max(Number(rows[0]?.newest ?? 0), libraryVersion(id));
        if (version <= current) throw new StaleVersion(current);
        const inserted = await tx.query<Row>(
          `insert into flow_versions (flow_id, version, format, source, published_by, published_at)
           values ($1, $2, $3, $4, $5, $6)
           returning seq, flow_id, version, format, source, $7::text as published_by, published_at`,
          [id, version, flowFormatOf(source), source, lead.userId, now().toISOString(), lead.name],
        );
        await tx.query(
          'insert into audit (user_id, action, account_number, details) values ($1, $2, null, $3)',
          [
            lead.userId,
            'flowPublished',
            JSON.stringify({
              flowId: id,
              version,
              previous: current || null,
              title: title.en ?? id,
            }),
          ],
        );
        return publishedOf(inserted.rows[0]);
      });
      return { published };
    } catch (err) {
      if (err instanceof StaleVersion)
        return reply.code(409).send({
          error: 'stale_version',
          message: `version ${version} of ${id} is not newer than ${err.current}`,
          flowId: id,
          version,
          current: err.current,
        });
      throw err;
    }
  });
};
