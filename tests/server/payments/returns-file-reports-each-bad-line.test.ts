import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/cis';
import {
  backends,
  fixtureAccount,
  monthEnds,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from '../support';

describe.each(await backends())('the bank’s returns file on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const upload = (csv: string, token = s.tokens.lead) =>
    s.app.inject({
      method: 'POST',
      url: '/payments/returns',
      headers: { authorization: `Bearer ${token}` },
      payload: { csv },
    });
  const check = async (number: string, amountCents: number, checkNumber: string) => {
    const r = await postCommand(s, {
      type: 'postPayment',
      accountNumber: number,
      amountCents,
      tender: { kind: 'check', checkNumber, bank: 'Pacific Coast Bank' },
      channel: 'mail',
    });
    return r.body.result.receiptNumber as string;
  };

  it('returns each good line, reports every other with its line and reason, and loses none', async () => {
    for (const n of ['SM-8700001', 'SM-8700002'])
      await fixtureAccount(s.db, {
        number: n,
        bills: monthEnds('2026-11-01', 2).map((to) => waterBill(to, 10)),
      });
    const a = await check('SM-8700001', 6_500, '101');
    const b = await check('SM-8700002', 4_000, '202');
    const csv = [
      'account_number,receipt_number,amount,returned_on,reason,return_code',
      `SM-8700001,${a},65.00,2026-11-16,insufficient-funds,R01`,
      `SM-8700002,${b},40.01,2026-11-16,closed-account,R02`,
      'SM-8700002,SM-00009999,40.00,2026-11-16,stopped,R08',
      `SM-8700002,${b},forty,2026-11-16,stopped,`,
      `SM-8700002,${b},40.00,2026-11-16`,
      `SM-8700002,${b},40.00,2026-11-16,lost-in-mail,`,
      '',
      `SM-8700002,${b},40.00,2026-11-16,stopped,`,
      `SM-8700001,${a},65.00,2026-11-16,insufficient-funds,R01`,
    ].join('\n');
    const r = await upload(csv);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.applied).toEqual([
      { line: 2, receiptNumber: a, feeCents: 2_500 },
      { line: 9, receiptNumber: b, feeCents: 2_500 },
    ]);
    expect(body.problems.map((p: { line: number; reason: string }) => [p.line, p.reason])).toEqual([
      [3, 'cis:rejected.returnAmountMismatch'],
      [4, 'cis:rejected.noSuchPayment'],
      [5, 'invalidLine'],
      [6, 'columnCount'],
      [7, 'invalidLine'],
      [10, 'cis:rejected.paymentNotPosted'],
    ]);
    expect(body.problems[2].details.field).toBe('amountCents');
    expect(body.problems[4].details.field).toBe('reason');
    const detail = (
      await s.app.inject({
        method: 'GET',
        url: '/accounts/SM-8700002',
        headers: { authorization: `Bearer ${s.tokens.agent}` },
      })
    ).json() as AccountDetail;
    expect(detail.payments[0]).toMatchObject({ status: 'returned', returnReason: 'stopped' });
    expect(detail.header.balanceCents).toBe(13_000 + 2_500);
  });

  it('refuses a file without its columns, and an agent', async () => {
    const r = await upload('receipt,amount\nSM-00000001,1.00');
    expect(r.json().problems).toEqual([
      {
        line: 1,
        reason: 'missingColumns',
        details: {
          missing: ['receipt_number', 'account_number', 'returned_on', 'reason', 'return_code'],
        },
      },
    ]);
    expect((await upload('account_number\n', s.tokens.agent)).statusCode).toBe(403);
  });
});
