import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { accountTask } from '../../shared/cis';
import type { Temporal } from '../../shared/dates';
import type { Auth } from '../auth/sessions';
import { openTasksFor } from '../cis/tasks';
import type { Db } from '../db/database';
import { json } from '../http/answers';
import { routeHelper } from '../http/route';
import { escalateDueCases } from './escalation';

export interface FollowUpPluginOptions {
  db: Db;
  auth: Auth;
  today: () => Temporal.PlainDate;
  now: () => Date;
}

const escalatedCase = z
  .object({
    caseId: z.string(),
    accountNumber: z.string(),
    leadId: z.string(),
    urgency: z.enum(['due-soon', 'overdue']),
    dueOn: z.string(),
  })
  .strict();

/** Cases and tasks the server keeps beside the accounts: escalation and the agent's list. */
export const followUpPlugin: FastifyPluginAsync<FollowUpPluginOptions> = async (app, options) => {
  const { db, auth, today, now } = options;
  const route = routeHelper(app, { auth });

  route({
    method: 'POST',
    url: '/follow-up/escalations',
    summary: 'Hand every open case due soon or overdue to a lead of its team, once (audited)',
    tags: ['follow-up'],
    access: 'lead',
    responses: {
      200: json('The cases escalated now', z.object({ escalated: z.array(escalatedCase) })),
    },
    handler: async () => ({ escalated: await escalateDueCases(db, today(), now()) }),
  });

  route({
    method: 'GET',
    url: '/follow-up/tasks',
    summary: "The caller's open tasks and their team's, by due date",
    tags: ['follow-up'],
    access: 'agent',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }).strict(),
    responses: {
      200: json('Open tasks, the earliest due first', z.object({ tasks: z.array(accountTask) })),
    },
    handler: async ({ principal, query }) => ({
      tasks: await openTasksFor(db, principal, query.limit),
    }),
  });
};
