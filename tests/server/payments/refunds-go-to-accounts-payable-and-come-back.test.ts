import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUNDS_EXPORT_COLUMNS } from '../../../server/payments/refunds-file';
import {
  auditOf,
  backends,
  fixtureAccount,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from '../support';

describe.each(await backends())('refunds to accounts payable and back on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const get = (url: string, token = s.tokens.lead) =>
    s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const closedWithCredit = async (number: string, creditCents: number) => {
    await fixtureAccount(s.db, { number, status: 'closed', bills: [waterBill('2026-01-01', 10)] });
    await s.db.query('update accounts set balance_cents = $2 where number = $1', [
      number,
      -creditCents,
    ]);
  };
  const refund = async (number: string, amountCents: number, payee: string) =>
    (
      await postCommand(
        s,
        {
          type: 'requestRefund',
          accountNumber: number,
          reason: 'closed-account-credit',
          amountCents,
          payee,
          address: { line1: '9 Elm St, Apt "B"', city: 'Mission Viejo', state: 'CA', zip: '92691' },
        },
        s.tokens.lead,
      )
    ).body.result.refundId as string;

  it('exports the approved refunds with the documented columns, and issues each paid line; every bad line is reported and none lost', async () => {
    await closedWithCredit('SM-8900001', 4_210);
    await closedWithCredit('SM-8900002', 1_005);
    const a = await refund('SM-8900001', 4_210, 'Ana María Núñez, heir');
    const b = await refund('SM-8900002', 1_005, 'Bo Li');
    const csv = await get('/payments/refunds/approved.csv?utility=santa-margarita-ca');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...REFUNDS_EXPORT_COLUMNS]);
    expect(rows.map((r) => [r.refund_id, r.amount, r.payee, r.address_line1])).toEqual([
      [a, '42.10', 'Ana María Núñez, heir', '9 Elm St, Apt "B"'],
      [b, '10.05', 'Bo Li', '9 Elm St, Apt "B"'],
    ]);
    // An agent does not see accounts payable's file.
    expect((await get('/payments/refunds/approved.csv', s.tokens.agent)).statusCode).toBe(403);
    const paid = [
      'refund_id,account_number,check_number,amount,issued_on',
      `${a},SM-8900001,50001,42.10,2026-11-16`,
      `${b},SM-8900002,50002,10.06,2026-11-16`,
      `${b},SM-8900002,50001,10.05,2026-11-16`,
      `${b},SM-8900002,50003,ten,2026-11-16`,
      `${b},SM-8900002,50003`,
      'no-such-refund,SM-8900002,50004,10.05,2026-11-16',
      `${b},SM-8900002,50005,10.05,2026-11-16`,
      `${a},SM-8900001,50006,42.10,2026-11-16`,
    ].join('\n');
    const r = await s.app.inject({
      method: 'POST',
      url: '/payments/refunds/paid',
      headers: { authorization: `Bearer ${s.tokens.lead}` },
      payload: { csv: paid },
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.issued).toEqual([
      { line: 2, refundId: a, checkNumber: '50001' },
      { line: 8, refundId: b, checkNumber: '50005' },
    ]);
    expect(body.problems.map((p: { line: number; reason: string }) => [p.line, p.reason])).toEqual([
      [3, 'cis:rejected.refundAmountMismatch'],
      [4, 'cis:rejected.checkNumberUsed'],
      [5, 'invalidLine'],
      [6, 'columnCount'],
      [7, 'cis:rejected.noSuchRefund'],
      [9, 'cis:rejected.refundNotApproved'],
    ]);
    const listed = (await get('/payments/refunds?status=issued')).json().refunds;
    expect(listed.map((x: { refundId: string; checkNumber: string }) => x.checkNumber)).toEqual([
      '50001',
      '50005',
    ]);
    expect((await auditOf(s, 'SM-8900002')).at(-1)).toMatchObject({
      action: 'refundIssued',
      details: { checkNumber: '50005' },
    });
    // Nothing approved is left for accounts payable.
    expect((await get('/payments/refunds/approved.csv')).body.trim().split('\n')).toHaveLength(1);
  });
});
