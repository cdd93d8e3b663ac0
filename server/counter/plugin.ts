import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { drawerId } from '../../shared/cis';
import { isoDay } from '../../shared/cis/entities';
import { Temporal } from '../../shared/dates';
import { roleAtLeast } from '../../shared/ipc/roles';
import { reportWord } from '../../shared/payments';
import { getUtility } from '../../shared/utilities';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { json, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import { drawersOf, drawerView, reportOf } from './drawers';
import { reportCsv, reportPdf } from './report';

export interface CounterPluginOptions {
  db: Db;
  auth: Auth;
  today?: () => Temporal.PlainDate;
}

const cents = z.number().int();
const tenderCents = z
  .object({ cash: cents, check: cents, 'money-order': cents, card: cents })
  .strict();
const tenderBalance = z
  .object({
    tender: z.enum(['cash', 'check', 'money-order', 'card']),
    expectedCents: cents,
    countedCents: cents,
    overShortCents: cents,
  })
  .strict();
export const drawerAnswer = z
  .object({
    drawerId: z.string(),
    utilityId: z.string(),
    businessDay: isoDay,
    cashier: z.string(),
    status: z.enum(['open', 'closed']),
    floatCents: cents,
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    expected: tenderCents,
    payments: z.number().int(),
    entries: z.array(
      z
        .object({
          receiptNumber: z.string(),
          accountNumber: z.string(),
          tender: z.enum(['cash', 'check', 'money-order', 'card']),
          amountCents: cents,
          detail: z.record(z.string(), z.string()),
          voided: z.boolean(),
        })
        .strict(),
    ),
    balance: z
      .object({
        tenders: z.array(tenderBalance),
        overShortCents: cents,
        differenceCents: cents,
      })
      .strict()
      .nullable(),
    reason: z.string().nullable(),
    signedOffBy: z.string().nullable(),
  })
  .strict();

const utilityId = z.string().regex(/^[a-z0-9-]{2,40}$/);

/**
 * The counter's reads: a cashier's own drawers, a lead's view of every drawer (the open ones
 * first of all), and the day's balancing report with its deposit slip as JSON, CSV or PDF.
 * Every change to a drawer is a command (POST /commands).
 */
export const counterPlugin: FastifyPluginAsync<CounterPluginOptions> = async (app, options) => {
  const { db, auth } = options;
  const today = options.today ?? (() => Temporal.Now.plainDateISO());
  const route = routeHelper(app, { auth });
  route({
    method: 'GET',
    url: '/counter/drawers',
    summary: 'Drawers with what each should hold: a cashier sees their own, a lead every one',
    tags: ['counter'],
    access: 'agent',
    query: z
      .object({
        utility: utilityId.optional(),
        day: isoDay.optional(),
        status: z.enum(['open', 'closed']).optional(),
      })
      .strict(),
    responses: { 200: json('The drawers', z.object({ drawers: z.array(drawerAnswer) }).strict()) },
    handler: async ({ query, principal }) => ({
      drawers: await drawersOf(db, {
        utilityId: query.utility,
        businessDay: query.day ?? (query.status === 'open' ? undefined : today().toString()),
        status: query.status,
        cashier: roleAtLeast(principal.role, 'lead') ? undefined : principal.userId,
      }),
    }),
  });
  route({
    method: 'GET',
    url: '/counter/drawers/:id',
    summary: 'One drawer: its payments, what it should hold by tender, its count once closed',
    tags: ['counter'],
    access: 'agent',
    params: z.object({ id: drawerId }).strict(),
    responses: {
      200: json('The drawer', drawerAnswer),
      404: refusal('No such drawer, or another cashier’s'),
    },
    handler: async ({ params, principal, answer }) => {
      const view = await drawerView(db, params.id);
      if (!view || (view.cashier !== principal.userId && !roleAtLeast(principal.role, 'lead')))
        return answer(404, { error: 'not_found', message: `no drawer ${params.id}` });
      return view;
    },
  });
  route({
    method: 'GET',
    url: '/counter/days/:utility/:day/report',
    summary: 'The daily balancing report and deposit slip: JSON, CSV or PDF (English or Spanish)',
    tags: ['counter'],
    access: 'lead',
    params: z.object({ utility: utilityId, day: isoDay }).strict(),
    query: z
      .object({
        format: z.enum(['json', 'csv', 'pdf']).default('json'),
        lang: z.enum(['en', 'es']).default('en'),
      })
      .strict(),
    responses: {
      200: {
        description: 'The report',
        content: {
          'application/json': z.record(z.string(), z.unknown()),
          'text/csv': z.string(),
          'application/pdf': z.string(),
        },
      },
      404: refusal('No such utility with a walk-in counter'),
    },
    handler: async ({ params, query, reply, answer }) => {
      const utility = getUtility(params.utility);
      if (!utility?.payments.counter.walkIn)
        return answer(404, { error: 'not_found', message: `no counter at ${params.utility}` });
      const { report, closed, openDrawers } = await reportOf(db, params.utility, params.day);
      if (query.format === 'csv')
        return reply
          .type('text/csv')
          .header(
            'content-disposition',
            `attachment; filename="balancing-${params.utility}-${params.day}.csv"`,
          )
          .send(reportCsv(report));
      if (query.format === 'pdf') {
        const note = closed
          ? null
          : `${reportWord(query.lang, 'notClosed')}${openDrawers.length ? `: ${openDrawers.join(', ')}` : ''}`;
        const pdf = await reportPdf(report, utility.collections.utilityName, query.lang, note);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `inline; filename="balancing-${params.utility}-${params.day}.pdf"`,
          )
          .send(pdf);
      }
      return reply.type('application/json').send({ report, closed, openDrawers });
    },
  });
};
