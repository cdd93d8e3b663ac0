import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRecord } from '../../server/cis/reads';
import { collectionHolds } from '../../shared/collections';
import {
  auditOf,
  backends,
  fixtureAccount,
  monthEnds,
  postCommand,
  seededServer,
  type TestServer,
  TODAY,
  waterBill,
} from './support';

type Rule = { id: string; outcome: string };

/**
 * A bankruptcy, and the protections recorded at the desk, weighed by the server on Tuesday
 * 2026-11-17 for Portland Water District: $130.00 past due 75 days (two $65.00 bills for service
 * through 2026-08-09 and 2026-09-09), a disconnection notice served 2026-10-20. Without any of
 * them the shut-off is allowed (the life-support test's baseline).
 */
describe.each(await backends())('bankruptcy and desk protections on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  }, 120_000);
  afterAll(async () => s?.close());

  const command = (cmd: Record<string, unknown>, token?: string) => postCommand(s, cmd, token);
  const ruleOf = (rules: Rule[] | undefined, id: string) => rules?.find((r) => r.id === id);
  const shutOff = (accountNumber: string) =>
    command({
      type: 'requestServiceOrder',
      accountNumber,
      orderType: 'field-disconnect',
      notes: '',
    });
  const holdsOf = async (number: string) =>
    collectionHolds((await accountRecord(s.db, number))!, TODAY).map((h) => h.kind);
  const owing = async (number: string, utilityId = 'portland-water-me') => {
    await fixtureAccount(s.db, {
      number,
      utilityId,
      bills: monthEnds('2026-09-09', 12).map((to) => waterBill(to, 10)),
      paidBills: 10,
      pastDue: { cents: 13_000, days: 75, over30: 13_000, over60: 6_500, over90: 0 },
    });
    await s.db.query(
      `insert into notices (id, account_number, kind, issued_on, amount_cents, status) values ($1, $2, 'disconnection', '2026-10-20', 13000, 'open')`,
      [`n-${number}`, number],
    );
  };
  const bankruptcy = (accountNumber: string, filedOn = '2026-11-16') =>
    command({
      type: 'recordBankruptcy',
      accountNumber,
      chapter: 7,
      caseNumber: '26-10422',
      court: 'U.S. Bankruptcy Court, D. Me.',
      filedOn,
      documentRef: 'court-notice-1',
    });

  it('the stay sets the old debt apart: no shut-off and no notice for it, audited with the stay', async () => {
    await owing('ME-8600001');
    const r = await bankruptcy('ME-8600001');
    // Filed Monday 2026-11-16: + 20 days = Sunday 2026-12-06, carried to Monday 2026-12-07.
    expect(r.body).toMatchObject({
      status: 'applied',
      result: { prePetitionCents: 13_000, assuranceDueBy: '2026-12-07' },
    });
    expect((await auditOf(s, 'ME-8600001')).at(-1)).toMatchObject({
      action: 'bankruptcyRecorded',
      details: { prePetitionCents: 13_000, caseNumber: '26-10422', documentRef: 'court-notice-1' },
    });
    expect(await holdsOf('ME-8600001')).toEqual(['bankruptcy-stay']);

    const refused = await shutOff('ME-8600001');
    expect(refused.body.status).toBe('rejected');
    const audit = (await auditOf<{ rules: Rule[] }>(s, 'ME-8600001')).at(-1)!;
    expect(audit.action).toBe('disconnectionRefused');
    expect(ruleOf(audit.details.rules, 'bankruptcy-held')).toMatchObject({ outcome: 'pass' });
    expect(ruleOf(audit.details.rules, 'minimum-past-due')).toMatchObject({ outcome: 'fail' });

    const notice = await command({
      type: 'issueNotice',
      accountNumber: 'ME-8600001',
      kind: 'disconnection',
    });
    expect(notice.body.status).toBe('rejected');

    const again = await bankruptcy('ME-8600001');
    expect(again.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.bankruptcyOpen',
    });
  });

  it('a discharge is a lead’s decision and writes the old debt off to the cent', async () => {
    await owing('ME-8600002');
    await bankruptcy('ME-8600002', '2026-10-01');
    const discharge = {
      type: 'recordBankruptcyOutcome',
      accountNumber: 'ME-8600002',
      outcome: 'discharged',
      on: '2026-11-17',
    };
    const byAgent = await command(discharge);
    expect(byAgent.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.roleNotAllowed',
    });
    const byLead = await command(discharge, s.tokens.lead);
    expect(byLead.body).toMatchObject({ status: 'applied', result: { writtenOffCents: 13_000 } });
    const { rows } = await s.db.query<{ balance_cents: string; past_due_cents: string }>(
      'select balance_cents, past_due_cents from accounts where number = $1',
      ['ME-8600002'],
    );
    expect(Number(rows[0].balance_cents)).toBe(0);
    const { rows: adj } = await s.db.query<{ amount_cents: string; kind: string }>(
      'select amount_cents, kind from adjustments where account_number = $1',
      ['ME-8600002'],
    );
    expect(adj.map((a) => Number(a.amount_cents))).toEqual([-13_000]);
    expect(await holdsOf('ME-8600002')).toEqual([]);
  });

  it('a dismissal makes the old debt collectible again: the shut-off is allowed', async () => {
    await owing('ME-8600003');
    await bankruptcy('ME-8600003', '2026-10-01');
    expect((await shutOff('ME-8600003')).body.status).toBe('rejected');
    const dismissed = await command({
      type: 'recordBankruptcyOutcome',
      accountNumber: 'ME-8600003',
      outcome: 'dismissed',
      on: '2026-11-10',
    });
    expect(dismissed.body).toMatchObject({ status: 'applied', result: { writtenOffCents: 0 } });
    expect(await holdsOf('ME-8600003')).toEqual([]);
    expect((await shutOff('ME-8600003')).body.status).toBe('applied');
  });

  it('refuses an outcome dated before the filing, a filing in the future, and a chapter 9', async () => {
    await owing('ME-8600004');
    expect((await bankruptcy('ME-8600004', '2026-11-18')).body.reasonKey).toBe(
      'cis:rejected.dateInFuture',
    );
    await bankruptcy('ME-8600004', '2026-11-02');
    const early = await command({
      type: 'recordBankruptcyOutcome',
      accountNumber: 'ME-8600004',
      outcome: 'dismissed',
      on: '2026-11-01',
    });
    expect(early.body.reasonKey).toBe('cis:rejected.beforeFiling');
    const nine = await command({
      type: 'recordBankruptcy',
      accountNumber: 'ME-8600004',
      chapter: 9,
      caseNumber: 'x',
      court: 'y',
      filedOn: '2026-11-02',
    });
    expect(nine.code).toBeGreaterThanOrEqual(400);
    expect(nine.code).toBeLessThan(500);
  });

  it('a medical certificate holds the shut-off with its document; Portland’s length was not gathered, so no end and no task', async () => {
    await owing('ME-8600005');
    const r = await command({
      type: 'recordMedicalCertificate',
      accountNumber: 'ME-8600005',
      certifiedBy: 'Dr. Ellen Marsh',
      certifiedOn: '2026-11-16',
      documentRef: 'scan-22',
    });
    expect(r.body).toMatchObject({
      status: 'applied',
      result: { expiresOn: null, renewals: 0, taskId: null },
    });
    expect(await holdsOf('ME-8600005')).toEqual(['medical']);
    const refused = await shutOff('ME-8600005');
    expect(refused.body.reasonKey).toBe('collections:rules.medical.certified');
    const renewed = await command({
      type: 'recordMedicalCertificate',
      accountNumber: 'ME-8600005',
      certifiedBy: 'Dr. Ellen Marsh',
      certifiedOn: '2026-11-17',
      documentRef: 'scan-23',
    });
    expect(renewed.body.result.renewals).toBe(1);
  });

  it('life support with an end date holds until then and leaves a task for that day', async () => {
    await owing('ME-8600006');
    const r = await command({
      type: 'recordLifeSupport',
      accountNumber: 'ME-8600006',
      documentRef: 'oxygen-concentrator-form',
      expiresOn: '2027-05-17',
    });
    expect(r.body.status).toBe('applied');
    const { rows } = await s.db.query<{ kind: string; due_on: string; assignee_id: string }>(
      "select kind, to_char(due_on, 'YYYY-MM-DD') as due_on, assignee_id from tasks where id = $1",
      [r.body.result.taskId],
    );
    expect(rows[0]).toEqual({
      kind: 'certificate-expiring',
      due_on: '2027-05-17',
      assignee_id: 'u-agent',
    });
    expect(await holdsOf('ME-8600006')).toEqual(['life-support']);
    expect((await shutOff('ME-8600006')).body.reasonKey).toBe(
      'collections:rules.life-support.holds',
    );
  });

  it('SB 998 conditions are refused outside California and weighed in Santa Margarita', async () => {
    await owing('ME-8600007');
    const maine = await command({
      type: 'recordSb998Condition',
      accountNumber: 'ME-8600007',
      condition: 'financial-inability',
      documentRef: 'medi-cal',
      expiresOn: null,
    });
    expect(maine.body.reasonKey).toBe('cis:rejected.noSb998');

    await owing('SM-8600008', 'santa-margarita-ca');
    await command({
      type: 'recordMedicalCertificate',
      accountNumber: 'SM-8600008',
      certifiedBy: 'Dr. Ana Ruiz, primary care',
      certifiedOn: '2026-11-16',
      documentRef: 'pcp-1',
    });
    // The certificate alone is one of three conditions: no hold yet.
    expect(await holdsOf('SM-8600008')).toEqual([]);
    for (const condition of ['financial-inability', 'willing-to-enter-plan'])
      await command({
        type: 'recordSb998Condition',
        accountNumber: 'SM-8600008',
        condition,
        documentRef: `doc-${condition}`,
        expiresOn: '2027-11-16',
      });
    expect(await holdsOf('SM-8600008')).toEqual(['sb998']);
    const refused = await shutOff('SM-8600008');
    expect(refused.body.status).toBe('rejected');
  });

  it('an unauthorized-use referral books an investigation and holds actions until its finding', async () => {
    await owing('ME-8600009');
    const r = await command({
      type: 'referUnauthorizedUse',
      accountNumber: 'ME-8600009',
      reason: 'unauthorized-use',
      notes: 'neighbour reports a hose from the meter box',
    });
    expect(r.body.status).toBe('applied');
    const { rows } = await s.db.query<{ type: string; status: string }>(
      'select type, status from service_orders where id = $1',
      [r.body.result.serviceOrderId],
    );
    expect(rows[0]).toEqual({ type: 'unauthorized-use-investigation', status: 'scheduled' });
    expect(await holdsOf('ME-8600009')).toEqual(['investigation']);
    expect((await shutOff('ME-8600009')).body.reasonKey).toBe(
      'collections:rules.investigation-hold.fail',
    );
    const twice = await command({
      type: 'referUnauthorizedUse',
      accountNumber: 'ME-8600009',
      reason: 'tampering',
      notes: '',
    });
    expect(twice.body.reasonKey).toBe('cis:rejected.investigationOpen');
    await command({
      type: 'recordInvestigationFinding',
      accountNumber: 'ME-8600009',
      finding: 'not-found',
      notes: 'no connection found',
    });
    expect(await holdsOf('ME-8600009')).toEqual([]);
    expect((await shutOff('ME-8600009')).body.status).toBe('applied');
  });

  it('refuses a document reference longer than 120 characters', async () => {
    await owing('ME-8600010');
    const r = await command({
      type: 'recordLifeSupport',
      accountNumber: 'ME-8600010',
      documentRef: 'x'.repeat(121),
      expiresOn: null,
    });
    expect(r.code).toBeGreaterThanOrEqual(400);
    expect(r.code).toBeLessThan(500);
  });
});
