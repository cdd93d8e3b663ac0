import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  backends,
  type FixtureAccount,
  fixtureAccount,
  monthEnds,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

type Rule = { id: string; outcome: string };

/**
 * Life support and oral medical certifications on file, weighed by the server on Tuesday
 * 2026-11-17. Portland Water District (Maine Ch. 815 §11 by analogy) holds a shut-off while
 * life support is on file, and protects an oral certification through the 7th day while its
 * written confirmation is awaited. Under California's SB 998 (Santa Margarita) the life-support
 * record alone protects nothing: the rule passes and asks for a certificate.
 */
describe.each(await backends())('life support and oral certificates on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const command = (cmd: Record<string, unknown>) => postCommand(s, cmd);
  const auditRows = (number: string) => auditOf<{ rules?: Rule[] }>(s, number);
  const ruleOf = (rules: Rule[] | undefined, id: string) => rules?.find((r) => r.id === id);
  const shutOff = (accountNumber: string) =>
    command({
      type: 'requestServiceOrder',
      accountNumber,
      orderType: 'field-disconnect',
      notes: '',
    });

  /**
   * $130.00 past due 75 days (two $65.00 bills unpaid), the disconnection notice served on
   * 2026-10-20: Maine's 14 days and California's 7 business days have both run.
   */
  const owingAccount = async (
    number: string,
    utilityId: string,
    o: Pick<FixtureAccount, 'lifeSupport' | 'medicalCertificate'> = {},
  ) => {
    await fixtureAccount(s.db, {
      number,
      utilityId,
      bills: monthEnds('2026-09-09', 12).map((to) => waterBill(to, 10)),
      paidBills: 10,
      pastDue: { cents: 13_000, days: 75, over30: 13_000, over60: 6_500, over90: 0 },
      ...o,
    });
    await s.db.query(
      `insert into notices (id, account_number, kind, issued_on, amount_cents, status) values ($1, $2, 'disconnection', '2026-10-20', 13000, 'open')`,
      [`n-${number}`, number],
    );
  };

  it('Portland: life support on file stops the shut-off, audited with the rule; without it the same account may be shut off', async () => {
    await owingAccount('ME-8500001', 'portland-water-me', { lifeSupport: true });
    const held = await shutOff('ME-8500001');
    expect(held.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'collections:rules.life-support.holds',
      details: { ruleId: 'life-support', earliest: null },
    });
    const refused = (await auditRows('ME-8500001')).at(-1)!;
    expect(refused.action).toBe('disconnectionRefused');
    expect(ruleOf(refused.details.rules, 'life-support')).toMatchObject({ outcome: 'fail' });

    await owingAccount('ME-8500002', 'portland-water-me', { lifeSupport: false });
    const allowed = await shutOff('ME-8500002');
    expect(allowed.body).toMatchObject({ status: 'applied' });
    const scheduled = (await auditRows('ME-8500002')).at(-1)!;
    expect(scheduled.action).toBe('disconnectionScheduled');
    expect(ruleOf(scheduled.details.rules, 'life-support')).toMatchObject({
      outcome: 'not-applicable',
    });
  });

  it('Portland: no disconnection notice is issued while life support holds the shut-off', async () => {
    await fixtureAccount(s.db, {
      number: 'ME-8500003',
      utilityId: 'portland-water-me',
      bills: monthEnds('2026-09-09', 12).map((to) => waterBill(to, 10)),
      paidBills: 10,
      pastDue: { cents: 13_000, days: 75, over30: 13_000, over60: 6_500, over90: 0 },
      lifeSupport: true,
    });
    const r = await command({
      type: 'issueNotice',
      accountNumber: 'ME-8500003',
      kind: 'disconnection',
    });
    expect(r.body.reasonKey).toBe('collections:rules.life-support.holds');
    const refused = (await auditRows('ME-8500003')).at(-1)!;
    expect(refused.action).toBe('noticeRefused');
    expect(ruleOf(refused.details.rules, 'life-support')).toMatchObject({ outcome: 'fail' });
  });

  it('Santa Margarita: life support on file does not by itself stop the shut-off, and the audit says it was weighed', async () => {
    await owingAccount('SM-8500004', 'santa-margarita-ca', { lifeSupport: true });
    const r = await shutOff('SM-8500004');
    expect(r.body).toMatchObject({ status: 'applied' });
    const scheduled = (await auditRows('SM-8500004')).at(-1)!;
    expect(scheduled.action).toBe('disconnectionScheduled');
    expect(ruleOf(scheduled.details.rules, 'life-support')).toMatchObject({ outcome: 'pass' });
    expect(ruleOf(scheduled.details.rules, 'medical')).toMatchObject({
      outcome: 'not-applicable',
    });
  });

  it('Santa Margarita: a notice goes out with life support on file, the rule in its audit', async () => {
    await fixtureAccount(s.db, {
      number: 'SM-8500005',
      bills: monthEnds('2026-09-09', 12).map((to) => waterBill(to, 10)),
      paidBills: 10,
      pastDue: { cents: 13_000, days: 75, over30: 13_000, over60: 6_500, over90: 0 },
      lifeSupport: true,
    });
    const r = await command({
      type: 'issueNotice',
      accountNumber: 'SM-8500005',
      kind: 'disconnection',
    });
    // 7 business days from Tuesday 2026-11-17, Thanksgiving and the day after skipped.
    expect(r.body).toMatchObject({
      status: 'applied',
      result: { earliestDisconnection: '2026-11-30' },
    });
    const issued = (await auditRows('SM-8500005')).at(-1)!;
    expect(issued.action).toBe('noticeIssued');
    expect(ruleOf(issued.details.rules, 'life-support')).toMatchObject({ outcome: 'pass' });
  });

  it('Portland: an oral certification protects through the 7th day while its written confirmation is awaited', async () => {
    // Told and certified orally on Thursday 2026-11-12: written confirmation due by 2026-11-19.
    await owingAccount('ME-8500006', 'portland-water-me', {
      medicalCertificate: {
        certifiedOn: '2026-11-12',
        expiresOn: null,
        writtenConfirmationOn: null,
      },
    });
    const awaiting = await shutOff('ME-8500006');
    expect(awaiting.body).toMatchObject({
      reasonKey: 'collections:rules.medical.awaitingWritten',
      details: { params: { by: '2026-11-19', until: '2026-11-19' }, earliest: '2026-11-20' },
    });
  });

  it('Portland: an oral certification never confirmed lapses on the 8th day; one confirmed in time protects while on file', async () => {
    // Certified orally on 2026-11-05: the confirmation was due by 2026-11-12, and the 3
    // business days from being told ended 2026-11-10.
    await owingAccount('ME-8500007', 'portland-water-me', {
      medicalCertificate: {
        certifiedOn: '2026-11-05',
        expiresOn: null,
        writtenConfirmationOn: null,
      },
    });
    const lapsed = await shutOff('ME-8500007');
    expect(lapsed.body).toMatchObject({ status: 'applied' });
    const scheduled = (await auditRows('ME-8500007')).at(-1)!;
    expect(ruleOf(scheduled.details.rules, 'medical')).toMatchObject({ outcome: 'pass' });

    await owingAccount('ME-8500008', 'portland-water-me', {
      medicalCertificate: {
        certifiedOn: '2026-11-05',
        expiresOn: null,
        writtenConfirmationOn: '2026-11-12',
      },
    });
    const confirmed = await shutOff('ME-8500008');
    expect(confirmed.body).toMatchObject({
      reasonKey: 'collections:rules.medical.certified',
      details: { earliest: null },
    });
  });
});
