import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import { Hub } from '../../../server/hub/hub';
import { hubPlugin } from '../../../server/hub/plugin';
import { seedUsers } from '../../../server/seed/synthetic';
import { telephonyPlugin } from '../../../server/telephony/plugin';
import { callRecords } from '../../../shared/metrics';
import { freshDb, type TestDb } from '../support';
import { HubClient, type HubServer, hubServer, linkedBuses, reportId, tokenFor } from './support';

const CONFIG = {
  authToken: '2bd9e9638872de601313dc77410d3b23',
  publicUrl: 'https://cis.utility.example',
};

describe('Twilio’s calls on the team lead’s board', () => {
  let t: TestDb;
  let hub: Hub;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let url: string;

  beforeAll(async () => {
    t = await freshDb('pglite');
    await migrate(t.db);
    await seedUsers(t.db);
    hub = await Hub.start({ db: t.db, timeZone: 'America/New_York' });
    app = await buildServer({
      db: t.db,
      plugins: [
        {
          plugin: telephonyPlugin,
          options: {
            config: CONFIG,
            onStatus: (p: Record<string, string>) => hub.twilioStatus(p),
            onQueued: (c: { callSid: string; queue: string; language: 'en' | 'es' }) =>
              hub.twilioQueued(c),
          },
        },
        { plugin: hubPlugin, options: { hub } },
      ],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await hub?.close();
    await t?.drop();
  });

  const webhook = (path: string, params: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(
          CONFIG.authToken,
          `${CONFIG.publicUrl}${path}`,
          params,
        ),
      },
      payload: new URLSearchParams(params).toString(),
    });
  const settled = async () => {
    await new Promise((r) => setTimeout(r, 50));
    await hub.store.flushed();
  };

  it('counts a caller routed to a queue as offered, and hanging up while waiting as abandoned', async () => {
    const voice = await webhook('/twilio/voice', {
      CallSid: 'CAwaiting1',
      From: '+12155550100',
      To: '+12155550000',
      Digits: '2',
    });
    expect(voice.statusCode).toBe(200);
    await settled();
    expect(hub.floor().calls.CAwaiting1).toMatchObject({ queue: 'spanish', language: 'es' });
    expect(hub.floor().queues.spanish.offered).toBe(1);
    // Twilio retries a webhook it did not hear back from: still one call.
    await webhook('/twilio/voice', { CallSid: 'CAwaiting1', From: '+12155550100', Digits: '2' });
    await webhook('/twilio/status', {
      CallSid: 'CAwaiting1',
      CallStatus: 'completed',
      Timestamp: new Date(Date.now() + 40_000).toUTCString(),
    });
    await settled();
    expect(hub.floor().calls.CAwaiting1).toBeUndefined();
    expect(hub.floor().queues.spanish).toMatchObject({
      offered: 1,
      abandoned: 1,
      abandonedAfter: 1,
    });
  });

  it('refuses a status callback without Twilio’s signature, and the board does not move', async () => {
    await webhook('/twilio/voice', { CallSid: 'CAwaiting2', From: '+12155550102', Digits: '1' });
    await settled();
    const forged = await app.inject({
      method: 'POST',
      url: '/twilio/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      payload: 'CallSid=CAwaiting2&CallStatus=completed',
    });
    expect(forged.statusCode).toBe(403);
    await settled();
    expect(hub.floor().calls.CAwaiting2?.answeredAt).toBeNull();
    await webhook('/twilio/status', { CallSid: 'CAwaiting2', CallStatus: 'canceled' });
  });

  for (const order of ['Twilio first', 'the desktop first'] as const)
    it(`counts a call answered at a desktop once, offered and answered, with ${order}`, async () => {
      const callerSid = sid(order === 'Twilio first' ? 1 : 2);
      const legSid = sid(order === 'Twilio first' ? 11 : 12);
      const before = { ...hub.floor().queues.english };
      await webhook('/twilio/voice', { CallSid: callerSid, From: '+12155550101', Digits: '1' });
      await settled();
      const agent = await HubClient.connect(url, await tokenFor(url, 'agent'));
      agent.send(stateReport('available'));
      await agent.next('ack');
      const legAnswered = () =>
        webhook(`/twilio/status?leg=agent&call=${callerSid}`, {
          CallSid: legSid,
          CallStatus: 'in-progress',
          To: 'client:u-agent',
        });
      if (order === 'Twilio first') await legAnswered();
      await settled();
      // The desktop knows the call by its own leg, and by the caller's CallSid the server gave it.
      agent.send(callReports(legSid, callerSid).answered);
      await agent.next('ack');
      if (order === 'the desktop first') await legAnswered();
      await settled();
      expect(hub.floor().calls[callerSid]).toMatchObject({ agentId: 'u-agent', queue: 'english' });
      expect(Object.keys(hub.floor().calls).filter((id) => id.startsWith('u-agent/'))).toEqual([]);
      agent.send(callReports(legSid, callerSid).ended);
      await agent.next('ack');
      agent.send(callReports(legSid, callerSid).wrapped);
      await agent.next('ack');
      agent.close();
      // The caller's own call completing after it was answered is not an abandon.
      await webhook('/twilio/status', { CallSid: callerSid, CallStatus: 'completed' });
      await settled();
      const english = hub.floor().queues.english;
      expect({
        offered: english.offered - before.offered,
        answered: english.answered - before.answered,
        abandoned: english.abandoned - before.abandoned,
        handled: english.handled - before.handled,
        talkMs: english.talkMs - before.talkMs,
      }).toEqual({ offered: 1, answered: 1, abandoned: 0, handled: 1, talkMs: 200_000 });
      expect(hub.floor().calls[callerSid]).toBeUndefined();
      // The interval reports, read from the stored events, see one call too.
      const day = hub.floor().day;
      const records = callRecords(await hub.store.between(day.start, day.end));
      expect(
        records
          .filter((r) => r.callId === callerSid || r.callId.endsWith(legSid))
          .map((r) => [r.callId, r.agentId, r.talkMs]),
      ).toEqual([[callerSid, 'u-agent', 200_000]]);
    });
});

describe('Twilio’s calls on two hub instances: the webhooks reach one, the desktop the other', () => {
  let t: TestDb;
  let a: Hub;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let b: HubServer;
  const link = linkedBuses();

  beforeAll(async () => {
    t = await freshDb('pglite');
    await migrate(t.db);
    await seedUsers(t.db);
    a = await Hub.start({ db: t.db, timeZone: 'America/New_York', instance: 'a', bus: link.a });
    app = await buildServer({
      db: t.db,
      plugins: [
        {
          plugin: telephonyPlugin,
          options: {
            config: CONFIG,
            onStatus: (p: Record<string, string>) => a.twilioStatus(p),
            onQueued: (c: { callSid: string; queue: string; language: 'en' | 'es' }) =>
              a.twilioQueued(c),
          },
        },
        { plugin: hubPlugin, options: { hub: a } },
      ],
    });
    b = await hubServer(t.db, { instance: 'b', bus: link.b });
  });
  afterAll(async () => {
    await app?.close();
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  const webhook = (path: string, params: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(
          CONFIG.authToken,
          `${CONFIG.publicUrl}${path}`,
          params,
        ),
      },
      payload: new URLSearchParams(params).toString(),
    });
  const settled = async () => {
    await new Promise((r) => setTimeout(r, 50));
    await a.store.flushed();
    await b.hub.store.flushed();
    await new Promise((r) => setTimeout(r, 50));
  };

  for (const order of ['Twilio first', 'the desktop first'] as const)
    it(`counts the call once on both instances, with ${order}`, async () => {
      const callerSid = sid(order === 'Twilio first' ? 3 : 4);
      const legSid = sid(order === 'Twilio first' ? 13 : 14);
      const before = [{ ...a.floor().queues.english }, { ...b.hub.floor().queues.english }];
      const answeredBefore = [a, b.hub].map(
        (h) => h.floor().agents['u-agent']?.tally.answered ?? 0,
      );
      await webhook('/twilio/voice', { CallSid: callerSid, From: '+12155550101', Digits: '1' });
      const agent = await HubClient.connect(b.url, await tokenFor(b.url, 'agent'));
      agent.send(stateReport('available'));
      await agent.next('ack');
      await settled();
      const legAnswered = () =>
        webhook(`/twilio/status?leg=agent&call=${callerSid}`, {
          CallSid: legSid,
          CallStatus: 'in-progress',
          To: 'client:u-agent',
        });
      if (order === 'Twilio first') await legAnswered();
      agent.send(callReports(legSid, callerSid).answered);
      await agent.next('ack');
      if (order === 'the desktop first') await legAnswered();
      for (const r of ['ended', 'wrapped'] as const) {
        agent.send(callReports(legSid, callerSid)[r]);
        await agent.next('ack');
      }
      agent.close();
      await settled();
      for (const [i, hub] of [a, b.hub].entries()) {
        const english = hub.floor().queues.english;
        expect({
          offered: english.offered - (before[i].offered ?? 0),
          answered: english.answered - (before[i].answered ?? 0),
          handled: english.handled - (before[i].handled ?? 0),
        }).toEqual({ offered: 1, answered: 1, handled: 1 });
        expect(Object.keys(hub.floor().calls)).toEqual([]);
        expect(hub.floor().agents['u-agent'].tally.answered - answeredBefore[i]).toBe(1);
      }
    });
});

/** A Twilio CallSid: CA and 32 hexadecimal digits. */
function sid(n: number): string {
  return `CA${n.toString(16).padStart(32, '0')}`;
}

function stateReport(state: string) {
  return {
    type: 'report',
    reports: [{ kind: 'state', id: reportId(), at: Date.now(), state, reasonCode: null }],
  };
}

/** The desktop's reports of a call it knows by its leg, naming the caller's call. */
function callReports(legSid: string, callerSid: string) {
  const at = Date.now();
  const report = (r: Record<string, unknown>) => ({
    type: 'report',
    reports: [{ id: reportId(), callId: legSid, networkCallId: callerSid, ...r }],
  });
  return {
    answered: report({ kind: 'answered', at, language: 'en', offeredAt: at - 4000 }),
    ended: report({ kind: 'ended', at: at + 1, talkMs: 200_000, holdMs: 10_000 }),
    wrapped: report({ kind: 'wrapped', at: at + 2, wrapUpMs: 30_000, code: 'high-bill' }),
  };
}
