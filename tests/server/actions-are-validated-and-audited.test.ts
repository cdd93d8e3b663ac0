import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail, AccountHeader } from '../../shared/cis';
import { backends, fixtureAccount, seededServer, type TestServer, waterBill } from './support';

/**
 * The commands behind the workspace's action panels, against a seeded Santa Margarita (SB 998)
 * utility on 2026-11-17 (a Tuesday), 15:00 UTC.
 */
describe.each(await backends())('the action commands on %s', (kind) => {
  let s: TestServer;
  let headers: AccountHeader[];
  beforeAll(async () => {
    s = await seededServer(kind, 60);
    headers = (
      (
        await s.app.inject({
          method: 'GET',
          url: '/sync/snapshot?limit=100',
          headers: { authorization: `Bearer ${s.tokens.agent}` },
        })
      ).json() as { headers: AccountHeader[] }
    ).headers;
  });
  afterAll(async () => s?.close());

  const used = new Set<string>();
  /** A seeded account no other test of this file has touched. */
  const fresh = (where: (h: AccountHeader) => boolean) => {
    const h = headers.find((x) => !used.has(x.number) && where(x));
    if (!h) throw new Error('no account matches');
    used.add(h.number);
    return h;
  };
  const get = (url: string, token = s.tokens.agent) =>
    s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const command = async (cmd: Record<string, unknown>, token = s.tokens.agent) => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${token}` },
      payload: { command: cmd },
    });
    return r.json() as {
      status: string;
      result: Record<string, unknown>;
      reasonKey: string;
      details: Record<string, unknown>;
    };
  };
  const detail = async (number: string) =>
    (await get(`/accounts/${number}`)).json() as AccountDetail;
  const auditOf = async (number: string) =>
    (
      (await get(`/audit?account=${number}`, s.tokens.lead)).json() as {
        entries: { action: string; details: Record<string, unknown> }[];
      }
    ).entries;

  /**
   * A vacant premise whose last holder left: an inactive account with twelve 30-day bills of
   * $50.00 in the year before today (360 days, $600.00), so its average monthly bill is
   * $600.00 × 365 / 12 / 360 = $50.69 (5,069.44 cents, rounded to 5,069).
   */
  const vacantPremise = async (suffix: string) => {
    const number = `SM-77${suffix}`;
    await s.db.query(
      `insert into customers (id, name, preferred_language, mailing_address, protections)
       values ($1, 'Former Holder', 'en', '{"line1":"9 Elm St","city":"Rancho Santa Margarita","state":"CA","zip":"92688"}', '{"medicalCertificate":null,"lifeSupport":false,"lowIncome":false,"bankruptcy":false}')`,
      [`c-${number}`],
    );
    await s.db.query(
      `insert into premises (id, address, municipality, vacant) values ($1, '{"line1":"9 Elm St","city":"Rancho Santa Margarita","state":"CA","zip":"92688"}', 'Rancho Santa Margarita', true)`,
      [`p-${number}`],
    );
    await s.db.query(
      `insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on)
       values ($1, 'santa-margarita-ca', $2, $3, 'inactive', 'residential', '2020-01-01')`,
      [number, `c-${number}`, `p-${number}`],
    );
    for (let i = 0; i < 12; i++) {
      const to = new Date(Date.UTC(2026, 10, 1) - i * 30 * 86_400_000);
      const from = new Date(to.getTime() - 30 * 86_400_000);
      await s.db.query(
        `insert into bills (account_number, period_from, period_to, usage, unit, total_cents, due_on, lines)
         values ($1, $2, $3, 10, 'ccf', 5000, $4, '[]')`,
        [
          number,
          from.toISOString().slice(0, 10),
          to.toISOString().slice(0, 10),
          new Date(to.getTime() + 25 * 86_400_000).toISOString().slice(0, 10),
        ],
      );
    }
    return number;
  };

  it('dispatches a main break at emergency priority, escalated as the utility’s profile names', async () => {
    const h = fresh((x) => x.status === 'active');
    const r = await command({
      type: 'requestServiceOrder',
      accountNumber: h.number,
      orderType: 'emergency-main-break',
      notes: 'water running down the street',
    });
    expect(r.result).toMatchObject({
      priority: 'emergency',
      windowStart: '2026-11-17T15:00:00.000Z',
      // The profile's setting: a crew within 60 minutes.
      windowEnd: '2026-11-17T16:00:00.000Z',
      escalateTo: ['distribution-dispatch', 'on-call-supervisor'],
    });
    const order = (await detail(h.number)).serviceOrders[0];
    expect(order).toMatchObject({
      type: 'emergency-main-break',
      status: 'scheduled',
      escalateTo: ['distribution-dispatch', 'on-call-supervisor'],
    });
    expect(Date.parse(order.respondBy!)).toBe(Date.parse('2026-11-17T16:00:00Z'));
    const again = await command({
      type: 'requestServiceOrder',
      accountNumber: h.number,
      orderType: 'emergency-main-break',
      notes: 'second caller',
    });
    expect(again.reasonKey).toBe('cis:rejected.orderOpen');
    expect((await auditOf(h.number)).map((e) => e.action)).toContain('emergencyDispatched');
  });

  it('books routine work on the first business day after Thanksgiving and the day after it', async () => {
    const h = fresh((x) => x.status === 'active');
    const r = await command({
      type: 'requestServiceOrder',
      accountNumber: h.number,
      orderType: 'meter-test',
      notes: '',
      preferredDate: '2026-11-26',
    });
    // Both are California holidays; 8 a.m. Pacific on Monday 2026-11-30 is 16:00 UTC.
    expect(r.result.windowStart).toBe('2026-11-30T16:00:00Z');
    expect(r.result.windowEnd).toBe('2026-11-30T20:00:00Z');
  });

  it('shows the agent the lead’s decision, with the reason and when it was made', async () => {
    const number = 'SM-8200001';
    // A $150.00 bill: 31.25 CCF at $4.00 and the $25.00 service charge.
    const [bill] = await fixtureAccount(s.db, { number, bills: [waterBill('2026-11-01', 31.25)] });
    const h = { number };
    const asked = await command({
      type: 'postAdjustment',
      accountNumber: h.number,
      kind: 'percentage',
      billId: bill,
      percent: '100',
      amountCents: -15_000,
      reason: 'billing error on two bills',
    });
    expect(asked.result).toMatchObject({ status: 'pending', approver: 'lead' });
    const id = String(asked.result.adjustmentId);
    const declined = await command(
      {
        type: 'decideAdjustment',
        accountNumber: h.number,
        adjustmentId: id,
        decision: 'decline',
        reason: 'the bills were correct',
      },
      s.tokens.lead,
    );
    // The whole answer, so a refusal names its reason.
    expect(declined).toMatchObject({ status: 'applied', result: { status: 'declined' } });
    const mine = (await get('/adjustments/requested')).json() as {
      requested: { id: string; status: string; decidedBy: string; decisionReason: string }[];
    };
    expect(mine.requested.find((r) => r.id === id)).toMatchObject({
      status: 'declined',
      decidedBy: 'Jordan Lee',
      decisionReason: 'the bills were correct',
    });
    const leads = (await get('/adjustments/requested', s.tokens.lead)).json() as {
      requested: { id: string }[];
    };
    expect(leads.requested.map((r) => r.id)).not.toContain(id);
    expect((await detail(h.number)).adjustments[0].decidedAt).toBe('2026-11-17T15:00:00.000Z');
  });

  it('starts service at a vacant premise with the deposit of the policy, and refuses a second start', async () => {
    const premise = await vacantPremise('00001');
    const start = {
      type: 'startService',
      accountNumber: premise,
      holder: { name: 'Rosa Delgado', preferredLanguage: 'es', phone: '9495550142' },
      class: 'residential',
      startOn: '2026-11-20',
      deposit: { onTimePaymentMonths: 3 },
    };
    const r = await command(start);
    // 2 × the average monthly bill of 5,069 cents.
    expect(r.result.deposit).toMatchObject({ amountCents: 10_138, waived: false });
    const number = String(r.result.newAccountNumber);
    const started = await detail(number);
    expect(started.header).toMatchObject({ status: 'pending-start', name: 'Rosa Delgado' });
    expect(started.depositDueCents).toBe(10_138);
    expect(started.serviceOrders[0]).toMatchObject({ type: 'turn-on', status: 'scheduled' });
    // Friday 2026-11-20, 8 a.m. Pacific.
    expect(Date.parse(started.serviceOrders[0].windowStart!)).toBe(
      Date.parse('2026-11-20T16:00:00Z'),
    );
    expect((await command(start)).reasonKey).toBe('cis:rejected.premiseServed');
    const waived = await command({
      ...start,
      accountNumber: await vacantPremise('00002'),
      deposit: { household: { annualIncomeCents: 3_000_000, size: 4 } },
    });
    // $30,000 for 4 is 90.9% of the 2026 guideline, below the 200% waiver.
    expect(waived.result.deposit).toMatchObject({ amountCents: 0, waived: true });
    const audit = await auditOf(number);
    expect(audit[0]).toMatchObject({ action: 'serviceStarted' });
  });

  it('refuses a start or a stop dated before today', async () => {
    const h = fresh((x) => x.status === 'active');
    const r = await command({
      type: 'stopService',
      accountNumber: h.number,
      stopOn: '2026-11-16',
      notes: '',
    });
    expect(r.reasonKey).toBe('cis:rejected.dateInPast');
  });

  it('stops service with a final read on the day asked, and sends the final bill where the customer says', async () => {
    const h = fresh((x) => x.status === 'active');
    const r = await command({
      type: 'stopService',
      accountNumber: h.number,
      stopOn: '2026-11-23',
      forwardingAddress: { line1: '1 New Rd', city: 'Irvine', state: 'CA', zip: '92602' },
      notes: 'moving out of state',
    });
    expect(r.result.turnOff).toMatchObject({ windowStart: '2026-11-23T16:00:00Z' });
    const stopped = await detail(h.number);
    expect(stopped.header.status).toBe('pending-stop');
    expect(stopped.serviceOrders[0].type).toBe('turn-off');
    const { rows } = await s.db.query<{ final_bill_address: { city: string } }>(
      'select final_bill_address from accounts where number = $1',
      [h.number],
    );
    expect(rows[0].final_bill_address.city).toBe('Irvine');
  });

  it('moves a customer to a new premise: the deposit goes with them, their record waives a new one', async () => {
    const from = fresh((x) => x.status === 'active' && x.pastDueCents === 0);
    await s.db.query('update accounts set deposit_cents = 7500 where number = $1', [from.number]);
    const destination = await vacantPremise('00003');
    const r = await command({
      type: 'transferService',
      accountNumber: from.number,
      destinationAccountNumber: destination,
      moveOn: '2026-11-24',
    });
    expect(r.status, JSON.stringify(r)).toBe('applied');
    expect(r.result).toMatchObject({ depositCarriedCents: 7_500, depositDueCents: 0 });
    expect(r.result.deposit).toMatchObject({ waived: true });
    const moved = await detail(String(r.result.newAccountNumber));
    expect(moved.customer.id).toBe((await detail(from.number)).customer.id);
    expect(moved.depositCents).toBe(7_500);
    expect((await detail(from.number)).header.status).toBe('pending-stop');
    const audit = await auditOf(from.number);
    expect(audit.at(-1)?.action).toBe('serviceTransferred');
    expect(Number(audit.at(-1)?.details.onTimePaymentMonths)).toBeGreaterThanOrEqual(12);
  });

  it('changes the account holder with a final read for the one who leaves', async () => {
    const h = fresh((x) => x.status === 'active');
    const r = await command({
      type: 'changeAccountHolder',
      accountNumber: h.number,
      newHolderName: 'Dana Whitfield',
      preferredLanguage: 'en',
      phone: '9495550199',
      effectiveOn: '2026-11-18',
      finalRead: true,
      deposit: { protectionFromAbuseOrder: true, onTimePaymentMonths: 24 },
    });
    expect(r.result.finalRead).toMatchObject({ windowStart: '2026-11-18T16:00:00Z' });
    expect(r.result.deposit).toMatchObject({ amountCents: 0, waived: true });
    const old = await detail(h.number);
    expect(old.serviceOrders[0].type).toBe('final-read');
  });

  it('enrols a household the program qualifies, and refuses one it does not with the reason', async () => {
    const h = fresh((x) => x.status === 'active' && !x.protections.includes('low-income'));
    const refused = await command({
      type: 'enrollAssistance',
      accountNumber: h.number,
      program: 'sb998-low-income',
      household: { annualIncomeCents: 8_000_000, size: 4 },
    });
    expect(refused.reasonKey).toBe('collections:screening.doesNotQualifyBelow');
    const ok = await command({
      type: 'enrollAssistance',
      accountNumber: h.number,
      program: 'sb998-low-income',
      household: { annualIncomeCents: 3_000_000, size: 4 },
    });
    expect(ok.result).toMatchObject({ program: 'sb998-low-income', percentOfPoverty: 90.9 });
    const after = await detail(h.number);
    expect(after.enrollments[0]).toMatchObject({ program: 'sb998-low-income', status: 'active' });
    expect(after.header.protections).toContain('low-income');
    const twice = await command({
      type: 'enrollAssistance',
      accountNumber: h.number,
      program: 'sb998-low-income',
      household: { annualIncomeCents: 3_000_000, size: 4 },
    });
    expect(twice.reasonKey).toBe('cis:rejected.alreadyEnrolled');
    expect((await auditOf(h.number)).map((e) => e.action)).toEqual([
      'enrollmentRefused',
      'assistanceEnrolled',
      'commandRejected',
    ]);
  });

  it('records that the customer was told their rights, in which language', async () => {
    const h = fresh((x) => x.status === 'active');
    const r = await command({
      type: 'recordRightsInformed',
      accountNumber: h.number,
      language: 'es',
      channel: 'read',
    });
    expect(r.result).toMatchObject({ rightsKey: 'rights.california' });
    expect((await auditOf(h.number))[0]).toMatchObject({
      action: 'rightsInformed',
      details: { language: 'es', channel: 'read' },
    });
  });
});
