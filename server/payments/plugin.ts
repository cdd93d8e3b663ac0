import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { accountNumber } from '../../shared/cis/commands/fields';
import { Temporal } from '../../shared/dates';
import { receiptText } from '../../shared/payments';
import { getUtility } from '../../shared/utilities';
import type { Auth } from '../auth/sessions';
import { accountDetail } from '../cis/reads';
import type { Db } from '../db/database';
import { json, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import { receiptPdf } from './receipt-pdf';
import { exportApprovedRefunds, importRefundsPaidFile, listRefunds } from './refunds-file';
import { importReturnsFile } from './returns-file';

export interface PaymentsPluginOptions {
  db: Db;
  auth: Auth;
  now?: () => Date;
  today?: () => Temporal.PlainDate;
}

export const RETURNS_PATH = '/payments/returns';
export const REFUNDS_PATH = '/payments/refunds';

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
  const refundRow = z
    .object({
      refundId: z.string(),
      accountNumber: z.string(),
      utilityId: z.string(),
      reason: z.string(),
      amountCents: z.number().int(),
      payee: z.string(),
      address: z.record(z.string(), z.string()),
      status: z.string(),
      approver: z.string(),
      requestedBy: z.string(),
      requestedAt: z.string(),
      checkNumber: z.string().nullable(),
      issuedOn: z.string().nullable(),
    })
    .strict();
  const refundFilter = z
    .object({
      utility: z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/)
        .optional(),
      status: z.enum(['requested', 'approved', 'declined', 'issued']).optional(),
    })
    .strict();
  route({
    method: 'GET',
    url: REFUNDS_PATH,
    summary: 'The refunds, of a utility and in a status or all, oldest first',
    tags: ['payments'],
    access: 'lead',
    query: refundFilter,
    responses: { 200: json('The refunds', z.object({ refunds: z.array(refundRow) }).strict()) },
    handler: async ({ query }) => ({
      refunds: await listRefunds(db, { utilityId: query.utility, status: query.status }),
    }),
  });
  route({
    method: 'GET',
    url: `${REFUNDS_PATH}/approved.csv`,
    summary: 'The approved refunds waiting for a check, as accounts payable’s CSV',
    tags: ['payments'],
    access: 'lead',
    query: refundFilter.pick({ utility: true }),
    responses: { 200: { description: 'The CSV', content: { 'text/csv': z.string() } } },
    handler: async ({ query, reply }) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="approved-refunds.csv"')
        .send(await exportApprovedRefunds(db, query.utility)),
  });
  route({
    method: 'POST',
    url: `${REFUNDS_PATH}/paid`,
    summary:
      'Import what accounts payable paid (CSV): each refund issued with its check, each bad line reported with its reason',
    tags: ['payments'],
    access: 'lead',
    body: z.object({ csv: z.string().min(1).max(1_000_000) }).strict(),
    responses: {
      200: json(
        'The refunds issued and the lines refused or not read, with their reasons',
        z
          .object({
            issued: z.array(
              z
                .object({ line: z.number().int(), refundId: z.string(), checkNumber: z.string() })
                .strict(),
            ),
            problems: z.array(problem),
          })
          .strict(),
      ),
    },
    handler: async ({ body, principal }) =>
      importRefundsPaidFile(db, principal, body.csv, { now, today }),
  });
  route({
    method: 'GET',
    url: '/accounts/:number/payments/:receipt/receipt.pdf',
    summary: 'A payment’s receipt as a one-page PDF, in English or Spanish',
    tags: ['payments'],
    access: 'agent',
    params: z.object({
      number: accountNumber,
      receipt: z.string().regex(/^[A-Z]{1,4}-\d{8}$/),
    }),
    query: z.object({ lang: z.enum(['en', 'es']).default('en') }).strict(),
    responses: {
      200: { description: 'The receipt', content: { 'application/pdf': z.string() } },
      404: refusal('No such account, or no payment with this receipt on it'),
    },
    handler: async ({ params, query, reply, answer }) => {
      const detail = await accountDetail(db, params.number);
      const payment = detail?.payments.find((p) => p.receiptNumber === params.receipt);
      const { rows } = await db.query<{ balance_after_cents: number | null }>(
        'select balance_after_cents from payments where account_number = $1 and receipt_number = $2',
        [params.number, params.receipt],
      );
      if (!detail || !payment || rows[0]?.balance_after_cents == null)
        return answer(404, {
          error: 'not_found',
          message: `no receipt ${params.receipt} on account ${params.number}`,
        });
      const pdf = await receiptPdf(
        receiptText(
          {
            utilityName:
              getUtility(detail.header.utilityId)?.collections.utilityName ??
              detail.header.utilityId,
            accountNumber: detail.header.number,
            customerName: detail.customer.name,
            payment: {
              receiptNumber: params.receipt,
              paidOn: payment.paidOn,
              amountCents: payment.amountCents,
              tender: payment.tender,
              channel: payment.channel ?? null,
              tenderDetail: payment.tenderDetail ?? {},
              allocations: payment.allocations ?? [],
            },
            bills: detail.bills,
            balanceAfterCents: Number(rows[0].balance_after_cents),
          },
          query.lang,
        ),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="receipt-${params.receipt}.pdf"`)
        .send(pdf);
    },
  });
};
