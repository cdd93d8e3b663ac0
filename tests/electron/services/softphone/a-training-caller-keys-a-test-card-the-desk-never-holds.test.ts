import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../../../db/cache';
import {
  APPROVED_TEST_CARD,
  DECLINED_TEST_CARD,
  trainingCards,
} from '../../../../electron/services/simulator/training-card-processor';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import { TEST_CACHE_KEY, testServices } from '../../../support/desk';

let desk: Awaited<ReturnType<typeof testServices>>;
/** Every answer and event the renderer was given: all its store can ever hold. */
const toRenderer: unknown[] = [];
const logLines: string[] = [];
const declining = new Set<string>();

const call = async (name: string, request: unknown) => {
  // biome-ignore lint/suspicious/noExplicitAny: the test calls channels by name
  const answer = await desk.registry.call(name as any, request as any, desk.session);
  toRenderer.push(answer);
  return answer;
};
const value = <T>(answer: { ok: boolean; value?: T }): T => {
  expect(answer).toMatchObject({ ok: true });
  return answer.value as T;
};
type View = { id: string; status: string; capturing: string | null; required: string[] } & Record<
  string,
  unknown
>;

/** Rings a caller of the account, answers it, and returns the call's id. */
async function connectedCall(accountNumber: string): Promise<string> {
  const { callId } = value<{ callId: string }>(
    await call('softphone.simulator.ring', { accountNumber }),
  );
  value(await call('softphone.command', { action: 'accept', callId }));
  return callId;
}

/** Asks for an item and waits until the simulated caller has keyed it. */
async function keyed(id: string, capture: string): Promise<View> {
  value(await call('cardCapture.step', { id, capture }));
  for (let i = 0; i < 100; i++) {
    const v = value<View>(await call('cardCapture.get', { id }));
    if (v.capturing === null || v.error) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${capture} never keyed`);
}

let accountNumber = '';

beforeAll(async () => {
  desk = await testServices({
    accounts: 30,
    cardKeyingMs: 5,
    trainingCardFor: (callId) =>
      declining.has(callId) ? trainingCards.declines : trainingCards.approves,
    log: (message, details) => logLines.push(`${message} ${JSON.stringify(details ?? null)}`),
  });
  desk.registry.onEvent((event, payload) => toRenderer.push({ event, payload }));
  value(
    await desk.registry.call(
      'auth.signIn',
      { username: 'agent', password: TRAINING_PASSWORD },
      desk.session,
    ),
  );
  for (let i = 0; i < 300 && desk.cis.cache.headerCount() < 30; i++)
    await new Promise((r) => setTimeout(r, 100));
  const h = desk.cis.cache.randomHeader(() => 0.5);
  accountNumber = h!.number;
}, 90_000);
afterAll(async () => {
  await desk?.close();
  rmSync(desk.dataDir, { recursive: true, force: true });
});

describe('card capture on a training call', () => {
  it('is refused with no call in progress, and for a call still ringing', async () => {
    expect(
      await call('cardCapture.start', { callId: 'sim-none', accountNumber, amountCents: 100 }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const { callId } = value<{ callId: string }>(
      await call('softphone.simulator.ring', { accountNumber }),
    );
    expect(
      await call('cardCapture.start', { callId, accountNumber, amountCents: 100 }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    value(await call('softphone.command', { action: 'reject', callId }));
  });

  it('refuses an amount above $1,000,000.00 and of $0.00', async () => {
    const callId = await connectedCall(accountNumber);
    for (const amountCents of [100_000_001, 0])
      expect(await call('cardCapture.start', { callId, accountNumber, amountCents })).toMatchObject(
        { ok: false, error: { code: 'bad_request' } },
      );
    value(await call('softphone.command', { action: 'hangup', callId }));
  });

  it('takes the approving test card item by item, posts the payment, and shows only the last four', async () => {
    const callId = await connectedCall(accountNumber);
    const start = value<View>(
      await call('cardCapture.start', { callId, accountNumber, amountCents: 4_217 }),
    );
    expect(start).toMatchObject({ status: 'capturing', capturing: null, maskedCard: null });
    expect(start.required).toHaveLength(4);
    // Completing before every item is keyed: Twilio's validation-error, still capturing.
    expect(
      value<View>(await call('cardCapture.step', { id: start.id, status: 'complete' })),
    ).toMatchObject({ status: 'capturing', result: 'validation-error' });

    const afterCard = await keyed(start.id, 'payment-card-number');
    expect(afterCard).toMatchObject({ maskedCard: 'xxxx-xxxx-xxxx-1111', error: null });
    expect(afterCard.required).toEqual(['expiration-date', 'security-code', 'postal-code']);
    for (const item of ['expiration-date', 'security-code', 'postal-code'])
      await keyed(start.id, item);
    const done = value<View>(await call('cardCapture.step', { id: start.id, status: 'complete' }));
    expect(done).toMatchObject({ status: 'approved', result: 'success' });
    expect(done.confirmation).toMatch(/^ch_training_[0-9a-f]{12}$/);

    const posted = desk.cis.cache
      .outbox({ accountNumber })
      .find((i) => (i.command as { type: string }).type === 'postPayment');
    expect(posted?.command).toEqual({
      type: 'postPayment',
      accountNumber,
      amountCents: 4_217,
      tender: { kind: 'card', processorConfirmation: done.confirmation, last4: '1111' },
      channel: 'phone',
    });
    // A finished capture takes no more steps.
    expect(await call('cardCapture.step', { id: start.id, status: 'cancel' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    value(await call('softphone.command', { action: 'hangup', callId }));
  });

  it('declines the declining test card and posts nothing', async () => {
    const before = desk.cis.cache.outbox({ accountNumber }).length;
    const { callId } = value<{ callId: string }>(
      await call('softphone.simulator.ring', { accountNumber }),
    );
    declining.add(callId);
    value(await call('softphone.command', { action: 'accept', callId }));
    const { id } = value<View>(
      await call('cardCapture.start', { callId, accountNumber, amountCents: 500 }),
    );
    for (const item of ['payment-card-number', 'expiration-date', 'security-code', 'postal-code'])
      await keyed(id, item);
    expect(value<View>(await call('cardCapture.step', { id, status: 'complete' }))).toMatchObject({
      status: 'declined',
      result: 'payment-connector-error',
      error: 'card-declined',
      maskedCard: 'xxxx-xxxx-xxxx-1115',
    });
    expect(desk.cis.cache.outbox({ accountNumber })).toHaveLength(before);
    value(await call('softphone.command', { action: 'hangup', callId }));
    // The call ended: its capture is gone.
    expect(await call('cardCapture.get', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('leaves neither test card anywhere: answers, events, logs, outbox, cache (decrypted) or files', async () => {
    // Let the outbox reach the central system and its outcome come back.
    for (let i = 0; i < 100 && desk.cis.cache.pendingCount() > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const file = join(desk.dataDir, 'cache.db');
    const outbox = JSON.stringify(desk.cis.cache.outbox({ limit: 1000 }));
    await desk.close();
    const cache = LocalCache.open({ file, key: TEST_CACHE_KEY });
    const tables = cache.db
      .prepare("select name from sqlite_master where type = 'table'")
      .all() as { name: string }[];
    const rows = tables.map(({ name }) =>
      JSON.stringify(cache.db.prepare(`select * from "${name}"`).all()),
    );
    cache.close();
    const files = readdirSync(desk.dataDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => readFileSync(join(f.parentPath, f.name)).toString('latin1'));
    const everywhere = [
      JSON.stringify(toRenderer),
      logLines.join('\n'),
      outbox,
      ...rows,
      ...files,
    ].join('\n');
    // The scan can fail: the approved payment's confirmation is there.
    expect(everywhere).toContain('ch_training_');
    expect(toRenderer.length).toBeGreaterThan(20);
    for (const card of [APPROVED_TEST_CARD, DECLINED_TEST_CARD]) {
      expect(everywhere).not.toContain(card);
      expect(everywhere).not.toContain(card.replace(/(\d{4})(?=\d)/g, '$1 '));
      expect(everywhere).not.toContain(card.slice(0, 12));
    }
  });
});
