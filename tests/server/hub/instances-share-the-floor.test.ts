import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusControl, HubBus } from '../../../server/hub/bus';
import type { HubSharing } from '../../../shared/hub';
import type { FloorEvent } from '../../../shared/metrics';
import { backends, freshDb, type TestDb } from '../support';
import { HubClient, type HubServer, hubServer, reportId, tokenFor } from './support';

const NATS_URL = process.env.TAPLINE_TEST_NATS ?? 'nats://127.0.0.1:4222';

async function natsAnswers(): Promise<boolean> {
  try {
    const nc = await connect({ servers: NATS_URL, timeout: 1000, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

const natsUp = await natsAnswers();
if (!natsUp)
  console.warn(
    `SKIPPED: NATS does not answer at ${NATS_URL}: the test of two hub instances sharing through NATS did not run (start nats-server -js, as .ci/run does, or set TAPLINE_TEST_NATS).`,
  );

const state = (s: string) => ({
  type: 'report',
  reports: [{ kind: 'state', id: reportId(), at: Date.now(), state: s, reasonCode: null }],
});

describe.skipIf(!natsUp)('two hub instances sharing through NATS', () => {
  let t: TestDb;
  let a: HubServer;
  let b: HubServer;
  const clients: HubClient[] = [];

  beforeAll(async () => {
    t = await freshDb((await backends()).at(-1)!);
    // One floor per test run: other runs on the same NATS keep to their own subjects.
    const natsSubject = `tapline.test.${randomBytes(4).toString('hex')}`;
    a = await hubServer(t.db, { instance: 'a', natsUrl: NATS_URL, natsSubject });
    b = await hubServer(t.db, { instance: 'b', natsUrl: NATS_URL, natsSubject });
    for (let i = 0; i < 100 && (a.hub.sharing() !== 'shared' || b.hub.sharing() !== 'shared'); i++)
      await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('shows a lead on one instance the agents connected to the other', async () => {
    expect([a.hub.sharing(), b.hub.sharing()]).toEqual(['shared', 'shared']);
    const lead = await HubClient.connect(a.url, await tokenFor(a.url, 'lead'));
    const agent = await HubClient.connect(b.url, await tokenFor(b.url, 'agente'));
    clients.push(lead, agent);
    expect(await lead.next('welcome')).toMatchObject({ sharing: 'shared' });
    lead.send({ type: 'subscribe' });
    await lead.next('snapshot');
    agent.send(state('available'));
    await agent.next('ack');
    const { events } = await lead.next('events', (m) =>
      m.events.some((e) => e.kind === 'agent.state' && e.agentId === 'u-agent-es'),
    );
    expect(events[0]).toMatchObject({ name: 'Marisol Vega', languages: ['en', 'es'] });
    expect(a.hub.floor().agents['u-agent-es'].state).toBe('available');
    // Stored once, by the instance the agent reported to.
    const { rows } = await t.db.query<{ origin: string }>(
      "select origin from hub_events where agent_id = 'u-agent-es'",
    );
    expect(rows).toEqual([{ origin: 'b' }]);

    // The lead on A changes the state of the agent on B.
    lead.send({
      type: 'direct',
      ref: 7,
      agentId: 'u-agent-es',
      state: 'break',
      reasonCode: 'rest-break',
      why: 'schedule',
    });
    expect(await lead.next('directed')).toEqual({ type: 'directed', ref: 7 });
    expect(await agent.next('directive')).toMatchObject({
      state: 'break',
      reasonCode: 'rest-break',
      why: 'schedule',
      byName: 'Jordan Lee',
    });
  });
});

/** Two in-process buses wired to each other, with a switch that cuts the link (NATS going away). */
function linkedBuses(): { a: HubBus; b: HubBus; cut(): void; restore(): void } {
  type Side = {
    events: ((e: FloorEvent[], origin: string) => void)[];
    control: ((m: BusControl) => void)[];
    sharing: ((s: HubSharing) => void)[];
  };
  const sides: [Side, Side] = [
    { events: [], control: [], sharing: [] },
    { events: [], control: [], sharing: [] },
  ];
  let up = true;
  const bus = (me: 0 | 1): HubBus => ({
    kind: 'nats',
    publish: (events) => {
      if (up) for (const l of sides[1 - me].events) l(events, String(me));
    },
    control: (m) => {
      if (up) for (const l of sides[1 - me].control) l(m);
    },
    onEvents: (l) => void sides[me].events.push(l),
    onControl: (l) => void sides[me].control.push(l),
    sharing: () => (up ? 'shared' : 'degraded'),
    onSharing: (l) => void sides[me].sharing.push(l),
    close: async () => {},
  });
  const announce = () => {
    for (const side of sides) for (const l of side.sharing) l(up ? 'shared' : 'degraded');
  };
  return {
    a: bus(0),
    b: bus(1),
    cut() {
      up = false;
      announce();
    },
    restore() {
      up = true;
      announce();
    },
  };
}

describe('when the instances lose each other', () => {
  let t: TestDb;
  let a: HubServer;
  let b: HubServer;
  let lead: HubClient;
  let agent: HubClient;
  const link = linkedBuses();

  beforeAll(async () => {
    t = await freshDb('pglite');
    a = await hubServer(t.db, { instance: 'a', bus: link.a });
    b = await hubServer(t.db, { instance: 'b', bus: link.b });
    lead = await HubClient.connect(a.url, await tokenFor(a.url, 'lead'));
    agent = await HubClient.connect(b.url, await tokenFor(b.url, 'agent'));
    lead.send({ type: 'subscribe' });
    await lead.next('snapshot');
  });
  afterAll(async () => {
    lead?.close();
    agent?.close();
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('tells the lead the board is partial, then catches up from the database when back', async () => {
    agent.send(state('available'));
    await lead.next('events');
    link.cut();
    expect(await lead.next('status')).toEqual({ type: 'status', sharing: 'degraded' });
    // Reported while cut off: stored by B, unseen by A.
    agent.send(state('lunch'));
    await agent.next('ack');
    await new Promise((r) => setTimeout(r, 100));
    expect(a.hub.floor().agents['u-agent'].state).toBe('available');
    expect(b.hub.floor().agents['u-agent'].state).toBe('lunch');

    link.restore();
    expect(await lead.next('status')).toEqual({ type: 'status', sharing: 'shared' });
    const snapshot = await lead.next('snapshot', (m) => {
      const floor = m.floor as { agents: Record<string, { state: string }> };
      return floor.agents['u-agent']?.state === 'lunch';
    });
    expect(snapshot.sharing).toBe('shared');
    expect(a.hub.floor().agents['u-agent'].state).toBe('lunch');
  });
});
