import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CisClient } from '../../../../electron/services/cis/client';
import { cisConfigFromEnv } from '../../../../electron/services/config';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import type { AccountDetail } from '../../../../shared/cis';
import type { AccountView, IpcResult } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';
import { accountHeader } from '../../../support/headers';

const DAY = 86_400_000;

/**
 * The account channels on the desktop's services with the embedded CIS: an account opens from
 * its cached header at once and its detail follows; a change at the server marks the cached
 * detail out of date and it is fetched again.
 */
describe('opening an account', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const changed: string[][] = [];
  const open = async (number: string): Promise<AccountView> => {
    const r = (await desk.registry.dispatch(
      'account.open',
      { number },
      desk.session,
    )) as IpcResult<AccountView>;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  /** Resolves when the desktop says the account changed (its detail is in, or out of date). */
  const nextChange = (number: string) =>
    new Promise<void>((resolve) => {
      const off = desk.registry.onEvent((event, payload) => {
        if (
          event === 'account.changed' &&
          (payload as { numbers: string[] }).numbers.includes(number)
        ) {
          off();
          resolve();
        }
      });
    });

  beforeAll(async () => {
    desk = await testServices({ accounts: 40 });
    await desk.cis.ready;
    desk.registry.onEvent((event, payload) => {
      if (event === 'account.changed') changed.push((payload as { numbers: string[] }).numbers);
    });
    const r = await desk.registry.dispatch(
      'auth.signIn',
      { username: 'agent', password: TRAINING_PASSWORD },
      desk.session,
    );
    expect(r.ok).toBe(true);
    await desk.cis.sync.syncNow();
  }, 120_000);
  afterAll(async () => desk?.dispose());

  const uncached = () =>
    (
      desk.cis.cache.db
        .prepare(
          'select number from headers where number not in (select number from details) order by number',
        )
        .all() as { number: string }[]
    ).map((r) => r.number);

  it('shows the header at once, from the cache, and brings the detail when it arrives', async () => {
    const number = uncached().at(-1)!;
    const arrived = nextChange(number);
    const first = await open(number);
    expect(first).toMatchObject({ detail: null, fetchedAt: null, stale: false });
    expect(first.header).toEqual(desk.cis.cache.header(number));
    await arrived;
    const then = await open(number);
    expect(then.detail?.header.number).toBe(number);
    expect(then.detail?.bills.length).toBeGreaterThan(0);
    expect(then.fetchedAt).toBeTypeOf('number');
    expect(then.stale).toBe(false);
  });

  it('brings a change at the server into a cached detail without the agent asking', async () => {
    const number = uncached().at(-1)!;
    const fetched = nextChange(number);
    await open(number);
    await fetched;
    const before = await open(number);
    expect(before.detail).not.toBeNull();

    const other = new CisClient({ baseUrl: desk.cis.client.baseUrl });
    other.setToken((await other.signIn('lead', TRAINING_PASSWORD)).token);
    const text = `Lead called back ${randomUUID().slice(0, 8)}`;
    const announced = nextChange(number);
    await other.push(randomUUID(), [
      {
        seq: 1,
        issuedAt: new Date().toISOString(),
        command: { type: 'addNote', accountNumber: number, text },
      },
    ]);
    // The round that pulls the change marks the detail out of date, says so, and (the account
    // now being one likely to call) fetches it again ahead.
    const notes = () => desk.cis.cache.detail(number)?.detail.notes.map((n) => n.text) ?? [];
    for (let round = 0; round < 10 && !notes().includes(text); round++)
      await desk.cis.sync.syncNow();
    await announced;
    expect(notes()).toContain(text);
    const now = await open(number);
    expect(now.stale).toBe(false);
    expect(now.detail?.notes.map((n) => n.text)).toContain(text);
    expect(now.fetchedAt).toBeGreaterThan(before.fetchedAt!);
  });

  it('shows a detail that is out of date with its flag, and fetches it again on opening', async () => {
    const number = uncached().at(-1)!;
    const fetched = nextChange(number);
    await open(number);
    await fetched;
    const before = await open(number);
    desk.cis.cache.db.prepare('update details set stale = 1 where number = ?').run(number);

    const refetched = nextChange(number);
    const stale = await open(number);
    expect(stale).toMatchObject({ stale: true, fetchedAt: before.fetchedAt });
    expect(stale.detail).toEqual(before.detail);
    await refetched;
    const fresh = await open(number);
    expect(fresh.stale).toBe(false);
    expect(fresh.fetchedAt).toBeGreaterThan(before.fetchedAt!);
  });
});

describe('the days an account’s detail is kept', () => {
  const detailOf = (number: string) =>
    ({ header: accountHeader(number) }) as unknown as AccountDetail;
  // No central system: these desks only keep a cache.
  const unreachable = 'http://127.0.0.1:9';

  it('come from the workstation’s setting, and a change applies at once', async () => {
    const desk = await testServices({ cisUrl: unreachable });
    try {
      expect(desk.settings.get().detailDays).toBe(14);
      expect(desk.cis.cache.detailExpiryDays).toBe(14);
      desk.cis.cache.putDetail(detailOf('PA-1000001'), Date.now() - 5 * DAY);
      const r = await desk.registry.dispatch('settings.set', { detailDays: 3 }, desk.session);
      expect(r).toMatchObject({ ok: true, value: { detailDays: 3 } });
      expect(desk.cis.cache.detailExpiryDays).toBe(3);
      expect(desk.cis.cache.detail('PA-1000001')).toBeNull();
      expect(
        await desk.registry.dispatch('settings.set', { detailDays: 0 }, desk.session),
      ).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    } finally {
      await desk.dispose();
    }
  });

  it('come from TAPLINE_DETAIL_DAYS over the setting, when it is set', async () => {
    const desk = await testServices({ cisUrl: unreachable, detailDays: 30 });
    try {
      expect(desk.cis.cache.detailExpiryDays).toBe(30);
      await desk.registry.dispatch('settings.set', { detailDays: 3 }, desk.session);
      expect(desk.cis.cache.detailExpiryDays).toBe(30);
    } finally {
      await desk.dispose();
    }
  });

  it('are read from the environment as whole days from 1 to 365', () => {
    expect(cisConfigFromEnv({ TAPLINE_DETAIL_DAYS: '30' }).detailDays).toBe(30);
    expect(cisConfigFromEnv({}).detailDays).toBeUndefined();
    for (const bad of ['0', '2.5', 'two weeks', '366'])
      expect(() => cisConfigFromEnv({ TAPLINE_DETAIL_DAYS: bad })).toThrow(/TAPLINE_DETAIL_DAYS/);
  });
});
