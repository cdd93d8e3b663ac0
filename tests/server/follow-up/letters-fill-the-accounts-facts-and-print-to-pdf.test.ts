import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPagesText } from '../../support/pdf-text';
import { backends } from '../support';
import { type ClockedServer, clockedServer, overdueMaineAccount } from './support';

/**
 * Letters on Portland Water District, 2026-11-17: rendered by the server from the account's facts,
 * printed to PDF with the utility's letterhead, kept on the account as queued for mail; the text
 * is read back out of the PDF with pdf.js.
 */
describe.each(await backends())('letters on %s', (kind) => {
  let s: ClockedServer;
  beforeAll(async () => {
    s = await clockedServer(kind);
  });
  afterAll(async () => s?.close());

  const letter = (o: Record<string, unknown>) =>
    s.post({
      type: 'sendLetter',
      caseId: null,
      answer: null,
      delivery: 'mail',
      language: 'en',
      ...o,
    });
  const pdfOf = async (id: string) =>
    (await s.db.query<{ pdf: Uint8Array }>('select pdf from letters where id = $1', [id])).rows[0]
      .pdf;

  it('answers a dispute in Spanish as a PDF, and the lead closes the case with it', async () => {
    const bill = await overdueMaineAccount(s, 'PW-7300001');
    const caseId = (
      await s.post({
        type: 'openCase',
        accountNumber: 'PW-7300001',
        kind: 'dispute',
        description: 'La lectura de septiembre es demasiado alta.',
        billId: bill,
        disputedCents: 2_000,
        preferredContact: 'mail',
        language: 'es',
        documents: [],
      })
    ).body.result.caseId as string;
    const sent = await letter({
      accountNumber: 'PW-7300001',
      template: 'case-answer',
      language: 'es',
      caseId,
      answer: 'Probamos su medidor el 10 de noviembre y registra dentro de los límites.',
    });
    expect(sent.body).toMatchObject({ status: 'applied', result: { pages: 1, status: 'queued' } });
    const [page] = await pdfPagesText(await pdfOf(sent.body.result.letterId));
    const flat = page.replace(/\s+/g, ' ');
    for (const line of [
      'Portland Water District',
      'Customer Service',
      'Portland, ME',
      '17 de noviembre de 2026',
      'Fixture Holder',
      '9 Elm St',
      `Nuestra respuesta a su caso ${caseId.slice(0, 8).toUpperCase()}`,
      'Estimado/a Fixture Holder:',
      'Gracias por comunicarse con nosotros el 17 de noviembre de 2026 sobre la cuenta PW-7300001.',
      'Probamos su medidor el 10 de noviembre y registra dentro de los límites.',
      'usted puede pedir una revisión',
      '(207) 555-0100',
    ])
      expect(flat).toContain(line);

    const detail = await s.detailOf('PW-7300001');
    expect(detail.letters).toEqual([
      expect.objectContaining({
        template: 'case-answer',
        language: 'es',
        delivery: 'mail',
        status: 'queued',
        caseId,
        createdBy: 'u-agent',
      }),
    ]);
    const closed = await s.post(
      {
        type: 'closeCase',
        accountNumber: 'PW-7300001',
        caseId,
        resolution: 'denied',
        resolutionText: 'Medidor dentro de los límites.',
        letterId: sent.body.result.letterId,
      },
      s.tokens.lead,
    );
    expect(closed.body.status).toBe('applied');
    expect((await s.detailOf('PW-7300001')).cases[0]).toMatchObject({
      status: 'closed',
      letterId: sent.body.result.letterId,
    });
  });

  it('prints a disconnection notice with Maine’s rights, and refuses what the account lacks', async () => {
    await overdueMaineAccount(s, 'PW-7300002');
    const notice = await s.post({
      type: 'issueNotice',
      accountNumber: 'PW-7300002',
      kind: 'disconnection',
    });
    expect(notice.body.status).toBe('applied');
    const sent = await letter({ accountNumber: 'PW-7300002', template: 'disconnection-notice' });
    const text = (await pdfPagesText(await pdfOf(sent.body.result.letterId))).join(' ');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Notice of disconnection');
    expect(flat).toContain('is past due by $60.00');
    expect(flat).toContain('Maine Public Utilities Commission (Chapter 660)');

    const deposit = await letter({ accountNumber: 'PW-7300002', template: 'deposit-required' });
    expect(deposit.body).toMatchObject({
      reasonKey: 'cis:rejected.letterFactMissing',
      details: { facts: 'deposit.amount' },
    });
    const noCase = await letter({
      accountNumber: 'PW-7300002',
      template: 'case-answer',
      caseId: 'not-a-case',
      answer: 'x',
    });
    expect(noCase.body.reasonKey).toBe('cis:rejected.noSuchCase');
    expect((await letter({ accountNumber: 'PW-7300002', template: 'case-answer' })).code).toBe(400);
  });

  it('refuses to close a case with a letter of another account', async () => {
    await overdueMaineAccount(s, 'PW-7300003');
    const other = await letter({ accountNumber: 'PW-7300002', template: 'welcome' });
    const caseId = (
      await s.post({
        type: 'openCase',
        accountNumber: 'PW-7300003',
        kind: 'request',
        description: 'Wants a letter.',
        billId: null,
        disputedCents: 0,
        preferredContact: 'mail',
        language: 'en',
        documents: [],
      })
    ).body.result.caseId;
    const closed = await s.post(
      {
        type: 'closeCase',
        accountNumber: 'PW-7300003',
        caseId,
        resolution: 'answered',
        resolutionText: 'Sent.',
        letterId: other.body.result.letterId,
      },
      s.tokens.lead,
    );
    expect(closed.body.reasonKey).toBe('cis:rejected.noSuchLetter');
  });
});
