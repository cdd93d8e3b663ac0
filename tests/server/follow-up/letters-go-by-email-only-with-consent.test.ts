import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mailer, smtpMailer } from '../../../server/follow-up/mailer';
import { pdfPagesText } from '../../support/pdf-text';
import { backends } from '../support';
import { type ClockedServer, clockedServer, overdueMaineAccount } from './support';

/**
 * Letters by e-mail through a real SMTP server (smtp-server, in this process) reached by the
 * server's nodemailer transport; what it received is read back with mailparser. Only to an address
 * the customer consented to, never after an opt-out.
 */
describe.each(await backends())('letters by e-mail on %s', (kind) => {
  let s: ClockedServer;
  let smtp: SMTPServer;
  let mailer: ReturnType<typeof smtpMailer>;
  let down: ReturnType<typeof smtpMailer>;
  let target: Mailer;
  const received: ParsedMail[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, done) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          done();
        }, done);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    const from = '"Portland Water District" <care@example.org>';
    mailer = smtpMailer({ url: `smtp://127.0.0.1:${port}`, from });
    // Nothing listens on port 9 (discard) here: the transport's connection is refused.
    down = smtpMailer({ url: 'smtp://127.0.0.1:9', from });
    target = mailer;
    s = await clockedServer(kind, { mailer: { send: (m) => target.send(m) } });
  });
  afterAll(async () => {
    await s?.close();
    mailer?.close();
    down?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  });

  const consent = (consent: 'given' | 'withdrawn', email = 'Ana.Ruiz@example.com') =>
    s.post({ type: 'recordEmailConsent', accountNumber: 'PW-7400001', email, consent });
  const answer = (caseId: string) =>
    s.post({
      type: 'sendLetter',
      accountNumber: 'PW-7400001',
      template: 'case-answer',
      language: 'es',
      caseId,
      answer: 'Su medidor registra dentro de los límites; el importe en disputa vuelve a deberse.',
      delivery: 'email',
    });

  it('sends a case answer in Spanish with its PDF only while the customer consents', async () => {
    const bill = await overdueMaineAccount(s, 'PW-7400001');
    const caseId = (
      await s.post({
        type: 'openCase',
        accountNumber: 'PW-7400001',
        kind: 'dispute',
        description: 'Factura alta.',
        billId: bill,
        disputedCents: 1_500,
        preferredContact: 'email',
        language: 'es',
        documents: [],
      })
    ).body.result.caseId as string;
    const first = await answer(caseId);
    expect(first.body.reasonKey, JSON.stringify(first.body)).toBe('cis:rejected.noEmailConsent');

    expect((await consent('given')).body.status).toBe('applied');
    const sent = await answer(caseId);
    expect(sent.body).toMatchObject({ status: 'applied', result: { status: 'sent' } });
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ana.ruiz@example.com');
    expect(mail.subject).toBe(`Nuestra respuesta a su caso ${caseId.slice(0, 8).toUpperCase()}`);
    expect(mail.text).toContain('Estimado/a Fixture Holder:');
    expect(mail.text).toContain('el importe en disputa vuelve a deberse');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['case-answer.pdf', 'application/pdf'],
    ]);
    const pdfText = (await pdfPagesText(mail.attachments[0].content)).join(' ');
    expect(pdfText.replace(/\s+/g, ' ')).toContain('el importe en disputa vuelve a deberse');
    expect((await s.detailOf('PW-7400001')).letters[0]).toMatchObject({
      delivery: 'email',
      status: 'sent',
      sentAt: '2026-11-17T15:00:00.000Z',
    });

    // The customer opts out: no e-mail, nothing kept.
    expect((await consent('withdrawn')).body.status).toBe('applied');
    expect((await answer(caseId)).body.reasonKey).toBe('cis:rejected.noEmailConsent');
    expect(received).toHaveLength(1);
    expect((await s.detailOf('PW-7400001')).letters).toHaveLength(1);
  });

  it('keeps nothing when the SMTP server cannot be reached, and says so', async () => {
    await consent('given');
    const caseId = (await s.detailOf('PW-7400001')).cases[0].id;
    target = down;
    const failed = await answer(caseId);
    target = mailer;
    expect(failed.body.reasonKey).toBe('cis:rejected.emailNotSent');
    expect((await s.detailOf('PW-7400001')).letters).toHaveLength(1);
    const audit = await s.db.query<{ action: string }>(
      "select action from audit where account_number = 'PW-7400001' order by id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'caseOpened',
      'commandRejected',
      'emailConsentRecorded',
      'letterSent',
      'emailConsentRecorded',
      'commandRejected',
      'emailConsentRecorded',
      'commandRejected',
    ]);
  });
});
