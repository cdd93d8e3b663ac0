import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CisClient } from '../../../../electron/services/cis/client';
import { type CisUnderTest, cisUnderTest, desktopOn, faultyFetch } from './cis-under-test';

/**
 * After each round the desktop fetches ahead the detail of the accounts whose callers the agent
 * is likely to get — here, those another desk just worked on — within its budget: a few per
 * round, among the few most likely.
 */
describe('fetching ahead', () => {
  let cis: CisUnderTest;
  let token: string;
  let numbers: string[];

  beforeAll(async () => {
    cis = await cisUnderTest('pglite');
    token = (await cis.signIn('agent')).token;
    // No account starts with an open notice: only activity makes one likely here.
    await cis.server().db.query("update notices set status = 'closed'");
    numbers = (
      await cis
        .server()
        .db.query<{ number: string }>('select number from accounts order by number limit 4')
    ).rows.map((r) => r.number);
  }, 120_000);
  afterAll(async () => cis?.close(), 60_000);

  it('fetches the accounts another desk just worked on, most recent first, a few per round', async () => {
    const details: string[] = [];
    const d = desktopOn(cis, join(cis.dir, 'ahead.db'), {
      token,
      fetchImpl: faultyFetch((url) => {
        const m = /\/accounts\/([^/?]+)$/.exec(url);
        if (m) details.push(decodeURIComponent(m[1]));
        return 'none';
      }),
      options: { prefetch: { perRound: 2, keep: 3 } },
    });
    await d.engine.syncNow();
    expect(details).toEqual([]);

    const desk = new CisClient({ baseUrl: cis.url });
    desk.setToken((await cis.signIn('lead')).token);
    const clientId = randomUUID();
    for (const [i, number] of numbers.entries()) {
      await desk.push(clientId, [
        {
          seq: i + 1,
          issuedAt: new Date().toISOString(),
          command: { type: 'addNote', accountNumber: number, text: `called about ${number}` },
        },
      ]);
      await new Promise((r) => setTimeout(r, 20));
    }

    await d.engine.syncNow();
    expect(details).toEqual([numbers[3], numbers[2]]);
    await d.engine.syncNow();
    expect(details).toEqual([numbers[3], numbers[2], numbers[1]]);
    // The fourth is beyond the three most likely; the three fetched are fresh.
    await d.engine.syncNow();
    expect(details).toHaveLength(3);
    expect(d.cache.detail(numbers[3])?.detail.notes.map((n) => n.text)).toContain(
      `called about ${numbers[3]}`,
    );
    expect(d.cache.detail(numbers[0])).toBeNull();
    await d.close();
  });

  it('fetches nothing ahead when told not to', async () => {
    const d = desktopOn(cis, join(cis.dir, 'none-ahead.db'), {
      token,
      options: { prefetch: null },
    });
    await d.engine.syncNow();
    expect(d.cache.db.prepare('select count(*) as n from details').get()).toEqual({ n: 0 });
    await d.close();
  });
});
