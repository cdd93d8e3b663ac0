import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/database';
import { backends, freshDb, type TestDb } from '../support';
import { HubClient, type HubServer, hubServer, linkedBuses, reportId, tokenFor } from './support';

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

/** A simulated caller of the desktop's own queue: offered, then answered or given up. */
const queued = (callId: string) => ({
  type: 'report',
  reports: [{ kind: 'queued', id: reportId(), at: Date.now(), callId, language: 'en' }],
});
const abandoned = (callId: string) => ({
  type: 'report',
  reports: [{ kind: 'abandoned', id: reportId(), at: Date.now() + 30_000, callId }],
});

describe('what one instance writes reaches the other exactly once', () => {
  let t: TestDb;
  let a: HubServer;
  let b: HubServer;
  let agent: HubClient;
  const link = linkedBuses();
  const english = (s: HubServer) => s.hub.floor().queues.english ?? { offered: 0, abandoned: 0 };

  beforeAll(async () => {
    t = await freshDb('pglite');
    a = await hubServer(t.db, { instance: 'a', bus: link.a });
    b = await hubServer(t.db, { instance: 'b', bus: link.b });
    agent = await HubClient.connect(b.url, await tokenFor(b.url, 'agent'));
    agent.send(state('available'));
    await agent.next('ack');
  });
  afterAll(async () => {
    agent?.close();
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('fetches a batch whose message was lost when the next one shows the gap', async () => {
    const offered = english(a).offered;
    link.loseNext();
    agent.send(queued('SIM-lost'));
    await agent.next('ack');
    await new Promise((r) => setTimeout(r, 50));
    expect(english(a).offered).toBe(offered);
    // The next batch says which of B's came before it: A reads the one it never got.
    agent.send(abandoned('SIM-lost'));
    await agent.next('ack');
    await expect.poll(() => english(a).abandoned, { timeout: 3000 }).toBe(1);
    expect(english(a)).toMatchObject({ offered: offered + 1, abandoned: 1 });
    expect(english(a)).toEqual(english(b));
  });

  it('catches up after an outage without applying again what it already had', async () => {
    agent.send(queued('SIM-before'));
    await agent.next('ack');
    await new Promise((r) => setTimeout(r, 50));
    const offered = english(a).offered;
    link.cut();
    agent.send(queued('SIM-during'));
    await agent.next('ack');
    link.restore();
    await expect.poll(() => english(a).offered, { timeout: 3000 }).toBe(offered + 1);
    await new Promise((r) => setTimeout(r, 100));
    // SIM-before was on A's floor already: caught up once more, it would be offered twice.
    expect(english(a).offered).toBe(offered + 1);
    expect(english(a)).toEqual(english(b));
  });
});

const pgUp = (await backends()).includes('postgres');

/**
 * B's next write of events runs in a transaction that stays open until released, and whose
 * rows say they were stored a minute before (stored_at is when the transaction began): a slow
 * transaction that commits while the instances are apart.
 */
function slowWrites(db: Db): { db: Db; hold(): Promise<void>; release(): void } {
  let armed = false;
  let holding: () => void = () => {};
  let release: () => void = () => {};
  const gate = () => new Promise<void>((r) => (release = r));
  return {
    db: {
      ...db,
      async query<T>(sql: string, params?: unknown[]) {
        if (!armed || !sql.includes('insert into hub_events')) return db.query<T>(sql, params);
        armed = false;
        const opened = gate();
        return db.transaction(async (tx) => {
          const r = await tx.query<T>(sql, params);
          await tx.query(
            "update hub_events set stored_at = stored_at - interval '1 minute' where id = any($1::text[])",
            [(r.rows as { id: string }[]).map((row) => row.id)],
          );
          holding();
          await opened;
          return r;
        });
      },
    },
    hold() {
      armed = true;
      return new Promise((r) => (holding = r));
    },
    release: () => release(),
  };
}

describe.skipIf(!pgUp)('a slow transaction that commits during an outage (PostgreSQL)', () => {
  let t: TestDb;
  let a: HubServer;
  let b: HubServer;
  let agent: HubClient;
  const link = linkedBuses();
  const slow = { current: null as ReturnType<typeof slowWrites> | null };

  beforeAll(async () => {
    t = await freshDb('postgres');
    slow.current = slowWrites(t.db);
    a = await hubServer(t.db, { instance: 'a', bus: link.a });
    b = await hubServer(slow.current.db, { instance: 'b', bus: link.b });
    agent = await HubClient.connect(b.url, await tokenFor(b.url, 'agent'));
  });
  afterAll(async () => {
    agent?.close();
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('is caught up when the instances are back together, whenever it began', async () => {
    agent.send(state('available'));
    await agent.next('ack');
    await expect.poll(() => a.hub.floor().agents['u-agent']?.state).toBe('available');
    const held = slow.current!.hold();
    agent.send(state('lunch'));
    await held;
    // The outage starts while B's transaction is open; it commits while the two are apart.
    link.cut();
    await new Promise((r) => setTimeout(r, 200));
    slow.current!.release();
    await agent.next('ack');
    expect(b.hub.floor().agents['u-agent'].state).toBe('lunch');
    expect(a.hub.floor().agents['u-agent'].state).toBe('available');
    const { rows } = await t.db.query<{ early: boolean }>(
      "select stored_at < now() - interval '30 seconds' as early from hub_events where body->>'state' = 'lunch'",
    );
    expect(rows).toEqual([{ early: true }]);

    link.restore();
    await expect.poll(() => a.hub.floor().agents['u-agent'].state, { timeout: 3000 }).toBe('lunch');
  });
});
