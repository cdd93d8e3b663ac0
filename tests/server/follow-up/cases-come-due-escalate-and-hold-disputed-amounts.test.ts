import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disconnectionAccountOf,
  evaluateDisconnection,
  getCollectionPolicy,
} from '../../../shared/collections';
import { backends, TODAY } from '../support';
import { type ClockedServer, clockedServer, overdueMaineAccount } from './support';

/**
 * Cases on Portland Water District (Maine PUC Ch. 660): a disconnection may begin only when the
 * undisputed overdue amount is more than $50.00, so an open dispute's amount is held from
 * collection, and what the server decides is what the desk's account-facts function shows.
 * Cases are due by the utility's setting (30 days, not gathered) and go to a lead 3 days before.
 */
describe.each(await backends())('cases on %s', (kind) => {
  let s: ClockedServer;
  beforeAll(async () => {
    s = await clockedServer(kind);
  });
  afterAll(async () => s?.close());

  const post = (command: Record<string, unknown>, token?: string) => s.post(command, token);
  const detailOf = (number: string) => s.detailOf(number);
  const overdue = (number: string) => overdueMaineAccount(s, number);
  const dispute = (number: string, billId: string, cents: number) =>
    post({
      type: 'openCase',
      accountNumber: number,
      kind: 'dispute',
      description: 'The customer says the September read is wrong.',
      billId,
      disputedCents: cents,
      preferredContact: 'email',
      language: 'es',
      documents: [{ reference: 'scan-7f3a', label: 'meter photo' }],
    });
  const notice = (number: string) =>
    post({ type: 'issueNotice', accountNumber: number, kind: 'disconnection' });

  it('opens a dispute due by the setting, holding its amount, at Maine’s $50.00 boundary', async () => {
    const bill = await overdue('PW-7100001');
    const opened = await dispute('PW-7100001', bill, 1_000);
    expect(opened.body).toMatchObject({
      status: 'applied',
      result: { dueOn: '2026-12-17', ownerId: 'u-agent', heldCents: 1_000 },
    });
    // $60.00 less $10.00 disputed is $50.00 undisputed: not more than $50.00, no notice.
    const refused = await notice('PW-7100001');
    expect(refused.body.reasonKey).toBe('collections:rules.minimum-past-due.failUntil');

    // The desk weighs the same facts from the detail it caches, with the same function.
    const detail = await detailOf('PW-7100001');
    expect(detail.cases).toHaveLength(1);
    expect(detail.cases[0]).toMatchObject({
      kind: 'dispute',
      status: 'open',
      disputedCents: 1_000,
      dueOn: '2026-12-17',
      ownerName: 'Alex Rivera',
      documents: [{ reference: 'scan-7f3a', label: 'meter photo' }],
    });
    const policy = getCollectionPolicy('portland-water-me')!;
    const facts = disconnectionAccountOf(policy, detail, TODAY);
    expect(facts).toMatchObject({ pastDueCents: 5_000, disputedHeldCents: 1_000 });
    const desk = evaluateDisconnection(policy, facts, TODAY);
    expect(desk.allowed).toBe(false);
    expect(desk.rules.find((r) => r.id === 'disputed-held')).toMatchObject({
      outcome: 'pass',
      params: { amount: 1_000 },
    });
    expect(desk.rules.find((r) => r.id === 'minimum-past-due')?.outcome).toBe('fail');

    // $9.99 disputed leaves $50.01: a notice may go out.
    const bill2 = await overdue('PW-7100002');
    await dispute('PW-7100002', bill2, 999);
    expect((await notice('PW-7100002')).body).toMatchObject({ status: 'applied' });
    const facts2 = disconnectionAccountOf(policy, await detailOf('PW-7100002'), TODAY);
    expect(facts2.pastDueCents).toBe(5_001);

    const audit = await s.db.query<{ action: string; details: Record<string, unknown> }>(
      "select action, details from audit where account_number = 'PW-7100001' order by id",
    );
    expect(audit.rows[0]).toMatchObject({
      action: 'caseOpened',
      details: {
        kind: 'dispute',
        disputedCents: 1_000,
        heldCents: 1_000,
        dueOn: '2026-12-17',
        holdSource: expect.stringContaining('Ch. 660 §10(A)(1)'),
        dueSource: expect.stringContaining('not gathered'),
      },
    });
  });

  it('releases the held amount once a lead closes the case, and refuses an agent’s close', async () => {
    const bill = await overdue('PW-7100003');
    const caseId = (await dispute('PW-7100003', bill, 1_000)).body.result.caseId;
    const close = {
      type: 'closeCase',
      accountNumber: 'PW-7100003',
      caseId,
      resolution: 'denied',
      resolutionText: 'The meter tested within limits.',
      letterId: null,
    };
    expect((await post(close)).body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.roleNotAllowed',
    });
    expect((await notice('PW-7100003')).body.status).toBe('rejected');
    expect((await post(close, s.tokens.lead)).body).toMatchObject({
      status: 'applied',
      result: { closedOn: '2026-11-17', releasedCents: 1_000 },
    });
    expect((await notice('PW-7100003')).body).toMatchObject({ status: 'applied' });
    const closed = (await detailOf('PW-7100003')).cases[0];
    expect(closed).toMatchObject({
      status: 'closed',
      resolution: 'denied',
      closedOn: '2026-11-17',
    });
    expect((await post(close, s.tokens.lead)).body.reasonKey).toBe('cis:rejected.caseClosed');
    const note = await post({
      type: 'addCaseNote',
      accountNumber: 'PW-7100003',
      caseId,
      text: 'called back',
      documents: [],
    });
    expect(note.body.reasonKey).toBe('cis:rejected.caseClosed');
  });

  it('refuses a dispute above its bill, on another account’s bill, twice on one bill, or with no bill', async () => {
    const bill = await overdue('PW-7100004');
    const other = await overdue('PW-7100005');
    // The bill is $25.00 + 10 CCF at $4.00: $65.00.
    expect((await dispute('PW-7100004', bill, 6_501)).body).toMatchObject({
      reasonKey: 'cis:rejected.disputeAboveBill',
      details: { amount: 6_501, billTotal: 6_500 },
    });
    expect((await dispute('PW-7100004', other, 100)).body.reasonKey).toBe(
      'cis:rejected.noSuchBill',
    );
    expect((await dispute('PW-7100004', bill, 6_500)).body.status).toBe('applied');
    expect((await dispute('PW-7100004', bill, 100)).body.reasonKey).toBe(
      'cis:rejected.disputeOpen',
    );
    const noBill = await post({
      type: 'openCase',
      accountNumber: 'PW-7100004',
      kind: 'dispute',
      description: 'x',
      billId: null,
      disputedCents: 100,
      preferredContact: 'phone',
      language: 'en',
      documents: [],
    });
    expect(noBill.code).toBe(400);
    const complaintWithAmount = await post({
      type: 'openCase',
      accountNumber: 'PW-7100004',
      kind: 'complaint',
      description: 'rude crew',
      billId: null,
      disputedCents: 100,
      preferredContact: 'phone',
      language: 'en',
      documents: [],
    });
    expect(complaintWithAmount.code).toBe(400);
    const ghost = await post({
      type: 'addCaseNote',
      accountNumber: 'PW-7100004',
      caseId: 'no-such-case',
      text: 'hello',
      documents: [],
    });
    expect(ghost.body.reasonKey).toBe('cis:rejected.noSuchCase');
  });

  it('hands a case to the lead 3 days before it is due, once, and only a lead may run it', async () => {
    await overdue('PW-7100006');
    const request = await post({
      type: 'openCase',
      accountNumber: 'PW-7100006',
      kind: 'request',
      description: 'Copy of the 2025 bills for a tax filing.',
      billId: null,
      disputedCents: 0,
      preferredContact: 'mail',
      language: 'en',
      documents: [],
    });
    // A request is due in 10 days: 2026-11-27; escalation from 2026-11-24.
    expect(request.body.result.dueOn).toBe('2026-11-27');
    const run = (token = s.tokens.lead) =>
      s.app.inject({
        method: 'POST',
        url: '/follow-up/escalations',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await run(s.tokens.agent)).statusCode).toBe(403);
    s.setToday('2026-11-23');
    const mine = (r: { json(): { escalated: { caseId: string }[] } }) =>
      r.json().escalated.filter((e) => e.caseId === request.body.result.caseId);
    expect(mine(await run())).toEqual([]);
    s.setToday('2026-11-24');
    expect(mine(await run())).toEqual([
      expect.objectContaining({ leadId: 'u-lead', urgency: 'due-soon', dueOn: '2026-11-27' }),
    ]);
    expect(mine(await run())).toEqual([]);
    s.setToday(TODAY.toString());
    const escalated = (await detailOf('PW-7100006')).cases[0];
    expect(escalated).toMatchObject({
      status: 'escalated',
      escalatedOn: '2026-11-24',
      ownerId: 'u-lead',
    });
    const audit = await s.db.query<{ user_id: string; details: Record<string, unknown> }>(
      "select user_id, details from audit where action = 'caseEscalated' and account_number = 'PW-7100006'",
    );
    expect(audit.rows).toEqual([
      {
        user_id: 'system:case-escalation',
        details: expect.objectContaining({ from: 'u-agent', to: 'u-lead', urgency: 'due-soon' }),
      },
    ]);
  });
});
