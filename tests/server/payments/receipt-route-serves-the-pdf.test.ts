import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backends,
  fixtureAccount,
  monthEnds,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from '../support';
import { pdfText } from './pdf-text';

describe.each(await backends())('a receipt from the central server on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const get = (url: string, token = s.tokens.agent) =>
    s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('prints the payment’s receipt in Spanish with the balance it left, and answers 404 for another', async () => {
    await fixtureAccount(s.db, {
      number: 'SM-8800001',
      bills: monthEnds('2026-11-01', 2).map((to) => waterBill(to, 10)),
    });
    const paid = await postCommand(s, {
      type: 'postPayment',
      accountNumber: 'SM-8800001',
      amountCents: 5_000,
      tender: { kind: 'money-order', serialNumber: '55501234', issuer: 'USPS' },
      channel: 'counter',
    });
    const receipt = paid.body.result.receiptNumber as string;
    const r = await get(`/accounts/SM-8800001/payments/${receipt}/receipt.pdf?lang=es`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(r.rawPayload);
    expect(text).toContain(receipt);
    expect(text).toContain('Giro postal (giro postal 55501234, USPS)');
    expect(text).toContain('Recibido por Ventanilla');
    expect(text).toContain('Saldo después de este pago $80.00');
    expect((await get('/accounts/SM-8800001/payments/SM-99999999/receipt.pdf')).statusCode).toBe(
      404,
    );
    expect(
      (await get(`/accounts/SM-8800001/payments/${receipt}/receipt.pdf?lang=fr`)).statusCode,
    ).toBe(400);
    expect(
      (await get(`/accounts/SM-8800001/payments/${receipt}/receipt.pdf`, 'nope')).statusCode,
    ).toBe(401);
  });
});
