import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backends,
  fixtureAccount,
  monthEnds,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

/**
 * Levelized budget billing (Alameda Municipal Power offers it) asked of the server on
 * 2026-11-17: the server spreads the bills of the last 12 months over the year, as the desktop's
 * panel shows it, on the account's own bill cycle.
 */
describe.each(await backends())('budget billing on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  it('levels the bills read in the last 12 months into twelve installments that sum to them to the cent', async () => {
    // Thirteen monthly bills through 2026-11-01 of 10 to 22 CCF at $4.00 and $25.00 service:
    // the oldest, read 2025-11-01, is more than a year old and is left out.
    const ends = monthEnds('2026-11-01', 13);
    await fixtureAccount(s.db, {
      number: 'AP-8700001',
      utilityId: 'alameda-power-ca',
      bills: ends.map((to, i) => waterBill(to, 10 + i)),
      paidBills: 13,
    });
    const yearBilled = ends
      .slice(1)
      .map((_, i) => 2_500 + (11 + i) * 400)
      .reduce((a, b) => a + b, 0);
    expect(yearBilled).toBe(109_200);
    const r = await s.app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${s.tokens.agent}` },
      payload: {
        command: {
          type: 'createArrangement',
          accountNumber: 'AP-8700001',
          kind: 'budget',
          offer: {},
        },
      },
    });
    const body = r.json();
    expect(body).toMatchObject({
      status: 'applied',
      result: { plan: { kind: 'budget', totalCents: 109_200, amountArrangedCents: 109_200 } },
    });
    const installments = body.result.plan.installments as { due: string; amountCents: number }[];
    expect(installments).toHaveLength(12);
    expect(installments.every((i) => i.amountCents === 9_100)).toBe(true);
    // The last bill fell due 2026-11-26: the first installment is due with it.
    expect(installments[0].due).toBe('2026-11-26');
  });
});
