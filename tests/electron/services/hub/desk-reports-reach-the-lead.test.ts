import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import type { BoardSnapshotView, EventName, EventOf } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

type Desk = Awaited<ReturnType<typeof testServices>>;

/** Waits for an event of a desk's registry (what its window would receive). */
function nextEvent<E extends EventName>(
  desk: Desk,
  event: E,
  where: (payload: EventOf<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = desk.registry.onEvent((name, payload) => {
      if (name === event && where(payload as EventOf<E>)) {
        clearTimeout(timer);
        off();
        resolve(payload as EventOf<E>);
      }
    });
  });
}

async function signIn(desk: Desk, username: string): Promise<void> {
  const open = nextEvent(desk, 'hub.status', (s) => s.connection === 'open');
  const r = await desk.registry.call(
    'auth.signIn',
    { username, password: TRAINING_PASSWORD },
    desk.session,
  );
  expect(r.ok).toBe(true);
  await open;
}

let n = 0;
const id = () => `desk-report-${++n}-${Date.now()}`;

describe('the desktop’s link to the hub', () => {
  let agentDesk: Desk;
  let leadDesk: Desk;

  beforeAll(async () => {
    agentDesk = await testServices({ accounts: 20 });
    await agentDesk.cis.ready;
    // The lead works at another desktop pointed at the same central system.
    leadDesk = await testServices({ cisUrl: agentDesk.cis.client.baseUrl });
    await signIn(agentDesk, 'agent');
    await signIn(leadDesk, 'lead');
  }, 60_000);
  afterAll(async () => {
    await leadDesk?.dispose();
    await agentDesk?.dispose();
  });

  it('keeps the board for leads at the IPC boundary', async () => {
    const r = await agentDesk.registry.call('hub.subscribe', {}, agentDesk.session);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const d = await agentDesk.registry.call(
      'hub.direct',
      { agentId: 'u-lead', state: 'break', reasonCode: 'rest-break', why: 'coaching' },
      agentDesk.session,
    );
    expect(d).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('brings an agent’s state change to the lead’s board at the other desktop', async () => {
    const sub = await leadDesk.registry.call('hub.subscribe', {}, leadDesk.session);
    expect(sub.ok).toBe(true);
    const snapshot = (sub as { value: BoardSnapshotView }).value;
    expect(snapshot.floor?.queueSettings.english.targetPercent).toBe(80);
    const seen = nextEvent(leadDesk, 'hub.events', (p) =>
      p.events.some((e) => e.kind === 'agent.state' && e.agentId === 'u-agent'),
    );
    const r = await agentDesk.registry.call(
      'hub.report',
      {
        reports: [
          { kind: 'state', id: id(), at: Date.now(), state: 'available', reasonCode: null },
        ],
      },
      agentDesk.session,
    );
    expect(r.ok).toBe(true);
    const { seq, events } = await seen;
    expect(seq).toBeGreaterThan(snapshot.seq);
    expect(events.find((e) => e.kind === 'agent.state')).toMatchObject({
      name: 'Alex Rivera',
      state: 'available',
    });
  });

  it('refuses a report outside the protocol with a typed error', async () => {
    const r = await agentDesk.registry.call(
      'hub.report',
      { reports: [{ kind: 'state', id: 'x', at: 0, state: 'asleep', reasonCode: null }] } as never,
      agentDesk.session,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('reports the training simulator’s callers entering the queue and giving up', async () => {
    const queued = nextEvent(leadDesk, 'hub.events', (p) =>
      p.events.some((e) => e.kind === 'call.queued'),
    );
    const callId = agentDesk.simulator.ring();
    expect(callId).not.toBeNull();
    const { events } = await queued;
    expect(events.find((e) => e.kind === 'call.queued')).toMatchObject({
      callId: `u-agent/${callId}`,
    });
    const removed = nextEvent(leadDesk, 'hub.events', (p) =>
      p.events.some((e) => e.kind === 'call.removed'),
    );
    agentDesk.simulator.reject(callId!);
    await removed;
  });

  it('delivers a lead’s change of state to the agent’s desktop', async () => {
    const directive = nextEvent(agentDesk, 'hub.directive');
    const r = await leadDesk.registry.call(
      'hub.direct',
      { agentId: 'u-agent', state: 'break', reasonCode: 'rest-break', why: 'coaching' },
      leadDesk.session,
    );
    expect(r).toEqual({ ok: true, value: { ok: true } });
    expect(await directive).toMatchObject({
      state: 'break',
      reasonCode: 'rest-break',
      why: 'coaching',
      byName: 'Jordan Lee',
    });
    const unknown = await leadDesk.registry.call(
      'hub.direct',
      { agentId: 'u-nobody', state: 'break', reasonCode: 'rest-break', why: 'coaching' },
      leadDesk.session,
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps reports while the hub is away and delivers them when it is back', async () => {
    await agentDesk.cis.stopEmbedded();
    await nextEvent(agentDesk, 'hub.status', (s) => s.connection !== 'open').catch(() => {});
    const r = await agentDesk.registry.call(
      'hub.report',
      { reports: [{ kind: 'state', id: id(), at: Date.now(), state: 'lunch', reasonCode: null }] },
      agentDesk.session,
    );
    expect(r).toMatchObject({ ok: true });
    expect((r as { value: { waiting: number } }).value.waiting).toBeGreaterThan(0);
    // Both desktops reconnect by themselves (backoff), in either order: the lead's board gets a
    // fresh picture, and the agent's kept report reaches it in that picture (agent first) or as
    // an event after it (lead first).
    const lunchAfterSnapshot = nextEvent(
      leadDesk,
      'hub.events',
      (p) =>
        p.events.some(
          (e) => e.kind === 'agent.state' && e.agentId === 'u-agent' && e.state === 'lunch',
        ),
      60_000,
    );
    lunchAfterSnapshot.catch(() => {}); // awaited below only when the snapshot lacks it
    const back = nextEvent(leadDesk, 'hub.snapshot', () => true, 60_000);
    await agentDesk.cis.startEmbedded();
    const snapshot = await back;
    expect(snapshot.status.connection).toBe('open');
    if (snapshot.floor?.agents['u-agent']?.state !== 'lunch') {
      const { events } = await lunchAfterSnapshot;
      expect(events.find((e) => e.kind === 'agent.state')).toMatchObject({ agentId: 'u-agent' });
    }
  }, 100_000);

  it('shows the agent Offline on the lead’s board when they sign out', async () => {
    const offline = nextEvent(leadDesk, 'hub.events', (p) =>
      p.events.some(
        (e) => e.kind === 'agent.state' && e.agentId === 'u-agent' && e.state === 'offline',
      ),
    );
    await agentDesk.registry.call('auth.signOut', {}, agentDesk.session);
    await offline;
    await signIn(agentDesk, 'agent');
  });

  it('serves the interval report to the lead, and as CSV', async () => {
    const date = new Intl.DateTimeFormat('en-CA').format(new Date());
    const agent = await agentDesk.registry.call(
      'hub.intervals',
      { from: date, to: date, minutes: 60, by: 'queue' },
      agentDesk.session,
    );
    expect(agent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const r = await leadDesk.registry.call(
      'hub.intervals',
      { from: date, to: date, minutes: 60, by: 'agent' },
      leadDesk.session,
    );
    expect(r.ok).toBe(true);
    const csv = await leadDesk.registry.call(
      'hub.intervalsCsv',
      { from: date, to: date, minutes: 15, by: 'queue', lang: 'en' },
      leadDesk.session,
    );
    expect(csv).toMatchObject({
      ok: true,
      value: { fileName: `tapline-intervals-${date}-15min-by-queue.csv` },
    });
  });
});
