import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail, AccountHeader } from '../../shared/cis';
import {
  backends,
  fixtureAccount,
  monthEnds,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

describe.each(await backends())('the CIS API on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind);
  });
  afterAll(async () => s?.close());

  const get = (url: string, token = s.tokens.agent) =>
    s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const command = (cmd: Record<string, unknown>, token = s.tokens.agent) =>
    s.app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${token}` },
      payload: { command: cmd },
    });
  const firstAccount = async (where: (h: AccountHeader) => boolean = () => true) => {
    const page = (
      await s.app.inject({
        method: 'GET',
        url: '/sync/snapshot?limit=100',
        headers: { authorization: `Bearer ${s.tokens.agent}` },
      })
    ).json() as { headers: AccountHeader[] };
    const h = page.headers.find(where);
    if (!h) throw new Error('no account matches');
    return h;
  };

  it('signs in with the right password only, and refuses requests without a session', async () => {
    const bad = await s.app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username: 'agent', password: 'guess' },
    });
    expect(bad.statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/accounts?q=SM' })).statusCode).toBe(401);
    expect((await get('/me')).json()).toMatchObject({ name: 'Alex Rivera', role: 'agent' });
    const stored = await s.db.query<{ password_hash: string }>(
      "select password_hash from users where username = 'agent'",
    );
    expect(stored.rows[0].password_hash).toMatch(/^scrypt\$/);
  });

  it('finds an account by its number, by phone in any format, and by name', async () => {
    const h = await firstAccount();
    const [a, b, c] = h.phones[0].match(/^(\d{3})(\d{3})(\d{4})$/)!.slice(1);
    for (const phone of [`(${a}) ${b}-${c}`, `+1 ${a}.${b}.${c}`, `${a}${b}${c}`]) {
      const r = (await get(`/accounts?phone=${encodeURIComponent(phone)}`)).json() as {
        results: AccountHeader[];
      };
      expect(r.results.map((x) => x.number)).toContain(h.number);
    }
    const byName = (
      await get(`/accounts?q=${encodeURIComponent(h.name.split(' ')[1])}`)
    ).json() as { results: AccountHeader[] };
    expect(byName.results.map((x) => x.number)).toContain(h.number);
    const detail = (await get(`/accounts/${h.number}`)).json() as AccountDetail;
    expect(detail.bills.length).toBe(24);
    expect(detail.bills[0].lines.reduce((sum, l) => sum + l.amountCents, 0)).toBe(
      detail.bills[0].totalCents,
    );
    expect((await get('/accounts/SM-0000000')).statusCode).toBe(404);
  });

  it('adds a note and refuses one carrying a card number', async () => {
    const h = await firstAccount();
    const ok = await command({
      type: 'addNote',
      accountNumber: h.number,
      text: 'Customer asked about autopay.',
    });
    expect(ok.json()).toMatchObject({ status: 'applied' });
    const card = await command({
      type: 'addNote',
      accountNumber: h.number,
      text: 'paid with 4111 1111 1111 1111 today',
    });
    expect([card.statusCode, card.json().reasonKey]).toEqual([409, 'cis:rejected.cardNumber']);
    const notes = await s.db.query<{ text: string }>(
      'select text from notes where account_number = $1',
      [h.number],
    );
    expect(notes.rows.some((n) => n.text.includes('4111'))).toBe(false);
    // Not only notes: any text of any command, as another client than the desktop may send it.
    const refused = [
      await command({
        type: 'requestServiceOrder',
        accountNumber: h.number,
        orderType: 'reread',
        notes: 'caller read out 5500-0000-0000-0004 by mistake',
      }),
      await command({
        type: 'stopService',
        accountNumber: h.number,
        stopOn: '2026-11-30',
        notes: 'refund to card 378282246310005',
      }),
      await command(
        {
          type: 'decideAdjustment',
          accountNumber: h.number,
          adjustmentId: 'a1',
          decision: 'decline',
          reason: 'paid with 4111111111111111',
        },
        s.tokens.lead,
      ),
    ];
    // However it is written: dots, full-width or Arabic-Indic digits, words between the groups.
    for (const text of [
      '4111.1111.1111.1111',
      '４１１１ １１１１ １１１１ １１１１',
      '٤١١١ ١١١١ ١١١١ ١١١١',
      '4111 then 1111 and 1111 ok 1111',
      '4111\u200b1111\u200b1111\u200b1111',
    ]) {
      refused.push(
        await command({ type: 'addNote', accountNumber: h.number, text: `paid with ${text}` }),
      );
    }
    expect(refused.map((r) => [r.statusCode, r.json().reasonKey])).toEqual(
      Array(8).fill([409, 'cis:rejected.cardNumber']),
    );
    const orders = await s.db.query('select 1 from service_orders where account_number = $1', [
      h.number,
    ]);
    expect(orders.rows).toEqual([]);
  });

  it('creates an arrangement the policy accepts, refuses one it does not, and audits both', async () => {
    const h = await firstAccount(
      (x) => x.pastDueCents > 0 && !x.activeArrangement && x.status === 'active',
    );
    const refused = await command({
      type: 'createArrangement',
      accountNumber: h.number,
      kind: 'equal',
      offer: { months: 13 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().reasonKey).toBe('collections:rules.term-maximum.fail');
    const ok = await command({
      type: 'createArrangement',
      accountNumber: h.number,
      kind: 'equal',
      offer: { months: 6 },
    });
    expect(ok.json()).toMatchObject({ status: 'applied' });
    const again = await command({
      type: 'createArrangement',
      accountNumber: h.number,
      kind: 'equal',
      offer: { months: 6 },
    });
    expect(again.json().reasonKey).toBe('cis:rejected.arrangementActive');
    const audit = (await get(`/audit?account=${h.number}`, s.tokens.lead)).json() as {
      entries: { action: string }[];
    };
    expect(audit.entries.map((e) => e.action)).toEqual([
      'arrangementRefused',
      'arrangementCreated',
      'commandRejected',
    ]);
    expect((await get(`/audit?account=${h.number}`)).statusCode).toBe(403);
  });

  it('posts an adjustment within the agent’s limit and queues one above it for a lead', async () => {
    const number = 'SM-8100001';
    // Twelve months paid, the last bill ($185.00: 40 CCF at $4.00 and the $25.00 charge) owed.
    const bills = await fixtureAccount(s.db, {
      number,
      bills: monthEnds('2026-11-01', 13).map((to, i) => waterBill(to, i === 12 ? 40 : 10)),
      paidBills: 12,
    });
    const last = bills[12];
    const before = (await get(`/accounts/${number}`)).json() as AccountDetail;
    expect(before.header.balanceCents).toBe(18_500);
    const small = await command({
      type: 'postAdjustment',
      accountNumber: number,
      kind: 'percentage',
      billId: last,
      percent: '10',
      amountCents: -1_850,
      reason: 'billing courtesy',
    });
    expect(small.json().result).toMatchObject({ status: 'posted', approver: 'agent' });
    const large = await command({
      type: 'postAdjustment',
      accountNumber: number,
      kind: 'percentage',
      billId: last,
      percent: '90',
      amountCents: -16_650,
      reason: 'the whole bill was estimated wrongly',
    });
    expect(large.json().result).toMatchObject({ status: 'pending', approver: 'lead' });
    const after = (await get(`/accounts/${number}`)).json() as AccountDetail;
    expect(after.header.balanceCents).toBe(18_500 - 1_850);
    const queue = (await get('/adjustments/pending', s.tokens.lead)).json() as {
      pending: { id: string }[];
    };
    const id = large.json().result.adjustmentId;
    expect(queue.pending.map((p) => p.id)).toContain(id);
    expect((await get('/adjustments/pending')).statusCode).toBe(403);
    const byAgent = await command({
      type: 'decideAdjustment',
      accountNumber: number,
      adjustmentId: id,
      decision: 'approve',
      reason: 'looks fine',
    });
    expect(byAgent.json(), byAgent.body).toMatchObject({
      reasonKey: 'cis:rejected.roleNotAllowed',
      details: { role: 'lead' },
    });
    const byLead = await command(
      {
        type: 'decideAdjustment',
        accountNumber: number,
        adjustmentId: id,
        decision: 'approve',
        reason: 'receipt checked',
      },
      s.tokens.lead,
    );
    expect(byLead.json()).toMatchObject({ status: 'applied', result: { status: 'posted' } });
    const final = (await get(`/accounts/${number}`)).json() as AccountDetail;
    expect(final.header.balanceCents).toBe(18_500 - 1_850 - 16_650);
  });

  it('schedules a field disconnection only when the rules allow it', async () => {
    const young = await firstAccount(
      (x) =>
        x.status === 'active' && x.pastDueCents > 0 && x.pastDueDays < 60 && !x.activeArrangement,
    );
    const r = await command({
      type: 'requestServiceOrder',
      accountNumber: young.number,
      orderType: 'field-disconnect',
      notes: '',
    });
    expect(r.json().reasonKey).toMatch(/^collections:rules\./);
    const emergency = await command({
      type: 'requestServiceOrder',
      accountNumber: young.number,
      orderType: 'emergency-main-break',
      notes: 'water in the street',
    });
    expect(emergency.json().result).toMatchObject({ priority: 'emergency' });
    const reread = await command({
      type: 'requestServiceOrder',
      accountNumber: young.number,
      orderType: 'reread',
      notes: '',
    });
    // The next business morning in California, 8 a.m. Pacific.
    expect(reread.json().result.windowStart).toBe('2026-11-18T16:00:00Z');
  });

  it('answers 4xx naming the field for a bad body', async () => {
    const r = await command({ type: 'addNote', accountNumber: 'lowercase!', text: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: 'bad_request' });
    expect(r.json().field).toMatch(/command/);
  });

  it('serves an OpenAPI document of every route', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/sign-in',
        '/accounts',
        '/accounts/{number}',
        '/commands',
        '/sync/push',
        '/sync/pull',
        '/sync/snapshot',
      ]),
    );
    expect(doc.paths['/commands'].post.requestBody.content['application/json'].schema).toBeTruthy();
  });
});
