import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { accountTask } from '../../shared/cis';
import { accountNumber } from '../../shared/cis/commands/fields';
import type { Temporal } from '../../shared/dates';
import type { Auth } from '../auth/sessions';
import { openTasksFor } from '../cis/tasks';
import type { Db } from '../db/database';
import { json, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import { escalateDueCases } from './escalation';
import { makePrintBatch } from './print-batch';

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

  route({
    method: 'GET',
    url: '/accounts/:number/letters/:letter/letter.pdf',
    summary: 'A letter kept on the account, as the PDF it was sent as (the view is audited)',
    tags: ['follow-up'],
    access: 'agent',
    params: z.object({
      number: accountNumber,
      letter: z.string().regex(/^[A-Za-z0-9-]{1,60}$/),
    }),
    responses: {
      200: { description: 'The letter', content: { 'application/pdf': z.string() } },
      404: refusal('No such letter on this account'),
    },
    handler: async ({ params, principal, reply, answer }) => {
      const { rows } = await db.query<{ pdf: Uint8Array; template: string }>(
        'select pdf, template from letters where id = $1 and account_number = $2',
        [params.letter, params.number],
      );
      if (!rows[0])
        return answer(404, {
          error: 'not_found',
          message: `no letter ${params.letter} on account ${params.number}`,
        });
      await db.query(
        'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
        [
          principal.userId,
          'letterViewed',
          params.number,
          JSON.stringify({ letterId: params.letter, template: rows[0].template }),
        ],
      );
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${rows[0].template}-${params.letter}.pdf"`,
        )
        .send(Buffer.from(rows[0].pdf));
    },
  });

  route({
    method: 'POST',
    url: '/follow-up/print-batches',
    summary:
      "The print vendor's batch of queued mail letters: a ustar archive of manifest.csv and each PDF; the letters leave the queue (audited)",
    tags: ['follow-up'],
    access: 'lead',
    body: z.object({ limit: z.number().int().min(1).max(5000).default(1000) }).strict(),
    responses: {
      200: {
        description: 'The batch (application/x-tar)',
        content: { 'application/x-tar': z.string() },
      },
      204: { description: 'No mail letter is queued' },
    },
    handler: async ({ body, principal, reply }) => {
      const batch = await makePrintBatch(db, principal.userId, now(), body.limit);
      if (!batch) return reply.code(204).send();
      return reply
        .type('application/x-tar')
        .header('content-disposition', `attachment; filename="${batch.batchId}.tar"`)
        .header('x-tapline-batch', batch.batchId)
        .header('x-tapline-letters', String(batch.letters))
        .send(batch.archive);
    },
  });

  route({
    method: 'GET',
    url: '/follow-up/cases/by-team',
    summary: "Each team's open cases and how many of them are overdue (the board's)",
    tags: ['follow-up'],
    access: 'lead',
    responses: { 200: json("Each team's open and overdue cases", casesByTeam) },
    handler: async () => ({ teams: await openCasesByTeam(db, today()) }),
  });
};

export const casesByTeam = z
  .object({
    teams: z.array(
      z
        .object({
          team: z.string(),
          open: z.number().int().nonnegative(),
          overdue: z.number().int().nonnegative(),
        })
        .strict(),
    ),
  })
  .strict();

/** Open (or escalated) cases per team, and those past their due day (overdue the day after). */
export async function openCasesByTeam(db: Db, today: Temporal.PlainDate) {
  const { rows } = await db.query<{
    team: string;
    open: string | number;
    overdue: string | number;
  }>(
    `select team, count(*) as open, count(*) filter (where due_on < $1::date) as overdue
       from cases where status <> 'closed' group by team order by team`,
    [today.toString()],
  );
  return rows.map((r) => ({ team: r.team, open: Number(r.open), overdue: Number(r.overdue) }));
}
