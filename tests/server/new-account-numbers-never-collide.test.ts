import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, fixtureAccount, seededServer, type TestServer } from './support';

/**
 * A start of service, a move or a change of holder opens an account. Its number comes from the
 * database's sequence, past every seeded number, and past numbers written without it (an import):
 * never one already taken, at Philadelphia's size or above, and never twice.
 */
describe.each(await backends())('new account numbers on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 3);
    // 100,000 accounts more, numbered after the seeded ones as a utility's import would be,
    // without the sequence: SM-1000003 to SM-1100002.
    await s.db.query(
      `insert into customers (id, name, preferred_language, mailing_address, protections)
       values ('c-import', 'Imported', 'en', '{}', '{"medicalCertificate":null}')`,
    );
    await s.db.query(
      `insert into premises (id, address, municipality) values ('p-import', '{"line1":"1 Import St","city":"RSM"}', 'RSM')`,
    );
    await s.db.query(
      `insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on)
       select 'SM-' || (1000002 + g), 'santa-margarita-ca', 'c-import', 'p-import', 'closed', 'residential', '2020-01-01'
         from generate_series(1, 100000) g`,
    );
    for (const n of ['SM-0700001', 'SM-0700002', 'SM-0700003'])
      await fixtureAccount(s.db, { number: n, status: 'inactive' });
  }, 120_000);
  afterAll(async () => s?.close());

  const start = (premiseOf: string, phone: string) =>
    s.app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${s.tokens.agent}` },
      payload: {
        command: {
          type: 'startService',
          accountNumber: premiseOf,
          holder: { name: 'Rosa Delgado', preferredLanguage: 'es', phone },
          class: 'residential',
          startOn: '2026-11-20',
          deposit: {},
        },
      },
    });

  it('opens the next free number past the imported ones', async () => {
    const { rows } = await s.db.query<{ n: number }>('select count(*)::int as n from accounts');
    expect(rows[0].n).toBe(100_006);
    const r = await start('SM-0700001', '9495550142');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result.newAccountNumber).toBe('SM-1100003');
  });

  it('never gives two starts at once the same number', async () => {
    const [a, b] = await Promise.all([
      start('SM-0700002', '9495550143'),
      start('SM-0700003', '9495550144'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const numbers = [a.json().result.newAccountNumber, b.json().result.newAccountNumber].sort();
    expect(numbers).toEqual(['SM-1100004', 'SM-1100005']);
  });
});
