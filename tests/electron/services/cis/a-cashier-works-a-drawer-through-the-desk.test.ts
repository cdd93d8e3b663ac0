import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerSession } from '../../../../electron/services/registry';
import { TRAINING_PASSWORD } from '../../../../shared/cis/training-users';
import type { CounterDrawer, IpcResult } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

/**
 * The Counter screen's channels against a real CIS: a cashier opens a drawer, sees it, and a
 * count that differs with no reason comes back as the CIS's own reason key (said in the user's
 * language by the screen); a lead's command is refused to a cashier by the CIS.
 */
describe('a cashier works a drawer through the desk', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const session = (): CallerSession => desk.session;
  const call = <T = unknown>(name: string, request: unknown) =>
    desk.registry.dispatch(name, request, session()) as Promise<IpcResult<T>>;
  const signIn = async (username: string) => {
    await call('auth.signOut', {});
    const r = await call('auth.signIn', { username, password: TRAINING_PASSWORD });
    expect(r.ok).toBe(true);
  };

  beforeAll(async () => {
    desk = await testServices({ accounts: 5, ownCis: true });
    await desk.cis.ready;
  }, 120_000);
  afterAll(async () => desk?.dispose());

  it('opens a drawer, lists it, and passes the CIS’s refusals on with their reason key', async () => {
    await call('auth.signOut', {});
    expect(await call('counter.drawers', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await signIn('agent');
    const listed = await call<{ drawers: CounterDrawer[]; counterUtilities: string[] }>(
      'counter.drawers',
      {},
    );
    expect(listed.ok && listed.value.counterUtilities).toEqual(
      expect.arrayContaining(['santa-margarita-ca', 'marin-water-ca', 'alameda-power-ca']),
    );
    expect(listed.ok && listed.value.counterUtilities).not.toContain('philadelphia-water-pa');

    const noCounter = await call('counter.command', {
      command: { type: 'openDrawer', utilityId: 'philadelphia-water-pa', floatCents: 100 },
    });
    expect(noCounter).toMatchObject({
      ok: false,
      error: { code: 'rejected', messageKey: 'cis:rejected.noCounter' },
    });

    const opened = await call<{ result: { drawerId: string } }>('counter.command', {
      command: { type: 'openDrawer', utilityId: 'santa-margarita-ca', floatCents: 15_000 },
    });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const drawerId = opened.value.result.drawerId;
    const mine = await call<CounterDrawer>('counter.drawer', { drawerId });
    expect(mine).toMatchObject({
      ok: true,
      value: { drawerId, status: 'open', floatCents: 15_000, expected: { cash: 15_000 } },
    });

    // One cent short, no reason: refused with the CIS's key.
    const short = await call('counter.command', {
      command: {
        type: 'closeDrawer',
        drawerId,
        count: {
          cash: [
            { denominationCents: 10_000, count: 1 },
            { denominationCents: 5_000, count: 0 },
            { denominationCents: 1_000, count: 4 },
            { denominationCents: 500, count: 1 },
            { denominationCents: 100, count: 4 },
            { denominationCents: 25, count: 3 },
            { denominationCents: 10, count: 2 },
            { denominationCents: 1, count: 4 },
          ],
          checks: [],
          moneyOrders: [],
        },
      },
    });
    expect(short).toMatchObject({
      ok: false,
      error: { code: 'rejected', messageKey: 'cis:rejected.overShortNeedsReason' },
    });

    // A cashier may not reopen: the lead's command is the CIS's to refuse.
    const reopen = await call('counter.command', {
      command: { type: 'reopenDrawer', drawerId, reason: 'a cashier tries' },
    });
    expect(reopen.ok).toBe(false);
  });
});
