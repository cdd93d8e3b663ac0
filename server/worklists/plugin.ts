import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { worklistEntry, worklistOffer, worklistSummary } from '../../shared/cis';
import { Temporal } from '../../shared/dates';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { json, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import { listWorklists, nextOffer, worklistEntries } from './offer';

export interface WorklistsPluginOptions {
  db: Db;
  auth: Auth;
  now?: () => Date;
  today?: () => Temporal.PlainDate;
}

const worklistId = z.object({ id: z.string().regex(/^wl-[0-9a-f-]{36}$/) }).strict();

/**
 * Outbound collections worklists: the lead's list of them and their entries, and the agent's
 * next account. Building, assigning and recording a call's outcome are commands (/commands).
 */
export const worklistsPlugin: FastifyPluginAsync<WorklistsPluginOptions> = async (app, options) => {
  const { db, auth } = options;
  const now = options.now ?? (() => new Date());
  const today = options.today ?? (() => Temporal.Now.plainDateISO());
  const route = routeHelper(app, { auth });
  route({
    method: 'GET',
    url: '/worklists',
    summary:
      'The worklists: every one for a lead, those handed to the agent or the queue for an agent',
    tags: ['worklists'],
    access: 'agent',
    responses: { 200: json('The worklists, newest first', z.array(worklistSummary)) },
    handler: async ({ principal }) => listWorklists(db, principal),
  });
  route({
    method: 'GET',
    url: '/worklists/:id/entries',
    summary: 'A worklist’s entries, one page: each with its state, agent, next day and why it left',
    tags: ['worklists'],
    access: 'lead',
    params: worklistId,
    query: z
      .object({
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    responses: { 200: json('The page of entries', z.array(worklistEntry)) },
    handler: async ({ params, query }) => worklistEntries(db, params.id, query),
  });
  route({
    method: 'POST',
    url: '/worklists/:id/next',
    summary:
      'The next account of a worklist for the agent, with its facts, leased to them; none outside calling hours',
    tags: ['worklists'],
    access: 'agent',
    params: worklistId,
    responses: {
      200: json('An account, or why there is none now', worklistOffer),
      404: refusal('No such worklist'),
      409: refusal('The worklist is not assigned yet'),
    },
    handler: async ({ params, principal, answer }) => {
      const offer = await nextOffer(db, principal, params.id, now(), today());
      if (offer.kind === 'not-found')
        return answer(404, { error: 'not_found', message: `no worklist ${params.id}` });
      if (offer.kind === 'not-assigned')
        return answer(409, { error: 'not_assigned', message: 'the worklist is not assigned yet' });
      return offer;
    },
  });
};
