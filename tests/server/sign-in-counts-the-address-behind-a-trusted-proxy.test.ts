import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { migrate } from '../../server/db/migrate';
import { seedUsers } from '../../server/seed/users';
import { freshDb, type TestDb } from './support';

/**
 * Behind a reverse proxy every request comes from the proxy's address. Sign-in throttling counts
 * per address, so the server must read the caller's address from the proxy's X-Forwarded-For —
 * and only from the proxies it was told to trust, or a caller would pick the address it is
 * counted under.
 */
describe('the address a sign-in is counted under', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb('pglite');
    await migrate(t.db);
    await seedUsers(t.db);
  });
  afterAll(async () => t?.drop());

  const addressesAudited = async (trustProxy: string | undefined) => {
    const app = await buildServer({ db: t.db, ...(trustProxy ? { trustProxy } : {}) });
    await t.db.query("delete from audit where action = 'signInFailed'");
    for (const forwarded of ['203.0.113.5', '198.51.100.9'])
      await app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { username: 'agent', password: 'wrong password' },
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': forwarded },
      });
    await app.close();
    const { rows } = await t.db.query<{ details: { address: string } }>(
      "select details from audit where action = 'signInFailed' order by id",
    );
    return rows.map((r) => r.details.address);
  };

  it('is the peer’s own address unless the proxy is trusted: a header alone changes nothing', async () => {
    expect(await addressesAudited(undefined)).toEqual(['10.0.0.2', '10.0.0.2']);
  });

  it('is the forwarded address when the request comes through a trusted proxy', async () => {
    expect(await addressesAudited('10.0.0.0/8')).toEqual(['203.0.113.5', '198.51.100.9']);
    expect(await addressesAudited('192.168.0.1')).toEqual(['10.0.0.2', '10.0.0.2']);
  });
});
