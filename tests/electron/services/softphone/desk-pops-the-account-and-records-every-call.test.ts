import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  QueueObservation,
  SimulatedCaller,
} from '../../../../electron/services/simulator/training-simulator';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import type { IpcResult, TaplineBridge } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';
import { accountHeader } from '../../../support/headers';

/**
 * The renderer's softphone slice and account workspace against the desktop's real services (the
 * simulator, the cache, the outbox, the embedded CIS), joined by a bridge straight onto the
 * handler registry, as the web host's socket joins them.
 */
describe('the desk with the training simulator', () => {
  let services: Awaited<ReturnType<typeof testServices>>;
  let store: typeof import('../../../../renderer/store')['useAppStore'];
  /** Channels the bridge fails as a lost connection would, once each. */
  const dropOnce = new Set<string>();

  beforeAll(async () => {
    services = await testServices({ accounts: 30, ownCis: true });
    const bridge: TaplineBridge = {
      host: 'web',
      async invoke(channel, request) {
        if (dropOnce.delete(channel))
          return {
            ok: false,
            error: { code: 'transport', messageKey: 'errors:transport' },
          } as IpcResult<never>;
        return services.registry.dispatch(channel, request, services.session) as never;
      },
      on(event, listener) {
        return services.registry.onEvent((name, payload) => {
          if (name === event) listener(payload as never);
        });
      },
      onConnection: () => () => {},
    };
    // The slice needs the renderer's bridge and nothing else of a browser (a DOM environment would
    // also replace Node's fetch, which the desktop's services use to reach the CIS).
    globalThis.tapline = bridge;
    store = (await import('../../../../renderer/store')).useAppStore;
    await services.cis.ready;
    await store.getState().signIn('agent', TRAINING_PASSWORD);
    await services.cis.sync.syncNow();
    await store.getState().startSoftphone();
    store.getState().chooseState('available');
    // The test's own CIS seeds on this thread: slow on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await store?.getState().stopSoftphone();
    await services?.dispose();
  });

  beforeEach(() => {
    store.getState().closeAccount();
    store.getState().closeChooser();
  });

  const ring = (caller: Partial<SimulatedCaller> & { phone: string }) =>
    services.simulator.ring({
      name: 'Caller',
      language: 'es',
      accountNumber: null,
      reason: 'high-bill',
      ...caller,
    })!;
  const desk = () => store.getState().desk;
  /** Accounts of the synthetic utility whose phone number is theirs alone. */
  const ownNumbers = () =>
    services.cis.cache
      .search('PA-10000', 30)
      .map((h) => h.header)
      .filter((h) => services.cis.cache.byPhone(h.phones[0]).length === 1);

  /** Hangs up whatever is ringing or live and leaves the desk Available again. */
  const reset = async () => {
    const s = store.getState();
    if (desk().active?.state === 'ringing') await s.decline();
    else if (desk().active) await s.hangup();
    await expect.poll(() => desk().active).toBeNull();
    if (desk().wrapUp) {
      s.setWrapUpCode('other');
      s.finishWrapUp();
    }
    expect(desk().state).toBe('available');
  };

  it('opens the caller’s account before the call is answered', async () => {
    const header = ownNumbers()[0];
    const id = ring({ phone: header.phones[0], accountNumber: header.number });
    await expect.poll(() => store.getState().view?.header.number).toBe(header.number);
    expect([desk().state, desk().active?.id, desk().active?.accountNumber]).toEqual([
      'ringing',
      id,
      header.number,
    ]);
    await reset();
  });

  it('shows a chooser when several accounts share the number, and the chosen one is the call’s', async () => {
    services.cis.cache.upsertHeaders([
      accountHeader('PA-9000001', { name: 'Rosa Díaz', phones: ['2155559001'] }),
      accountHeader('PA-9000002', { name: 'Luis Díaz', phones: ['2155559001'] }),
    ]);
    ring({ phone: '215-555-9001' });
    await expect
      .poll(() => store.getState().chooser?.accounts.map((a) => a.number))
      .toEqual(['PA-9000001', 'PA-9000002']);
    expect([store.getState().openNumber, desk().active?.accountNumber]).toEqual([null, null]);
    await store.getState().openAccount('PA-9000002');
    expect(desk().active?.accountNumber).toBe('PA-9000002');
    await reset();
  });

  it('opens search with the number filled in when no account has it', async () => {
    ring({ phone: '2155550999' });
    await expect.poll(() => store.getState().query).toBe('+12155550999');
    expect([store.getState().openNumber, store.getState().chooser, desk().state]).toEqual([
      null,
      null,
      'ringing',
    ]);
    await reset();
  });

  it('records an answered call as an interaction through the outbox, even with the central system down', async () => {
    const header = ownNumbers()[1];
    await services.ownCis!.stop();
    ring({ phone: header.phones[0], accountNumber: header.number, reason: 'past-due' });
    await expect.poll(() => desk().active?.accountNumber).toBe(header.number);
    const s = store.getState();
    await s.answer();
    await expect.poll(() => desk().state).toBe('on-call');
    await s.toggleHold();
    expect(desk().state).toBe('on-hold');
    await s.toggleHold();
    s.appendCallNotes('Explained the past-due balance.');
    s.appendCallNotes('Customer will pay Friday.');
    await s.hangup();
    await expect.poll(() => desk().state).toBe('wrap-up');
    s.finishWrapUp();
    expect(store.getState().softphoneError).toBe('softphone:notice.wrapUpCodeRequired');
    s.setWrapUpCode('payment-arrangement');
    s.finishWrapUp();
    expect(desk().state).toBe('available');

    await expect
      .poll(() =>
        services.cis.cache
          .pending()
          .filter((i) => i.command.type === 'recordInteraction')
          .map((i) => i.command),
      )
      .toMatchObject([
        {
          type: 'recordInteraction',
          channel: 'phone',
          accountNumber: header.number,
          reason: 'past-due',
          wrapUpCode: 'payment-arrangement',
          language: 'es',
          notes: 'Explained the past-due balance.\nCustomer will pay Friday.',
        },
      ]);
    expect(store.getState().callNotes).toEqual({});

    await services.ownCis!.start();
    await services.cis.sync.syncNow();
    const { rows } = await services.ownCis!.db.query<{
      notes: string;
      agent_id: string;
      wrap_up_code: string;
    }>('select notes, agent_id, wrap_up_code from interactions where account_number = $1', [
      header.number,
    ]);
    expect(rows).toEqual([
      {
        notes: 'Explained the past-due balance.\nCustomer will pay Friday.',
        agent_id: 'u-agent',
        wrap_up_code: 'payment-arrangement',
      },
    ]);
  });

  it('blanks a card number out of the call notes rather than lose the call', async () => {
    ring({ phone: '2155550998' });
    await expect.poll(() => desk().state).toBe('ringing');
    const s = store.getState();
    await s.answer();
    await expect.poll(() => desk().state).toBe('on-call');
    s.appendCallNotes('Paid by card 4111 1111 1111 1111, thanks.');
    await s.hangup();
    await expect.poll(() => desk().state).toBe('wrap-up');
    s.setWrapUpCode('billing-question');
    s.finishWrapUp();
    expect(store.getState().softphoneError).toBe('softphone:notice.cardNumberRemoved');
    await expect
      .poll(() =>
        services.cis.cache
          .outbox({ limit: 5 })
          .map((i) => i.command)
          .find((c) => c.type === 'recordInteraction' && c.accountNumber === null),
      )
      .toMatchObject({ notes: 'Paid by card ••••, thanks.' });
  });

  it('keeps a call whose record could not reach the outbox, and sends it again', async () => {
    const before = services.cis.cache
      .outbox({ limit: 100 })
      .filter((i) => i.command.type === 'recordInteraction').length;
    dropOnce.add('interaction.record');
    ring({ phone: '2155550997' });
    await expect.poll(() => desk().state).toBe('ringing');
    const s = store.getState();
    await s.answer();
    await expect.poll(() => desk().state).toBe('on-call');
    await s.hangup();
    await expect.poll(() => desk().state).toBe('wrap-up');
    s.setWrapUpCode('other');
    s.finishWrapUp();
    await expect.poll(() => store.getState().unrecorded.length).toBe(1);
    await expect.poll(() => store.getState().unrecorded.length, { timeout: 10_000 }).toBe(0);
    expect(
      services.cis.cache
        .outbox({ limit: 100 })
        .filter((i) => i.command.type === 'recordInteraction').length,
    ).toBe(before + 1);
  });

  it('sends a call ringing while the agent is away back, and misses nothing on the desk', async () => {
    store.getState().chooseState('lunch');
    const id = ring({ phone: '2155550996' });
    await expect.poll(() => services.simulator.active().some((c) => c.id === id)).toBe(false);
    expect([desk().state, desk().active, store.getState().softphoneError]).toEqual([
      'lunch',
      null,
      'softphone:notice.notAvailable',
    ]);
    store.getState().chooseState('available');
  });
  /** The interaction records in the outbox, newest first. */
  const records = () =>
    services.cis.cache.outbox({ limit: 100 }).filter((i) => i.command.type === 'recordInteraction');

  it('gives a missed call back to the queue at once, as the desk lets it go, not as a caller who gave up', async () => {
    const seen: QueueObservation[] = [];
    const off = services.simulator.observeQueue((o) => seen.push(o));
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const id = ring({ phone: '2155550995' });
      await expect.poll(() => desk().state).toBe('ringing');
      vi.setSystemTime(Date.now() + store.getState().team.ringSeconds * 1000);
      store.getState().deskEvent({ type: 'tick' });
      expect([desk().state, desk().notReadyReason]).toEqual(['not-ready', 'missed-call']);
      await expect.poll(() => services.simulator.active().some((c) => c.id === id)).toBe(false);
      expect(seen.filter((o) => o.callId === id).map((o) => o.kind)).toEqual(['queued', 'removed']);
    } finally {
      vi.useRealTimers();
      off();
    }
    store.getState().chooseState('available');
  });

  it('shows a call waiting without taking the live call’s account away; answering it pops its own, and each call keeps its notes', async () => {
    const [first, second] = ownNumbers().slice(2, 4);
    ring({ phone: first.phones[0], accountNumber: first.number, reason: 'high-bill' });
    await expect.poll(() => store.getState().view?.header.number).toBe(first.number);
    const s = store.getState();
    await s.answer();
    await expect.poll(() => desk().state).toBe('on-call');
    s.appendCallNotes('First caller: read the meter together.');

    const waiting = ring({ phone: second.phones[0], accountNumber: second.number });
    await expect.poll(() => desk().other?.id).toBe(waiting);
    // The pop waits for the answer: the first caller's account stays open meanwhile.
    await new Promise((r) => setTimeout(r, 200));
    expect([store.getState().openNumber, store.getState().view?.header.number]).toEqual([
      first.number,
      first.number,
    ]);

    await s.answer();
    await expect.poll(() => desk().active?.id).toBe(waiting);
    await expect.poll(() => store.getState().view?.header.number).toBe(second.number);
    expect(desk().other?.state).toBe('on-hold');
    s.appendCallNotes('Second caller: asked about a leak.');
    await s.hangup();
    // The held caller is back, and so is their account.
    await expect.poll(() => desk().active?.accountNumber).toBe(first.number);
    await expect.poll(() => store.getState().openNumber).toBe(first.number);
    await s.toggleHold();
    s.appendCallNotes('First caller: meter reads fine.');
    await s.hangup();
    await expect.poll(() => desk().state).toBe('wrap-up');
    s.setWrapUpCode('high-bill');
    s.finishWrapUp();
    await expect
      .poll(() =>
        records()
          .slice(0, 2)
          .map((i) => i.command)
          .map((c) => c.type === 'recordInteraction' && [c.accountNumber, c.notes]),
      )
      .toEqual([
        [first.number, 'First caller: read the meter together.\nFirst caller: meter reads fine.'],
        [second.number, 'Second caller: asked about a leak.'],
      ]);
  });

  it('ends and records a call still open when the softphone stops, and starts the next agent on a fresh desk', async () => {
    const before = records().length;
    const id = ring({ phone: '2155550994' });
    await expect.poll(() => desk().state).toBe('ringing');
    await store.getState().answer();
    await expect.poll(() => desk().state).toBe('on-call');
    await store.getState().stopSoftphone();
    expect([desk().state, desk().active, desk().wrapUp]).toEqual(['offline', null, null]);
    await expect.poll(() => services.simulator.active().some((c) => c.id === id)).toBe(false);
    await expect.poll(() => records().length).toBe(before + 1);
    expect(records()[0]).toMatchObject({
      issuedBy: 'u-agent',
      command: { wrapUpCode: 'wrap-up-timeout' },
    });

    // A record that cannot reach the outbox before the session ends waits for its own agent.
    await store.getState().startSoftphone();
    store.getState().chooseState('available');
    ring({ phone: '2155550993' });
    await expect.poll(() => desk().state).toBe('ringing');
    await store.getState().answer();
    await expect.poll(() => desk().state).toBe('on-call');
    dropOnce.add('interaction.record');
    await store.getState().signOut();
    expect(store.getState().unrecorded).toMatchObject([{ userId: 'u-agent' }]);

    await store.getState().signIn('agente', TRAINING_PASSWORD);
    await store.getState().startSoftphone();
    expect([desk().state, desk().active, desk().wrapUp, desk().loggedInAt]).toEqual([
      'offline',
      null,
      null,
      null,
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect([records().length, store.getState().unrecorded.length]).toEqual([before + 1, 1]);

    await store.getState().signOut();
    await store.getState().signIn('agent', TRAINING_PASSWORD);
    await store.getState().startSoftphone();
    await expect.poll(() => records().length).toBe(before + 2);
    expect([records()[0].issuedBy, store.getState().unrecorded]).toEqual(['u-agent', []]);
  });
});
