import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReviewQueue, issueClearDrafts } from '../../server/bills/review-queue';
import { billReviewSettingsOf } from '../../server/bills/settings';
import type { Db } from '../../server/db/database';
import { computeBill, getUtilityProfile } from '../../shared/rates';
import {
  auditOf,
  backends,
  fixtureAccount,
  fixtureMeter,
  postCommand,
  seededServer,
  type TestServer,
} from './support';

const PHL = 'philadelphia-water-pa';
/** The rate engine's Philadelphia bill for 30 days (2026-10-02 to 2026-11-01) of `mcf`. */
const engine = (mcf: number) =>
  computeBill(getUtilityProfile(PHL)!, {
    class: 'residential',
    meterSize: '5/8"',
    usage: mcf,
    period: { from: '2026-10-02', to: '2026-11-01' },
    municipality: 'Rancho Santa Margarita',
  });
const stored = (b: ReturnType<typeof engine>) =>
  b.lines.map((l) => [
    l.code,
    l.descriptionKey,
    l.quantity,
    l.unit,
    l.rate,
    l.amountCents,
    l.tier ?? 0,
    l.params,
  ]);

async function bill(
  db: Db,
  account: string,
  from: string,
  to: string,
  usage: number,
  totalCents: number,
  { estimated = false, lines = [] as unknown[] } = {},
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into bills (account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines)
     values ($1, $2, $3, $4, 'mcf', $5, $6, $3::date + 25, $7) returning id::text`,
    [account, from, to, usage, estimated, totalCents, JSON.stringify(lines)],
  );
  return rows[0].id;
}

/**
 * Today is 2026-11-17. Each account has three 30-day bills of 10 Mcf (ending 08-03, 09-02,
 * 10-02): the use expected for a 30-day draft is 10, so Philadelphia's window (1.5, 0.5; not
 * gathered, the defaults) sends above 15 and below 5 to review, and 15 and 5 themselves go out.
 */
describe.each(await backends())('bill review and rebills on %s', (kind) => {
  let s: TestServer;
  let runId: number;
  const drafts: Record<string, string> = {};
  beforeAll(async () => {
    s = await seededServer(kind, 0, PHL);
    const { rows } = await s.db.query<{ id: number }>(
      "insert into bill_runs (utility_id, bill_on, created_by) values ($1, '2026-11-02', (select id from users where username = 'lead')) returning id",
      [PHL],
    );
    runId = Number(rows[0].id);
    const cases: [string, number, number, Record<string, unknown>][] = [
      ['BR-0001', 10, 8000, {}],
      ['BR-0002', 15, 8000, {}],
      ['BR-0003', 15.001, 8000, {}],
      ['BR-0004', 5, 8000, {}],
      ['BR-0005', 4.999, 8000, {}],
      ['BR-0006', 0, 2500, {}],
      ['BR-0007', 0, 2500, { status: 'inactive' }],
      ['BR-0008', 10, -100, {}],
      ['BR-0009', 10, 8000, { rateChanged: true }],
      ['BR-0010', 10, 12_001, {}],
      ['BR-0011', 10, 12_000, {}],
      ['BR-0012', 10, 8000, { estimated: true, history: 'estimated' }],
    ];
    for (const [n, usage, total, more] of cases) {
      await fixtureAccount(s.db, {
        number: n,
        utilityId: PHL,
        status: (more.status as string) ?? 'active',
      });
      for (const [from, to] of [
        ['2026-07-04', '2026-08-03'],
        ['2026-08-03', '2026-09-02'],
        ['2026-09-02', '2026-10-02'],
      ])
        await bill(s.db, n, from, to, 10, 8000, { estimated: more.history === 'estimated' });
      const { rows: d } = await s.db.query<{ id: string }>(
        `insert into bill_drafts (run_id, account_number, period_from, period_to, usage, unit, estimated, total_cents,
           due_on, lines, rate_changed)
         values ($1, $2, '2026-10-02', '2026-11-01', $3, 'mcf', $4, $5, '2026-11-26', '[]', $6) returning id::text`,
        [runId, n, usage, more.estimated === true, total, more.rateChanged === true],
      );
      drafts[n] = d[0].id;
    }
  }, 180_000);
  afterAll(async () => s?.close());

  const exceptionsOf = async () =>
    Object.fromEntries(
      (
        await s.db.query<{ account_number: string; exceptions: string[]; status: string }>(
          'select account_number, exceptions, status from bill_drafts where run_id = $1 order by account_number',
          [runId],
        )
      ).rows.map((r) => [r.account_number, `${r.status}:${r.exceptions.join(',')}`]),
    );

  it('sends the bills outside the thresholds to review in one pass, each boundary to the unit', async () => {
    const settings = await billReviewSettingsOf(s.db, PHL);
    expect(settings).toMatchObject({ maxEstimatedInARow: null, source: 'not gathered' });
    const counts = await buildReviewQueue(s.db, runId, settings);
    expect(await exceptionsOf()).toEqual({
      'BR-0001': 'clear:',
      'BR-0002': 'clear:',
      'BR-0003': 'review:high',
      'BR-0004': 'clear:',
      'BR-0005': 'review:low',
      'BR-0006': 'review:zero',
      'BR-0007': 'clear:',
      'BR-0008': 'review:negative',
      'BR-0009': 'review:rate-change',
      'BR-0010': 'review:high-amount',
      // 12,000 is 1.5 × 8,000 exactly; the estimated streak is not checked while not gathered.
      'BR-0011': 'clear:',
      'BR-0012': 'clear:',
    });
    expect(counts).toEqual({ review: 6, clear: 6 });
  });

  it('sends the third estimated bill in a row to review once the utility sets its limit (3)', async () => {
    await s.db.query(
      "insert into bill_review_settings (utility_id, max_estimated_in_a_row, source) values ($1, 3, 'test setting')",
      [PHL],
    );
    await s.db.query(
      "update bill_drafts set status = 'new', estimated = true where id::text = any($1)",
      [[drafts['BR-0012'], drafts['BR-0001']]],
    );
    const settings = await billReviewSettingsOf(s.db, PHL);
    expect(await buildReviewQueue(s.db, runId, settings)).toEqual({ review: 1, clear: 1 });
    const now = await exceptionsOf();
    expect(now['BR-0012']).toBe('review:estimated-streak');
    // Only the bills before it in the streak were actual: not three in a row.
    expect(now['BR-0001']).toBe('clear:');
  });

  it('lets a lead release, hold with a reason, or send a reader; never an agent', async () => {
    const review = (
      n: string,
      decision: string,
      token = s.tokens.lead,
      reason = 'checked the history',
    ) =>
      postCommand(
        s,
        { type: 'reviewBill', accountNumber: n, draftId: drafts[n], decision, reason },
        token,
      );
    expect((await review('BR-0003', 'release', s.tokens.agent)).body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.roleNotAllowed',
    });
    expect((await review('BR-0003', 'release', s.tokens.lead, 'ok')).code).toBe(400);
    const released = await review('BR-0003', 'release');
    expect(released.body).toMatchObject({ status: 'applied', result: { status: 'released' } });
    const billId = released.body.result.billId as string;
    const { rows } = await s.db.query<{ usage: string; total_cents: string }>(
      'select usage::text, total_cents::text from bills where id::text = $1',
      [billId],
    );
    expect(rows[0]).toEqual({ usage: '15.001', total_cents: '8000' });
    expect((await review('BR-0003', 'hold')).body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.draftNotInQueue',
    });
    expect(
      (await review('BR-0005', 'hold', s.tokens.lead, 'customer away, confirm')).body,
    ).toMatchObject({
      result: { status: 'held', billId: null },
    });
    // A held bill may still be released later; another account's draft id is not found.
    expect(
      (
        await postCommand(
          s,
          {
            type: 'reviewBill',
            accountNumber: 'BR-0001',
            draftId: drafts['BR-0005'],
            decision: 'release',
            reason: 'xxx',
          },
          s.tokens.lead,
        )
      ).body,
    ).toMatchObject({ reasonKey: 'cis:rejected.noSuchDraft' });
    const reread = await review('BR-0006', 'reread');
    expect(reread.body.result).toMatchObject({ status: 'reread', billId: null });
    expect(reread.body.result.serviceOrderId).toEqual(expect.any(String));
    expect((await auditOf(s, 'BR-0006')).at(-1)).toMatchObject({
      action: 'billReviewed',
      details: { decision: 'reread', exceptions: ['zero'], reason: 'checked the history' },
    });
    // The clear drafts (1, 2, 4, 7 and 11) go out in one statement.
    expect(await issueClearDrafts(s.db, runId)).toBe(5);
  });

  it('lists the queue to a lead (the held with their reason), never to an agent', async () => {
    const get = (token: string) =>
      s.app.inject({
        method: 'GET',
        url: `/bill-runs/${runId}/review`,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get(s.tokens.agent)).statusCode).toBe(403);
    const items = (await get(s.tokens.lead)).json().items as {
      accountNumber: string;
      status: string;
      exceptions: string[];
      decisionReason: string | null;
      expectedUsage: string;
    }[];
    expect(items.map((i) => [i.accountNumber, i.status, i.exceptions.join(',')])).toEqual([
      ['BR-0005', 'held', 'low'],
      ['BR-0008', 'review', 'negative'],
      ['BR-0009', 'review', 'rate-change'],
      ['BR-0010', 'review', 'high-amount'],
      ['BR-0012', 'review', 'estimated-streak'],
    ]);
    expect(items[0]).toMatchObject({
      decisionReason: 'customer away, confirm',
      expectedUsage: '10.000',
    });
    const check = await s.app.inject({
      method: 'POST',
      url: '/bill-runs/999999/review',
      headers: { authorization: `Bearer ${s.tokens.lead}` },
    });
    expect(check.statusCode).toBe(404);
  });

  /**
   * A meter read 1 Mcf a day, last on 2026-11-01 at 5000; its bill of 2026-10-02 to 11-01 was
   * billed on a misread of `misread` (the truth was 5000, 30 Mcf).
   */
  async function misbilled(n: string, misread: number) {
    await fixtureAccount(s.db, { number: n, utilityId: PHL });
    const meterId = await fixtureMeter(s.db, n);
    const { rows } = await s.db.query<{ id: string }>(
      "update reads set value = $2 where meter_id = $1 and read_on = '2026-11-01' returning id::text",
      [meterId, misread],
    );
    const wrong = engine(misread - 4970);
    const billId = await bill(
      s.db,
      n,
      '2026-10-02',
      '2026-11-01',
      misread - 4970,
      wrong.totalCents,
      {
        lines: stored(wrong),
      },
    );
    await s.db.query('update accounts set balance_cents = $2 where number = $1', [
      n,
      wrong.totalCents,
    ]);
    const order = await postCommand(s, {
      type: 'requestServiceOrder',
      accountNumber: n,
      orderType: 'reread',
      notes: 'misread?',
    });
    return {
      meterId,
      misreadId: rows[0].id,
      billId,
      wrong,
      orderId: order.body.result.serviceOrderId as string,
    };
  }
  const reread = (
    n: string,
    o: { meterId: string; misreadId: string; orderId: string },
    date: string,
    value: number,
    token = s.tokens.agent,
  ) =>
    postCommand(
      s,
      {
        type: 'completeFieldOrder',
        accountNumber: n,
        serviceOrderId: o.orderId,
        result: {
          kind: 'reread',
          meterId: o.meterId,
          date,
          value,
          reader: 'J. Field',
          replacesReadId: o.misreadId,
        },
        photos: ['att:reread/1.jpg'],
      },
      token,
    );
  const balance = async (n: string) =>
    Number(
      (
        await s.db.query<{ b: string }>(
          'select balance_cents::text as b from accounts where number = $1',
          [n],
        )
      ).rows[0].b,
    );

  it('replaces a misread with the reread and rebills within the agent limit, both versions kept', async () => {
    const n = 'RB-0001';
    const o = await misbilled(n, 5001);
    expect(o.wrong.totalCents).toBe(engine(31).totalCents);
    const r = await reread(n, o, '2026-11-01', 5000);
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ status: 'applied' });
    const difference = 233_788 - engine(31).totalCents;
    expect(difference).toBeLessThan(0);
    expect(-difference).toBeLessThanOrEqual(10_000);
    expect(r.body.result.rebills).toEqual([
      {
        billId: o.billId,
        version: 2,
        status: 'posted',
        oldTotalCents: engine(31).totalCents,
        newTotalCents: 233_788,
        differenceCents: difference,
        approver: 'agent',
        adjustmentId: expect.any(String),
      },
    ]);
    expect(await balance(n)).toBe(233_788);
    const versions = await s.db.query<{
      version: number;
      status: string;
      total_cents: string;
      basis: { explanation: { key: string; language: string; params: Record<string, unknown> } };
    }>(
      'select version, status, total_cents::text, basis from bill_versions where bill_id = $1 order by version',
      [o.billId],
    );
    expect(versions.rows.map((v) => [v.version, v.status, v.total_cents])).toEqual([
      [1, 'cancelled', String(engine(31).totalCents)],
      [2, 'current', '233788'],
    ]);
    expect(versions.rows[1].basis.explanation).toEqual({
      key: 'cis:rebill.explanation.reread',
      language: 'en',
      params: expect.objectContaining({
        oldUsage: '31',
        newUsage: '30',
        differenceCents: difference,
      }),
    });
    const reads = await s.db.query<{ status: string; replaced_by: string | null; source: string }>(
      "select status, replaced_by::text, source from reads where account_number = $1 and read_on = '2026-11-01' order by id",
      [n],
    );
    expect(reads.rows.map((x) => [x.status, x.replaced_by !== null, x.source])).toEqual([
      ['rejected', true, 'field'],
      ['posted', false, 'field'],
    ]);
    const order = await s.db.query<{ status: string; result: { photos: string[] } }>(
      'select status, result from service_orders where id = $1',
      [o.orderId],
    );
    expect(order.rows[0]).toMatchObject({
      status: 'completed',
      result: { photos: ['att:reread/1.jpg'] },
    });
    expect((await auditOf(s, n)).map((a) => a.action).slice(-2)).toEqual([
      'billRebilled',
      'fieldOrderCompleted',
    ]);
    // An order comes back once.
    expect((await reread(n, o, '2026-11-02', 5001)).body).toMatchObject({
      reasonKey: 'cis:rejected.orderNotOpen',
    });
  });

  it('prorates a later reread to the bill’s days, and waits for a manager above a lead’s limit', async () => {
    const n = 'RB-0002';
    const o = await misbilled(n, 5900);
    // 4970 on 10-02 to 5032 on 11-03: 62 Mcf in 32 days, 58.125 for the bill's 30: 58.
    const r = await reread(n, o, '2026-11-03', 5032);
    const [outcome] = r.body.result.rebills;
    expect(outcome).toMatchObject({
      status: 'pending',
      approver: 'manager',
      oldTotalCents: engine(930).totalCents,
      newTotalCents: engine(58).totalCents,
      differenceCents: engine(58).totalCents - engine(930).totalCents,
    });
    // Nothing moves until it is approved: the bill and the balance stay.
    expect(await balance(n)).toBe(engine(930).totalCents);
    const decide = (token: string) =>
      postCommand(
        s,
        {
          type: 'decideAdjustment',
          accountNumber: n,
          adjustmentId: outcome.adjustmentId,
          decision: 'approve',
          reason: 'reread photo',
        },
        token,
      );
    expect((await decide(s.tokens.lead)).body).toMatchObject({
      reasonKey: 'cis:rejected.notYourApproval',
    });
    expect((await decide(s.tokens.admin)).body).toMatchObject({ status: 'applied' });
    expect(await balance(n)).toBe(engine(58).totalCents);
    const b = await s.db.query<{ total_cents: string; usage: string; version: number }>(
      'select total_cents::text, usage::text, version from bills where id::text = $1',
      [o.billId],
    );
    expect(b.rows[0]).toEqual({
      total_cents: String(engine(58).totalCents),
      usage: '58',
      version: 2,
    });
  });

  it('refuses a reread the checks refuse, a result of another kind, and a bill with a rebill waiting', async () => {
    const n = 'RB-0003';
    const o = await misbilled(n, 5900);
    expect((await reread(n, o, '2026-11-18', 5040)).body).toMatchObject({
      reasonKey: 'cis:rejected.read.in-future',
    });
    expect((await reread(n, o, '2026-10-02', 4970)).body).toMatchObject({
      reasonKey: 'cis:rejected.read.not-after-last',
    });
    const test = await postCommand(s, {
      type: 'completeFieldOrder',
      accountNumber: n,
      serviceOrderId: o.orderId,
      result: {
        kind: 'meter-test',
        meterId: o.meterId,
        testedOn: '2026-11-10',
        accuracyPercent: '103',
      },
      photos: [],
    });
    expect(test.body).toMatchObject({ reasonKey: 'cis:rejected.resultNotForOrder' });
    await reread(n, o, '2026-11-01', 5000);
    expect(
      (
        await postCommand(s, {
          type: 'cancelRebill',
          accountNumber: n,
          billId: o.billId,
          reason: 'check again',
        })
      ).body,
    ).toMatchObject({ reasonKey: 'cis:rejected.rebillPending' });
  });

  it('refunds what a fast meter overcharged over the refund period the utility sets, and only then', async () => {
    const n = 'RB-0004';
    await fixtureAccount(s.db, { number: n, utilityId: PHL });
    const meterId = await fixtureMeter(s.db, n);
    const right = engine(30);
    const billId = await bill(s.db, n, '2026-10-02', '2026-11-01', 30, right.totalCents, {
      lines: stored(right),
    });
    const test = async () => {
      const order = await postCommand(s, {
        type: 'requestServiceOrder',
        accountNumber: n,
        orderType: 'meter-test',
        notes: '',
      });
      return postCommand(s, {
        type: 'completeFieldOrder',
        accountNumber: n,
        serviceOrderId: order.body.result.serviceOrderId,
        result: { kind: 'meter-test', meterId, testedOn: '2026-11-10', accuracyPercent: '120' },
        photos: [],
      });
    };
    await s.db.query('delete from bill_review_settings where utility_id = $1', [PHL]);
    expect((await test()).body.result).toMatchObject({ verdict: 'not-gathered', rebills: [] });
    await s.db.query(
      "insert into bill_review_settings (utility_id, meter_test_tolerance_percent, fast_meter_refund_months, source) values ($1, 2, 6, 'test setting')",
      [PHL],
    );
    // 30 Mcf registered at 120% were 25 Mcf.
    const r = await test();
    expect(r.body.result).toMatchObject({
      verdict: 'fast',
      rebills: [
        {
          billId,
          newTotalCents: engine(25).totalCents,
          differenceCents: engine(25).totalCents - right.totalCents,
        },
      ],
    });
  });

  it('closes a changed meter with its final read and sets the new one with its first', async () => {
    const n = 'RB-0005';
    await fixtureAccount(s.db, { number: n, utilityId: PHL });
    const meterId = await fixtureMeter(s.db, n);
    const order = await postCommand(s, {
      type: 'requestServiceOrder',
      accountNumber: n,
      orderType: 'meter-test',
      notes: '',
    });
    const r = await postCommand(s, {
      type: 'completeFieldOrder',
      accountNumber: n,
      serviceOrderId: order.body.result.serviceOrderId,
      result: {
        kind: 'meter-change',
        meterId,
        date: '2026-11-10',
        finalRead: 5009,
        newMeterId: `${meterId}-B`,
        newDials: 5,
        newSize: '5/8"',
        firstRead: 0,
      },
      photos: ['att:old.jpg', 'att:new.jpg'],
    });
    expect(r.body).toMatchObject({ status: 'applied' });
    const m = await s.db.query<{ id: string; removed_on: string | null }>(
      "select id, to_char(removed_on, 'YYYY-MM-DD') as removed_on from meters where account_number = $1 order by installed_on",
      [n],
    );
    expect(m.rows).toEqual([
      { id: meterId, removed_on: '2026-11-10' },
      { id: `${meterId}-B`, removed_on: null },
    ]);
  });
});
