import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/i18n/format';
import { pdfText } from '../payments/pdf-text';
import {
  backends,
  fixtureAccount,
  newAgentToken,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from '../support';

/**
 * A counter day at Santa Margarita: two cashiers open drawers, take cash, checks and a money
 * order, a lead voids one payment, one drawer balances to the cent and the other is five cents
 * short (a reason and a lead's sign-off, the threshold not gathered), the day closes with its
 * deposit slip and balancing report.
 */
describe.each(await backends())('the counter day on %s', (kind) => {
  let s: TestServer;
  let second: string;
  const u = 'santa-margarita-ca';
  const cmd = async (command: Record<string, unknown>, token?: string) =>
    postCommand(s, command, token ?? s.tokens.agent);
  const applied = async (command: Record<string, unknown>, token?: string) => {
    const r = await cmd(command, token);
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ status: 'applied' });
    return r.body.result as Record<string, unknown>;
  };
  const refused = async (command: Record<string, unknown>, token?: string) => {
    const r = await cmd(command, token);
    expect(r.body.status, JSON.stringify(r.body)).toBe('rejected');
    return r.body.reasonKey as string;
  };
  const pay = (accountNumber: string, amountCents: number, tender: object, drawerId: string) => ({
    type: 'postPayment',
    accountNumber,
    amountCents,
    tender,
    channel: 'counter',
    drawerId,
  });
  const cash = (counts: [number, number][]) =>
    counts.map(([denominationCents, count]) => ({ denominationCents, count }));

  beforeAll(async () => {
    s = await seededServer(kind, 0);
    second = await newAgentToken(s, 'cashier2');
    for (const n of ['SM-7100001', 'SM-7100002', 'SM-7100003', 'SM-7100004'])
      await fixtureAccount(s.db, { number: n, bills: [waterBill('2026-11-01', 10)] });
  }, 120_000);
  afterAll(async () => s?.close());

  it('balances one drawer to the cent, finds the other five cents short, and closes the day', async () => {
    const a = await applied({ type: 'openDrawer', utilityId: u, floatCents: 20_000 });
    expect(a.drawerId).toBe('SM-20261117-01');
    expect(await refused({ type: 'openDrawer', utilityId: u, floatCents: 100 })).toBe(
      'cis:rejected.drawerAlreadyOpen',
    );
    const b = await applied({ type: 'openDrawer', utilityId: u, floatCents: 15_000 }, second);
    expect(b.drawerId).toBe('SM-20261117-02');
    const A = String(a.drawerId);
    const B = String(b.drawerId);

    // Cashier A: $42.17 cash, a $65.00 check, a $30.01 money order, $12.50 cash voided by a lead.
    await applied(pay('SM-7100001', 4_217, { kind: 'cash' }, A));
    await applied(
      pay(
        'SM-7100002',
        6_500,
        { kind: 'check', checkNumber: '2231', bank: 'Pacific Coast Bank' },
        A,
      ),
    );
    await applied(
      pay(
        'SM-7100003',
        3_001,
        { kind: 'money-order', serialNumber: '99120034', issuer: 'USPS' },
        A,
      ),
    );
    const wrong = await applied(pay('SM-7100004', 1_250, { kind: 'cash' }, A));
    // Into another cashier's drawer, or as a phone payment: refused.
    expect(await refused(pay('SM-7100004', 100, { kind: 'cash' }, A), second)).toBe(
      'cis:rejected.notYourDrawer',
    );
    expect(
      await refused({ ...pay('SM-7100004', 100, { kind: 'cash' }, A), channel: 'phone' }),
    ).toBe('cis:rejected.drawerCounterOnly');
    const voidIt = {
      type: 'voidPayment',
      accountNumber: 'SM-7100004',
      receiptNumber: wrong.receiptNumber,
      reason: 'keyed twice',
    };
    // A cashier may not void: the server refuses the role.
    expect(await refused(voidIt)).toBe('cis:rejected.roleNotAllowed');
    const voided = await applied(voidIt, s.tokens.lead);
    expect(voided).toMatchObject({ drawerId: A, amountCents: 1_250 });
    expect(await refused(voidIt, s.tokens.lead)).toBe('cis:rejected.paymentNotPosted');

    // Cashier B: $19.99 cash and $100.00 cash.
    await applied(pay('SM-7100001', 1_999, { kind: 'cash' }, B), second);
    await applied(pay('SM-7100002', 10_000, { kind: 'cash' }, B), second);

    const drawers = await s.app.inject({
      method: 'GET',
      url: '/counter/drawers?status=open',
      headers: { authorization: `Bearer ${s.tokens.lead}` },
    });
    expect(drawers.json().drawers.map((d: { drawerId: string }) => d.drawerId)).toEqual([A, B]);
    expect(drawers.json().drawers[0].expected).toEqual({
      cash: 20_000 + 4_217,
      check: 6_500,
      'money-order': 3_001,
      card: 0,
    });
    // A cashier sees only their own drawer.
    const own = await s.app.inject({
      method: 'GET',
      url: '/counter/drawers?status=open',
      headers: { authorization: `Bearer ${second}` },
    });
    expect(own.json().drawers.map((d: { drawerId: string }) => d.drawerId)).toEqual([B]);

    // A: $242.17 in cash = 2×$100 + 2×$20 + 2×$1 + 1×10¢ + 1×5¢ + 2×1¢, the check and money order.
    const countA = {
      cash: cash([
        [10_000, 2],
        [2_000, 2],
        [100, 2],
        [10, 1],
        [5, 1],
        [1, 2],
      ]),
      checks: [{ checkNumber: '2231', bank: 'Pacific Coast Bank', amountCents: 6_500 }],
      moneyOrders: [{ serialNumber: '99120034', issuer: 'USPS', amountCents: 3_001 }],
    };
    const closedA = await applied({ type: 'closeDrawer', drawerId: A, count: countA });
    expect(closedA).toMatchObject({ overShortCents: 0, signedOffBy: null });

    // B: expected $269.99 cash; counted $269.94, five cents short.
    const countB = {
      cash: cash([
        [10_000, 2],
        [5_000, 1],
        [1_000, 1],
        [500, 1],
        [100, 4],
        [25, 3],
        [10, 1],
        [5, 1],
        [1, 4],
      ]),
      checks: [],
      moneyOrders: [],
    };
    const closeB = { type: 'closeDrawer', drawerId: B, count: countB };
    expect(await refused(closeB, second)).toBe('cis:rejected.overShortNeedsReason');
    // The threshold is not gathered: any difference needs a lead, and the refusal is audited.
    expect(await refused({ ...closeB, reason: 'a nickel rolled away' }, second)).toBe(
      'cis:rejected.overShortNeedsLead',
    );
    const audited = await s.db.query<{ action: string }>(
      "select action from audit where action = 'drawerCloseRefused'",
    );
    expect(audited.rows).toHaveLength(1);
    expect(
      await refused(
        { type: 'closeCounterDay', utilityId: u, businessDay: '2026-11-17' },
        s.tokens.lead,
      ),
    ).toBe('cis:rejected.drawersStillOpen');
    const closedB = await applied({ ...closeB, reason: 'a nickel rolled away' }, s.tokens.lead);
    expect(closedB).toMatchObject({ overShortCents: -5, signedOffBy: 'u-lead' });
    // Nothing more goes into a closed drawer.
    expect(await refused(pay('SM-7100003', 100, { kind: 'cash' }, B), second)).toBe(
      'cis:rejected.drawerClosed',
    );

    // A lead reopens B with a reason, then it is closed again.
    await applied({ type: 'reopenDrawer', drawerId: B, reason: 'recount asked' }, s.tokens.lead);
    expect(
      await refused({ type: 'reopenDrawer', drawerId: B, reason: 'again' }, s.tokens.lead),
    ).toBe('cis:rejected.drawerOpen');
    await applied({ ...closeB, reason: 'a nickel rolled away' }, s.tokens.lead);

    const day = await applied(
      { type: 'closeCounterDay', utilityId: u, businessDay: '2026-11-17' },
      s.tokens.lead,
    );
    // Deposit: cash $242.17 + $269.94 less floats $350.00 = $162.11; check $65.00; MO $30.01.
    expect(day).toMatchObject({
      drawers: 2,
      overShortCents: -5,
      totalDepositCents: 16_211 + 6_500 + 3_001,
    });
    expect(
      await refused(
        { type: 'closeCounterDay', utilityId: u, businessDay: '2026-11-17' },
        s.tokens.lead,
      ),
    ).toBe('cis:rejected.counterDayClosed');
    expect(
      await refused({ type: 'reopenDrawer', drawerId: B, reason: 'too late' }, s.tokens.lead),
    ).toBe('cis:rejected.counterDayClosed');

    const report = await s.app.inject({
      method: 'GET',
      url: `/counter/days/${u}/2026-11-17/report`,
      headers: { authorization: `Bearer ${s.tokens.lead}` },
    });
    const r = report.json().report;
    expect(r.totals.find((t: { tender: string }) => t.tender === 'cash')).toEqual({
      tender: 'cash',
      expectedCents: 24_217 + 26_999,
      countedCents: 24_217 + 26_994,
      overShortCents: -5,
    });
    expect(
      r.deposit.cash.find((c: { denominationCents: number }) => c.denominationCents === 5),
    ).toEqual({
      denominationCents: 5,
      count: 2,
      cents: 10,
    });
    const csv = await s.app.inject({
      method: 'GET',
      url: `/counter/days/${u}/2026-11-17/report?format=csv`,
      headers: { authorization: `Bearer ${s.tokens.lead}` },
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(
      `2026-11-17,${B},u-cashier2,cash,150.00,269.99,269.94,-0.05,a nickel rolled away,u-lead`,
    );
    expect(csv.body).toContain('2026-11-17,DEPOSIT,,total,,,257.12,,,');
    const pdf = await s.app.inject({
      method: 'GET',
      url: `/counter/days/${u}/2026-11-17/report?format=pdf&lang=es`,
      headers: { authorization: `Bearer ${s.tokens.lead}` },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Informe diario de cuadre');
    expect(text).toContain('Boleta de depósito');
    expect(text).toContain(formatMoney(-5, 'es'));
    // An agent may not read the office's report.
    const agent = await s.app.inject({
      method: 'GET',
      url: `/counter/days/${u}/2026-11-17/report`,
      headers: { authorization: `Bearer ${s.tokens.agent}` },
    });
    expect(agent.statusCode).toBe(403);
  });

  it('refuses a drawer where the utility runs no counter, and a float out of bounds', async () => {
    expect(
      await refused({ type: 'openDrawer', utilityId: 'portland-water-me', floatCents: 100 }),
    ).toBe('cis:rejected.noCounter');
    const bad = await cmd({ type: 'openDrawer', utilityId: u, floatCents: 1_000_001 });
    expect(bad.code).toBe(400);
    const neg = await cmd({ type: 'openDrawer', utilityId: u, floatCents: -1 });
    expect(neg.code).toBe(400);
  });
});
