import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerSession } from '../../../../electron/services/registry';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import { testServices } from '../../../support/desk';

let desk: Awaited<ReturnType<typeof testServices>>;
const agent: CallerSession = { role: 'agent', userId: 'u-agent', token: null };

beforeAll(async () => {
  desk = await testServices({ accounts: 30 });
  await desk.registry.call(
    'auth.signIn',
    { username: 'agent', password: TRAINING_PASSWORD },
    desk.session,
  );
  // The caller comes from the cache: wait for the first sync to fill it.
  for (let i = 0; i < 300 && desk.cis.cache.headerCount() < 30; i++)
    await new Promise((r) => setTimeout(r, 100));
}, 60_000);
afterAll(async () => desk?.dispose());

/** Every header of the cache, reached through its random pick (ids 1..n). */
const cachedHeaders = () =>
  [...Array(100).keys()]
    .map((i) => desk.cis.cache.randomHeader(() => i / 100))
    .filter((h) => h !== null && h.phones.length > 0)
    .map((h) => h!);

describe('the training simulator rings a chosen caller', () => {
  it('rings the customer of an account, in their language, for the reason asked', async () => {
    const header = cachedHeaders().find((h) => h.language === 'es') ?? cachedHeaders()[0];
    const incoming: unknown[] = [];
    const off = desk.registry.onEvent((event, payload) => {
      if (event === 'softphone.event') incoming.push(payload);
    });
    const answer = await desk.registry.call(
      'softphone.simulator.ring',
      { accountNumber: header.number, reason: 'disconnection-notice' },
      agent,
    );
    off();
    expect(answer.ok).toBe(true);
    expect(incoming).toEqual([
      {
        type: 'incoming',
        callId: answer.ok ? answer.value.callId : '',
        caller: {
          from: `+1${header.phones[0]}`,
          language: header.language,
          reason: 'disconnection-notice',
        },
      },
    ]);
  });

  it('answers not_found for an account it does not have, and rings nobody', async () => {
    expect(
      await desk.registry.call('softphone.simulator.ring', { accountNumber: 'NO-SUCH-1' }, agent),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
