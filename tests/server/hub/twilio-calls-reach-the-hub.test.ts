import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import { Hub } from '../../../server/hub/hub';
import { hubPlugin } from '../../../server/hub/plugin';
import { seedUsers } from '../../../server/seed/synthetic';
import { telephonyPlugin } from '../../../server/telephony/plugin';
import { freshDb, type TestDb } from '../support';
import { HubClient, reportId, tokenFor } from './support';

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

  it('answers the caller’s call when the agent’s leg answers, and joins the desktop’s reports to it', async () => {
    await webhook('/twilio/voice', { CallSid: 'CAparent', From: '+12155550101', Digits: '1' });
    // The agent's softphone was added to the caller's conference; its leg answers.
    await webhook('/twilio/status?leg=agent&call=CAparent', {
      CallSid: 'CAagentleg',
      CallStatus: 'in-progress',
      To: 'client:u-agent',
    });
    await settled();
    expect(hub.floor().calls.CAparent).toMatchObject({ agentId: 'u-agent', queue: 'english' });
    // The desktop knows the call by its own leg: its reports land on the caller's call.
    const agent = await HubClient.connect(url, await tokenFor(url, 'agent'));
    agent.send({
      type: 'report',
      reports: [
        {
          kind: 'ended',
          id: reportId(),
          at: Date.now(),
          callId: 'CAagentleg',
          talkMs: 200_000,
          holdMs: 10_000,
        },
      ],
    });
    await agent.next('ack');
    agent.close();
    expect(hub.floor().calls.CAparent).toMatchObject({ talkMs: 200_000, holdMs: 10_000 });
    // The caller's own call completing after it was answered is not an abandon.
    await webhook('/twilio/status', { CallSid: 'CAparent', CallStatus: 'completed' });
    await settled();
    expect(hub.floor().queues.english).toMatchObject({ offered: 2, answered: 1 });
    expect(hub.floor().calls.CAparent.answeredAt).not.toBeNull();
  });
});
