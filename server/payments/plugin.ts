import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Temporal } from '../../shared/dates';
import type { Auth } from '../auth/sessions';
import type { Db } from '../db/database';
import { json } from '../http/answers';
import { routeHelper } from '../http/route';
import { importReturnsFile } from './returns-file';

export interface PaymentsPluginOptions {
  db: Db;
  auth: Auth;
  now?: () => Date;
  today?: () => Temporal.PlainDate;
}

export const RETURNS_PATH = '/payments/returns';

const problem = z
  .object({
    line: z.number().int(),
    reason: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .strict();
const returnsImport = z
  .object({
    applied: z.array(
      z
        .object({ line: z.number().int(), receiptNumber: z.string(), feeCents: z.number().int() })
        .strict(),
    ),
    problems: z.array(problem),
  })
  .strict();

/** The bank's returns file, imported by a lead: each line a returnPayment, each bad line reported. */
export const paymentsPlugin: FastifyPluginAsync<PaymentsPluginOptions> = async (app, options) => {
  const { db, auth } = options;
  const now = options.now ?? (() => new Date());
  const today = options.today ?? (() => Temporal.Now.plainDateISO());
  const route = routeHelper(app, { auth });
  route({
    method: 'POST',
    url: RETURNS_PATH,
    summary:
      'Import the bank’s returns file (CSV): each item returned, each bad line reported with its reason',
    tags: ['payments'],
    access: 'lead',
    body: z.object({ csv: z.string().min(1).max(1_000_000) }).strict(),
    responses: {
      200: json(
        'The lines applied and the lines refused or not read, with their reasons',
        returnsImport,
      ),
    },
    handler: async ({ body, principal }) =>
      importReturnsFile(db, principal, body.csv, { now, today }),
  });
};
