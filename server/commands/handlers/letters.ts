import { randomUUID } from 'node:crypto';
import { formatPhone } from '../../../shared/flows/template';
import { getFollowUpSettings } from '../../../shared/follow-up';
import { getLetterTemplate, LetterFactMissing, renderLetter } from '../../../shared/letters';
import { getUtility } from '../../../shared/utilities';
import { letterPdf } from '../../letters/pdf';
import {
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
} from '../context';
import { Rejection } from '../rejection';

/**
 * Renders a letter from its template with the account's facts as the server reads them, keeps it
 * on the account (its PDF and its text) and queues it for the print vendor's mail batch.
 */
export const sendLetter: Handler<'sendLetter'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const policy = policyOf(account);
  const settings = getFollowUpSettings(account.utility_id)!;
  const utility = getUtility(account.utility_id)!;
  const record = await recordOf(ctx, account.number);
  const theCase = command.caseId ? record.cases.find((c) => c.id === command.caseId) : null;
  if (command.caseId && !theCase)
    throw new Rejection('cis:rejected.noSuchCase', { caseId: command.caseId });
  const { rows } = await ctx.tx.query<{ deposit_due_cents: number }>(
    'select deposit_due_cents from accounts where number = $1',
    [account.number],
  );
  let rendered: ReturnType<typeof renderLetter>;
  try {
    rendered = renderLetter(
      getLetterTemplate(command.template),
      {
        detail: { ...record, depositDueCents: Number(rows[0]?.deposit_due_cents ?? 0) },
        utility: {
          name: settings.letterhead.name,
          phone: formatPhone(utility.lines.customerServiceLine),
        },
        case: theCase ?? null,
        answer: command.answer,
        today: ctx.today,
      },
      command.language,
      policy,
      settings.letterhead,
    );
  } catch (err) {
    if (err instanceof LetterFactMissing)
      throw new Rejection('cis:rejected.letterFactMissing', { facts: err.facts.join(', ') });
    throw err;
  }
  const to = command.delivery === 'email' ? await consentedEmail(ctx, account.customer_id) : null;
  const { pdf, pages } = await letterPdf(rendered);
  const id = randomUUID();
  if (to) {
    if (!ctx.mailer) throw new Rejection('cis:rejected.emailNotConfigured');
    try {
      await ctx.mailer.send({
        to,
        subject: rendered.title,
        text: rendered.paragraphs.join('\n\n'),
        attachments: [
          { filename: `${command.template}.pdf`, content: pdf, contentType: 'application/pdf' },
        ],
      });
    } catch (err) {
      throw new Rejection('cis:rejected.emailNotSent', { message: (err as Error).message });
    }
  }
  await ctx.tx.query(
    `insert into letters (id, account_number, case_id, template, language, delivery, status, title, body, pdf, pages, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $13, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      account.number,
      command.caseId,
      command.template,
      command.language,
      command.delivery,
      rendered.title,
      rendered.paragraphs.join('\n\n'),
      pdf,
      pages,
      ctx.principal.userId,
      ctx.now,
      to ? 'sent' : 'queued',
    ],
  );
  if (to) await ctx.tx.query('update letters set sent_at = $2 where id = $1', [id, ctx.now]);
  await audit(ctx, to ? 'letterSent' : 'letterQueued', account.number, {
    letterId: id,
    template: command.template,
    language: command.language,
    delivery: command.delivery,
    caseId: command.caseId,
    pages,
  });
  await changed(ctx, account.number, 'letter', false);
  return { letterId: id, pages, status: to ? ('sent' as const) : ('queued' as const) };
};

/**
 * The address the customer last consented to e-mail at; refused where they never did, or where
 * their latest word was a withdrawal (an opt-out).
 */
async function consentedEmail(ctx: Applying, customerId: string): Promise<string> {
  const { rows } = await ctx.tx.query<{ email: string; status: string }>(
    `select email, status from email_consents where customer_id = $1
      order by seq desc limit 1`,
    [customerId],
  );
  if (rows[0]?.status !== 'given') throw new Rejection('cis:rejected.noEmailConsent');
  return rows[0].email;
}

/** A customer's consent to e-mail given or withdrawn, kept beside every earlier one. */
export const recordEmailConsent: Handler<'recordEmailConsent'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const id = randomUUID();
  await ctx.tx.query(
    'insert into email_consents (id, customer_id, email, status, recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $6)',
    [id, account.customer_id, command.email, command.consent, ctx.principal.userId, ctx.now],
  );
  await audit(ctx, 'emailConsentRecorded', account.number, {
    consentId: id,
    consent: command.consent,
  });
  await changed(ctx, account.number, 'consent', false);
  return { consentId: id };
};

/** A letter of the account's, for a case closed with it. */
export async function letterOnAccount(ctx: Applying, number: string, id: string): Promise<void> {
  const { rows } = await ctx.tx.query(
    'select 1 from letters where id = $1 and account_number = $2',
    [id, number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchLetter', { letterId: id });
}
