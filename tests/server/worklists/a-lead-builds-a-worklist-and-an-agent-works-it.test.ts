import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import { Temporal } from '../../../shared/dates';
import { auditOf, backends, fixtureAccount, freshDb, type TestDb } from '../support';

/**
 * Santa Margarita on 2026-11-17 (Pacific standard time, UTC-8): seven accounts past due, four of
 * them protected; calling hours are Tapline's default 08:00–21:00 (not gathered).
 */
describe.each(await backends())('a collections worklist on %s', (kind) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let clock = new Date('2026-11-17T15:00:00Z');
  let day = Temporal.PlainDate.from('2026-11-17');
  const tokens: Record<string, string> = {};
  let worklistId = '';

  const post = async (command: Record<string, unknown>, who = 'lead') => {
    const r = await app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: { command },
    });
    return { code: r.statusCode, body: r.json() };
  };
  const next = async (who = 'agent') => {
    const r = await app.inject({
      method: 'POST',
      url: `/worklists/${worklistId}/next`,
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
    return { code: r.statusCode, body: r.json() };
  };
  const account = (number: string, days: number, cents: number) =>
    fixtureAccount(t.db, {
      number,
      pastDue: { cents, days, over30: days > 30 ? cents : 0, over60: 0, over90: 0 },
    });

  beforeAll(async () => {
    t = await freshDb(kind);
    await migrate(t.db);
    await seedUsers(t.db);
    app = await buildServer({ db: t.db, now: () => clock, today: () => day });
    for (const username of ['agent', 'agente', 'lead']) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { username, password: TRAINING_PASSWORD },
      });
      tokens[username] = r.json().token;
    }
    await account('SM-9100001', 45, 20_000);
    await account('SM-9100006', 45, 25_000);
    await t.db.query("update customers set preferred_language = 'es' where id = 'c-SM-9100006'");
    await fixtureAccount(t.db, {
      number: 'SM-9100002',
      lifeSupport: true,
      pastDue: { cents: 15_000, days: 45, over30: 15_000, over60: 0, over90: 0 },
    });
    await account('SM-9100003', 45, 30_000);
    await t.db.query(
      `insert into cases (id, account_number, kind, status, description, disputed_cents, preferred_contact, language, opened_on, due_on, owner_id, team, opened_by)
       values ('k1', 'SM-9100003', 'dispute', 'open', 'bill too high', 12000, 'phone', 'en', '2026-11-10', '2026-12-10', 'u-lead', 'care', 'u-lead')`,
    );
    await account('SM-9100004', 45, 10_000);
    await account('SM-9100005', 10, 9_000);
    await fixtureAccount(t.db, {
      number: 'SM-9100007',
      medicalCertificate: { certifiedOn: '2026-11-01', expiresOn: '2027-01-30' },
      pastDue: { cents: 40_000, days: 50, over30: 40_000, over60: 0, over90: 0 },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('records a promise to pay on the last day allowed and refuses one day too far, audited', async () => {
    const far = await post(
      {
        type: 'recordPromise',
        accountNumber: 'SM-9100004',
        promisedOn: '2026-12-02',
        amountCents: 10_000,
      },
      'agent',
    );
    expect(far.code).toBe(409);
    expect(far.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'collections:rules.promise-date.fail',
      details: { ruleId: 'promise-date', params: { last: '2026-12-01' } },
    });
    const ok = await post(
      {
        type: 'recordPromise',
        accountNumber: 'SM-9100004',
        promisedOn: '2026-12-01',
        amountCents: 10_000,
      },
      'agent',
    );
    expect(ok.body, JSON.stringify(ok.body)).toMatchObject({
      status: 'applied',
      result: {
        promisedOn: '2026-12-01',
        amountCents: 10_000,
        holdsDisconnectionUntil: '2026-12-02',
      },
    });
    const again = await post(
      {
        type: 'recordPromise',
        accountNumber: 'SM-9100004',
        promisedOn: '2026-11-20',
        amountCents: 1_000,
      },
      'agent',
    );
    expect(again.body).toMatchObject({ reasonKey: 'cis:rejected.promisePending' });
    const audit = await auditOf(t as never, 'SM-9100004');
    expect(audit.map((a) => a.action)).toEqual([
      'promiseRefused',
      'promiseRecorded',
      'commandRejected',
    ]);
  });

  it('refuses an agent who builds a worklist', async () => {
    const r = await post(
      {
        type: 'buildWorklist',
        name: 'x',
        criteria: { utilityId: 'santa-margarita-ca', buckets: ['31-60'] },
      },
      'agent',
    );
    expect(r.body).toMatchObject({ status: 'rejected', reasonKey: 'cis:rejected.roleNotAllowed' });
  });

  it('builds by bucket, leaving each protection out with its reason, and filters by language', async () => {
    const built = await post({
      type: 'buildWorklist',
      name: '31–60 days',
      criteria: { utilityId: 'santa-margarita-ca', buckets: ['31-60'] },
    });
    expect(built.body, JSON.stringify(built.body)).toMatchObject({ status: 'applied' });
    expect(built.body.result).toMatchObject({
      entries: 6,
      offered: 2,
      excluded: {
        'life-support': 1,
        'disputed-amount-held': 1,
        'promise-pending': 1,
        'medical-certificate': 1,
      },
    });
    worklistId = built.body.result.worklistId;
    const spanish = await post({
      type: 'buildWorklist',
      name: 'es',
      criteria: {
        utilityId: 'santa-margarita-ca',
        buckets: ['1-30', '31-60'],
        language: 'es',
        minPastDueCents: 25_000,
        maxPastDueCents: 25_000,
      },
    });
    expect(spanish.body.result).toMatchObject({ entries: 1, offered: 1, excluded: {} });
    const entries = await app.inject({
      method: 'GET',
      url: `/worklists/${worklistId}/entries`,
      headers: { authorization: `Bearer ${tokens.lead}` },
    });
    expect(
      entries
        .json()
        .map((e: { accountNumber: string; state: string; reason: string | null }) => [
          e.accountNumber,
          e.state,
          e.reason,
        ]),
    ).toEqual([
      ['SM-9100007', 'excluded', 'medical-certificate'],
      ['SM-9100003', 'excluded', 'disputed-amount-held'],
      ['SM-9100002', 'excluded', 'life-support'],
      ['SM-9100004', 'excluded', 'promise-pending'],
      ['SM-9100006', 'open', null],
      ['SM-9100001', 'open', null],
    ]);
  });

  it('offers nothing before it is assigned, nor outside calling hours', async () => {
    expect((await next()).code).toBe(409);
    const assigned = await post({
      type: 'assignWorklist',
      worklistId,
      to: { kind: 'agents', agents: ['u-agent'] },
    });
    expect(assigned.body.result).toEqual({ worklistId, assigned: 2, byAgent: { 'u-agent': 2 } });
    const closed = await next();
    expect(closed.body).toEqual({
      kind: 'closed',
      worklistId,
      local: '07:00',
      opensAt: '2026-11-17T16:00:00Z',
      timeZone: 'America/Los_Angeles',
    });
    const unknown = await post({
      type: 'assignWorklist',
      worklistId,
      to: { kind: 'agents', agents: ['u-nobody'] },
    });
    expect(unknown.body).toMatchObject({ reasonKey: 'cis:rejected.noSuchAgent' });
  });

  it('gives the agent the largest past due first with its facts, and records what came of each call', async () => {
    clock = new Date('2026-11-17T18:00:00Z');
    const first = await next();
    expect(first.body).toMatchObject({
      kind: 'account',
      accountNumber: 'SM-9100006',
      remaining: 2,
    });
    expect(first.body.detail.header).toMatchObject({ pastDueCents: 25_000, language: 'es' });
    // Another agent cannot record an outcome on an account offered to someone else.
    const other = await post(
      { type: 'recordCallOutcome', worklistId, accountNumber: 'SM-9100006', outcome: 'refused' },
      'agente',
    );
    expect(other.body).toMatchObject({ reasonKey: 'cis:rejected.notOfferedToYou' });
    expect((await next('agente')).body).toMatchObject({ kind: 'empty' });
    const noAnswer = await post(
      { type: 'recordCallOutcome', worklistId, accountNumber: 'SM-9100006', outcome: 'no-answer' },
      'agent',
    );
    expect(noAnswer.body.result).toEqual({
      accountNumber: 'SM-9100006',
      outcome: 'no-answer',
      offerAgainOn: '2026-11-18',
    });
    const second = await next();
    expect(second.body).toMatchObject({ kind: 'account', accountNumber: 'SM-9100001' });
    const tooFar = await post(
      {
        type: 'recordCallOutcome',
        worklistId,
        accountNumber: 'SM-9100001',
        outcome: 'promise',
        promise: { promisedOn: '2026-12-02', amountCents: 20_000 },
      },
      'agent',
    );
    expect(tooFar.body).toMatchObject({ reasonKey: 'collections:rules.promise-date.fail' });
    const promised = await post(
      {
        type: 'recordCallOutcome',
        worklistId,
        accountNumber: 'SM-9100001',
        outcome: 'promise',
        promise: { promisedOn: '2026-11-24', amountCents: 20_000 },
      },
      'agent',
    );
    expect(promised.body.result).toMatchObject({ outcome: 'promise', offerAgainOn: '2026-11-25' });
    expect((await next()).body).toMatchObject({ kind: 'empty' });
    const audit = await auditOf(t as never, 'SM-9100001');
    expect(audit.map((a) => a.action)).toEqual([
      'promiseRefused',
      'promiseRecorded',
      'callOutcomeRecorded',
    ]);
  });

  it('offers a no-answer again the next day, and a broken promise the day after its date', async () => {
    day = Temporal.PlainDate.from('2026-11-18');
    clock = new Date('2026-11-18T18:00:00Z');
    expect((await next()).body).toMatchObject({ kind: 'account', accountNumber: 'SM-9100006' });
    const wrong = await post(
      {
        type: 'recordCallOutcome',
        worklistId,
        accountNumber: 'SM-9100006',
        outcome: 'wrong-number',
      },
      'agent',
    );
    expect(wrong.body.result.offerAgainOn).toBeNull();
    day = Temporal.PlainDate.from('2026-11-25');
    clock = new Date('2026-11-25T18:00:00Z');
    expect((await next()).body).toMatchObject({ kind: 'account', accountNumber: 'SM-9100001' });
  });
});
