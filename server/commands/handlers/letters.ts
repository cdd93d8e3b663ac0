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
  const { pdf, pages } = await letterPdf(rendered);
  const id = randomUUID();
  await ctx.tx.query(
    `insert into letters (id, account_number, case_id, template, language, delivery, status, title, body, pdf, pages, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, 'queued', $7, $8, $9, $10, $11, $12)`,
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
    ],
  );
  await audit(ctx, 'letterQueued', account.number, {
    letterId: id,
    template: command.template,
    language: command.language,
    delivery: command.delivery,
    caseId: command.caseId,
    pages,
  });
  await changed(ctx, account.number, 'letter', false);
  return { letterId: id, pages, status: 'queued' as const };
};

/** A letter of the account's, for a case closed with it. */
export async function letterOnAccount(ctx: Applying, number: string, id: string): Promise<void> {
  const { rows } = await ctx.tx.query(
    'select 1 from letters where id = $1 and account_number = $2',
    [id, number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchLetter', { letterId: id });
}
