import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  backends,
  fixtureAccount,
  monthEnds,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

/**
 * Notices and field disconnections under California's SB 998 (Santa Margarita) on Tuesday
 * 2026-11-17: 60 days delinquent, notice 7 business days ahead (Thanksgiving and the day after
 * are holidays), no shut-off on weekends or holidays, an arrangement in good standing protects,
 * and a medical certificate protects with financial inability and willingness to enter a plan.
 */
describe.each(await backends())('notices and disconnections on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const command = (cmd: Record<string, unknown>) => postCommand(s, cmd);
  const auditRows = (number: string) => auditOf(s, number);

  /**
   * Twelve monthly bills of $65.00, the last two owed: through 2026-10-01, the older is due
   * 2026-09-26 (52 days past due on 2026-11-17); through 2026-09-09, it is due 2026-09-03 (75).
   */
  const pastDueAccount = async (
    number: string,
    o: { days?: 52 | 75; medical?: boolean; noticeServed?: string } = {},
  ) => {
    await fixtureAccount(s.db, {
      number,
      bills: monthEnds(o.days === 75 ? '2026-09-09' : '2026-10-01', 12).map((to) =>
        waterBill(to, 10),
      ),
      paidBills: 10,
      pastDue:
        o.days === 75
          ? { cents: 13_000, days: 75, over30: 13_000, over60: 6_500, over90: 0 }
          : { cents: 13_000, days: 52, over30: 6_500, over60: 0, over90: 0 },
      medicalCertificate: o.medical ? { certifiedOn: '2026-10-01', expiresOn: '2027-04-01' } : null,
    });
    if (o.noticeServed)
      await s.db.query(
        `insert into notices (id, account_number, kind, issued_on, amount_cents, status) values ($1, $2, 'disconnection', $3, 13000, 'open')`,
        [`n-${number}`, number, o.noticeServed],
      );
  };
  /** An equal plan of the past due in two installments of $32.50. */
  const arrangement = (number: string, createdOn: string, dues: [string, string]) =>
    s.db.query(
      `insert into arrangements (id, account_number, kind, status, created_on, down_payment_cents, total_cents, installments)
       values ($1, $2, 'equal', 'active', $3, 0, 6500, $4)`,
      [
        `a-${number}`,
        number,
        createdOn,
        JSON.stringify(dues.map((due, i) => ({ number: i + 1, due, amountCents: 3_250 }))),
      ],
    );

  it('issues a disconnection notice with the earliest date the rules give, once while it is open', async () => {
    await pastDueAccount('SM-8400001');
    const r = await command({
      type: 'issueNotice',
      accountNumber: 'SM-8400001',
      kind: 'disconnection',
    });
    // 60 days past due on 2026-11-25; 7 business days of notice skip Thanksgiving and the
    // day after: Monday 2026-11-30.
    expect(r.body).toMatchObject({
      status: 'applied',
      result: { earliestDisconnection: '2026-11-30' },
    });
    const again = await command({
      type: 'issueNotice',
      accountNumber: 'SM-8400001',
      kind: 'disconnection',
    });
    expect(again.body).toMatchObject({
      reasonKey: 'cis:rejected.noticeOpen',
      details: { date: '2026-11-17' },
    });
    const audit = await auditRows('SM-8400001');
    expect(audit.map((a) => a.action)).toEqual(['noticeIssued', 'commandRejected']);
    expect(audit[0].details).toMatchObject({
      kind: 'disconnection',
      amountCents: 13_000,
      daysPastDue: 52,
      earliest: '2026-11-30',
    });
  });

  it('refuses a disconnection notice while an arrangement is in good standing, and issues one once it is broken', async () => {
    await pastDueAccount('SM-8400002');
    await arrangement('SM-8400002', '2026-11-10', ['2026-12-10', '2027-01-10']);
    const good = await command({
      type: 'issueNotice',
      accountNumber: 'SM-8400002',
      kind: 'disconnection',
    });
    expect(good.body.reasonKey).toBe('collections:rules.arrangement.good');
    expect((await auditRows('SM-8400002')).at(-1)?.action).toBe('noticeRefused');

    // Its first installment fell due on 2026-09-01, and nothing was paid by the end of the 60
    // days' grace.
    await pastDueAccount('SM-8400003');
    await arrangement('SM-8400003', '2026-08-20', ['2026-09-01', '2026-10-01']);
    const broken = await command({
      type: 'issueNotice',
      accountNumber: 'SM-8400003',
      kind: 'disconnection',
    });
    expect(broken.body).toMatchObject({ status: 'applied' });
  });

  it('issues and audits a reminder, and refuses a notice when nothing is past due', async () => {
    await pastDueAccount('SM-8400004');
    const r = await command({ type: 'issueNotice', accountNumber: 'SM-8400004', kind: 'reminder' });
    expect(r.body).toMatchObject({ status: 'applied', result: { earliestDisconnection: null } });
    expect((await auditRows('SM-8400004')).at(-1)).toMatchObject({
      action: 'noticeIssued',
      details: { kind: 'reminder', amountCents: 13_000, rules: [] },
    });
    await fixtureAccount(s.db, {
      number: 'SM-8400005',
      bills: [waterBill('2026-11-01', 10)],
    });
    const nothing = await command({
      type: 'issueNotice',
      accountNumber: 'SM-8400005',
      kind: 'reminder',
    });
    expect(nothing.body.reasonKey).toBe('cis:rejected.nothingPastDue');
  });

  it('weighs what the agent screened before a field disconnection, and audits it', async () => {
    // 75 days past due, noticed on 2026-11-03 (7 business days ran by 2026-11-12), a medical
    // certificate on file.
    await pastDueAccount('SM-8400006', { days: 75, medical: true, noticeServed: '2026-11-03' });
    const order = {
      type: 'requestServiceOrder',
      accountNumber: 'SM-8400006',
      orderType: 'field-disconnect',
      notes: '',
    };
    const unasked = await command(order);
    expect(unasked.body.reasonKey).toBe('cis:rejected.screeningRequired');
    // $30,000 for four is 90.9% of the poverty guideline, below 200%, and willing: protected.
    const screenedLow = {
      household: { annualIncomeCents: 3_000_000, size: 4 },
      publicAssistance: false,
      willingToEnterPlan: true,
    };
    const protectedOne = await command({ ...order, screening: screenedLow });
    expect(protectedOne.body.reasonKey).toBe('collections:rules.medical.protectedAllThree');
    // $80,000 for four is 242%: not financially unable, so the certificate alone does not protect.
    const screenedHigh = { ...screenedLow, household: { annualIncomeCents: 8_000_000, size: 4 } };
    const allowed = await command({ ...order, screening: screenedHigh });
    expect(allowed.body).toMatchObject({ status: 'applied', result: { priority: 'high' } });
    const audit = await auditRows('SM-8400006');
    expect(audit.map((a) => a.action)).toEqual([
      'disconnectionRefused',
      'disconnectionRefused',
      'disconnectionScheduled',
    ]);
    expect(audit[1].details).toMatchObject({ screening: screenedLow });
    expect(audit[2].details).toMatchObject({ screening: screenedHigh });
    expect(
      (audit[2].details.rules as { id: string; outcome: string }[]).find((r) => r.id === 'medical'),
    ).toMatchObject({ outcome: 'pass' });
  });

  it('answers 400 naming the field for a screening sent with another order', async () => {
    const r = await command({
      type: 'requestServiceOrder',
      accountNumber: 'SM-8400001',
      orderType: 'reread',
      notes: '',
      screening: { publicAssistance: true, willingToEnterPlan: true },
    });
    expect([r.code, r.body.field]).toEqual([400, 'command.screening']);
  });
});
