import { DOMParser } from '@xmldom/xmldom';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAuth, signIn } from '../../../../server/auth/sessions';
import {
  routingSettingsProblem,
  type TelephonyConfig,
  telephonyConfigFromEnv,
  telephonyPlugin,
} from '../../../../server/telephony/plugin';
import type { TelephonyRest } from '../../../../server/telephony/rest';
import { setUpTaskRouter } from '../../../../server/telephony/routing/taskrouter-setup';
import { twilioLib } from '../../../../server/telephony/twilio-lib';
import type { Principal } from '../../../../shared/cis';
import { defaultRoutingSettings, routingPlan } from '../../../../shared/telephony/routing-plan';
import { FakeTaskRouter, twilioSignature } from '../../../support/fake-taskrouter';
import { seededServer, type TestServer } from '../../support';
import { TWILIO } from './taskrouter-harness';

/** In TaskRouter mode the server places no call itself: TaskRouter dials the agents. */
const noRest: TelephonyRest = {
  addParticipant: async () => {
    throw new Error('no REST call expected in TaskRouter mode');
  },
  holdParticipant: async () => {},
  removeParticipant: async () => {},
  redirect: async () => {},
};

describe('TAPLINE_ROUTING=taskrouter: the voice webhook enqueues the caller into TaskRouter', () => {
  let s: TestServer;
  let app: FastifyInstance;
  let base = '';
  let fake: FakeTaskRouter;
  let workspaceSid = '';
  let workflowSid = '';
  const agents: Record<string, { token: string; principal: Principal }> = {};

  const webhook = (path: string, params: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(
          TWILIO.authToken,
          `${TWILIO.publicUrl}${path}`,
          params,
        ),
      },
      body: new URLSearchParams(params).toString(),
    });
  const available = (username: string) =>
    fetch(`${base}/telephony/availability`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${agents[username].token}`,
      },
      body: JSON.stringify({ available: true }),
    });
  const phoneOf = async (language: 'en' | 'es') => {
    const { rows } = await s.db.query<{ digits: string; number: string }>(
      'select p.digits, a.number from account_phones p join accounts a on a.number = p.account_number join customers c on c.id = a.customer_id where c.preferred_language = $1 order by p.digits limit 1',
      [language],
    );
    return { from: `+1${rows[0].digits}`, account: rows[0].number };
  };
  /** What Twilio does with <Enqueue workflowSid>: a task in the workflow with the <Task> attributes. */
  const twilioMakesTheTask = (attributes: string) =>
    twilioLib()(TWILIO.apiKey, TWILIO.apiSecret, {
      accountSid: TWILIO.accountSid,
      httpClient: fake.httpClient,
    })
      .taskrouter.v1.workspaces(workspaceSid)
      .tasks.create({ workflowSid, attributes, taskChannel: 'voice' });

  const config = (): TelephonyConfig => ({
    ...TWILIO,
    twimlAppSid: 'AP00000000000000000000000000000001',
    routing: 'taskrouter',
    workspaceSid,
    workflowSid,
  });

  beforeAll(async () => {
    s = await seededServer('pglite', 30, 'philadelphia-water-pa');
    for (const username of ['agent', 'agente'])
      agents[username] = (await signIn(s.db, username, 'tapline-training'))!;
    fake = new FakeTaskRouter({
      accountSid: TWILIO.accountSid,
      authToken: TWILIO.authToken,
      keys: { [TWILIO.apiKey]: TWILIO.apiSecret },
      deliver: (url) => url.replace(TWILIO.publicUrl, base),
    });
    const setup = await setUpTaskRouter({
      accountSid: TWILIO.accountSid,
      username: TWILIO.apiKey,
      password: TWILIO.apiSecret,
      workspaceName: 'Tapline test utility',
      publicUrl: TWILIO.publicUrl,
      plan: routingPlan(defaultRoutingSettings),
      httpClient: fake.httpClient,
    });
    workspaceSid = setup.workspaceSid;
    workflowSid = setup.workflowSid;
    app = Fastify();
    await app.register(telephonyPlugin, {
      db: s.db,
      auth: sessionAuth(s.db),
      config: config(),
      rest: noRest,
      taskRouterHttpClient: fake.httpClient,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // Seeding the database takes minutes on a loaded machine.
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  it('a Spanish caller becomes a task, reserved to the Spanish-speaking agent, answered with the conference instruction', async () => {
    // The English-only agent is available first: idle longest, they would get any call they can take.
    expect((await available('agent')).status).toBe(200);
    fake.advance(60_000);
    expect((await available('agente')).status).toBe(200);
    await fake.settle();

    const caller = await phoneOf('es');
    const callSid = `CA${'5'.repeat(32)}`;
    const res = await webhook('/twilio/voice?reason=past-due', {
      CallSid: callSid,
      From: caller.from,
    });
    expect(res.status).toBe(200);
    const root = new DOMParser().parseFromString(await res.text(), 'text/xml').documentElement!;
    // Greeted in Spanish, then enqueued into the workflow (no conference of the server's own).
    expect(root.getElementsByTagName('Say')[0]?.getAttribute('language')).toBe('es-MX');
    expect(root.getElementsByTagName('Dial')).toHaveLength(0);
    const enqueue = root.getElementsByTagName('Enqueue')[0]!;
    expect(enqueue.getAttribute('workflowSid')).toBe(workflowSid);
    const task = enqueue.getElementsByTagName('Task')[0]!;
    const attributes = JSON.parse(task.textContent ?? '') as Record<string, unknown>;
    expect(attributes).toEqual({
      call_sid: callSid,
      from: caller.from,
      language: 'es',
      reason: 'past-due',
      account: caller.account,
    });
    expect(fake.dialled).toHaveLength(0);

    await twilioMakesTheTask(task.textContent ?? '');
    await fake.settle();
    // Past due wants the collections skill, which neither agent has: the call waits for one,
    // then widens to every agent with the caller's language.
    expect(fake.dialled).toHaveLength(0);
    fake.advance(defaultRoutingSettings.skillWaitSeconds * 1000);
    await fake.settle();

    // Reserved to the Spanish-speaking agent, never the English-only one who waited longer.
    expect(fake.dialled).toHaveLength(1);
    const [dialled] = fake.dialled;
    expect(dialled.to).toBe(`client:${agents.agente.principal.userId}`);
    const ws = fake.workspaces.get(workspaceSid)!;
    const wrapUp = [...ws.activities.values()].find((a) => a.friendly_name === 'Wrap-up')!;
    expect(dialled.instruction).toEqual({
      instruction: 'conference',
      from: TWILIO.callerId,
      post_work_activity_sid: wrapUp.sid,
    });
    // The assignment callback reached the server's route, signed, and was answered.
    const assignment = fake.delivered.filter((d) =>
      d.url.endsWith('/twilio/taskrouter/assignment'),
    );
    expect(assignment).toHaveLength(1);
    expect(assignment[0].status).toBe(200);
    expect(JSON.parse(assignment[0].params.TaskAttributes)).toEqual(attributes);
  });

  it('a caller whose number is not on file is still asked the language first', async () => {
    const res = await webhook('/twilio/voice', { CallSid: `CA${'6'.repeat(32)}`, From: '+1999' });
    const root = new DOMParser().parseFromString(await res.text(), 'text/xml').documentElement!;
    expect(root.getElementsByTagName('Gather')).toHaveLength(1);
    expect(root.getElementsByTagName('Enqueue')).toHaveLength(0);
  });

  it('a reason the IVR does not know is refused, not passed to the workflow', async () => {
    const caller = await phoneOf('en');
    const res = await webhook('/twilio/voice?reason=%22%20OR%201%3D%3D1', {
      CallSid: `CA${'7'.repeat(32)}`,
      From: caller.from,
    });
    expect(res.status).toBe(400);
  });

  it('refuses to start with a clear message when a setting is missing', async () => {
    expect(routingSettingsProblem({})).toBeNull();
    expect(routingSettingsProblem(config())).toBeNull();
    expect(routingSettingsProblem({ ...config(), routing: 'round-robin' })).toBe(
      'TAPLINE_ROUTING "round-robin" is not in-process or taskrouter',
    );
    expect(routingSettingsProblem({ ...config(), workflowSid: undefined })).toBe(
      'TAPLINE_ROUTING=taskrouter needs TWILIO_WORKFLOW_SID (twilio-setup prints the workspace and workflow SIDs)',
    );
    const fromEnv = telephonyConfigFromEnv({ TAPLINE_ROUTING: 'taskrouter' });
    expect(routingSettingsProblem(fromEnv)).toContain(
      'needs TWILIO_WORKSPACE_SID, TWILIO_WORKFLOW_SID, TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_AUTH_TOKEN, TAPLINE_PUBLIC_URL',
    );
    const other = Fastify();
    await expect(
      other.register(telephonyPlugin, {
        db: s.db,
        auth: sessionAuth(s.db),
        config: { ...config(), workspaceSid: '' },
      }),
    ).rejects.toThrow('TAPLINE_ROUTING=taskrouter needs TWILIO_WORKSPACE_SID');
    await other.close().catch(() => {});
  });
});
