import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  defaultFlowValidation,
  flowFormatOf,
  loadFlowSource,
  type PublishedFlow,
  type PublishedFlowsPage,
  publishedFlow,
  publishedFlowsPage,
  publishFlowRequest,
} from '../../shared/flows';
import { flowIssue } from '../../shared/ipc/channels/flows';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { apiError, json } from '../http/answers';
import { routeHelper } from '../http/route';
import { defaultLibraryDir, libraryVersions } from './library';

export interface FlowsPluginOptions {
  db: Db;
  auth: Auth;
  now?: () => Date;
  /** The library the desks ship with: a published version must be newer than its own. */
  libraryDir?: string;
}

export const FLOWS_PATH = '/flows/published';

const pageQuery = z
  .object({
    after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const staleVersion = apiError.extend({
  flowId: z.string(),
  version: z.number().int(),
  current: z.number().int(),
});
const invalidFlow = apiError.extend({ issues: z.array(flowIssue) });

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

  const route = routeHelper(app, { auth });

  route({
    method: 'GET',
    url: FLOWS_PATH,
    summary: 'The call-flow versions published after a cursor, oldest first',
    tags: ['flows'],
    access: 'agent',
    query: pageQuery,
    responses: {
      200: json('A page of versions, its cursor and whether more follow', publishedFlowsPage),
    },
    handler: async ({ query: { after, limit } }) => {
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
    },
  });

  route({
    method: 'POST',
    url: FLOWS_PATH,
    summary: 'Publish a version of a call flow (checked as the desks check it, audited)',
    tags: ['flows'],
    access: 'lead',
    body: publishFlowRequest,
    responses: {
      200: json('The version as published', z.object({ published: publishedFlow })),
      409: json('The version is not newer than the one in use', staleVersion),
      422: json('The flow file has problems: each with its line', invalidFlow),
    },
    handler: async ({ body: { source }, principal: lead, answer }) => {
      const loaded = loadFlowSource(source, defaultFlowValidation);
      if (!loaded.ok)
        return answer(422, {
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
            [
              id,
              version,
              flowFormatOf(source),
              source,
              lead.userId,
              now().toISOString(),
              lead.name,
            ],
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
          return answer(409, {
            error: 'stale_version',
            message: `version ${version} of ${id} is not newer than ${err.current}`,
            flowId: id,
            version,
            current: err.current,
          });
        throw err;
      }
    },
  });
};
