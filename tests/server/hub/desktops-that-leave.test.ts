import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../support';
import { HubClient, type HubServer, hubServer, reportId, tokenFor } from './support';

const GRACE_MS = 300;
const state = (s: string, at = Date.now()) => ({
  type: 'report',
  reports: [{ kind: 'state', id: reportId(), at, state: s, reasonCode: null }],
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a desktop that leaves the hub', () => {
  let t: TestDb;
  let s: HubServer;

  beforeAll(async () => {
    t = await freshDb('pglite');
    s = await hubServer(t.db, { disconnectGraceMs: GRACE_MS });
  });
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  });

  it('is shown Offline (disconnected) once it has been gone for the grace period', async () => {
    const agent = await HubClient.connect(s.url, await tokenFor(s.url, 'agent'));
    agent.send(state('available'));
    await agent.next('ack');
    agent.close();
    await pause(GRACE_MS / 2);
    expect(s.hub.floor().agents['u-agent'].state).toBe('available');
    await pause(GRACE_MS * 2);
    expect(s.hub.floor().agents['u-agent']).toMatchObject({
      state: 'offline',
      reasonCode: 'disconnected',
    });
  });

  it('keeps its agent when the desktop comes back within the grace period', async () => {
    const token = await tokenFor(s.url, 'agente');
    const first = await HubClient.connect(s.url, token);
    const since = Date.now();
    first.send(state('available', since));
    await first.next('ack');
    first.close();
    await pause(GRACE_MS / 3);
    // The desktop reconnects and says its state again (the same stretch: it began at `since`).
    const again = await HubClient.connect(s.url, token);
    again.send(state('available', since));
    await again.next('ack');
    await pause(GRACE_MS * 2);
    expect(s.hub.floor().agents['u-agent-es']).toMatchObject({ state: 'available', since });
    again.close();
  });
});
