import { describe, expect, it } from 'vitest';
import { twilioSetupCommand } from '../../cli/commands/twilio-setup';
import { activityNames, routingActivities } from '../../shared/telephony/routing';
import {
  defaultRoutingSettings,
  routingPlan,
  workflowDocument,
} from '../../shared/telephony/routing-plan';
import { FakeTaskRouter } from '../support/fake-taskrouter';
import { runCli } from './run-cli';

const ENV = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000002',
  TWILIO_AUTH_TOKEN: 'auth-token-of-the-utility',
};

function setup(fake: FakeTaskRouter, argv: string[], env: NodeJS.ProcessEnv = ENV) {
  const out: string[] = [];
  const err: string[] = [];
  const command = twilioSetupCommand(fake.httpClient, env);
  return command
    .run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
    .then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

const ARGS = ['--workspace', 'Philadelphia Water', '--public-url', 'https://cis.utility.example'];
const writes = (fake: FakeTaskRouter) => fake.requests.filter((r) => r.method === 'POST');

describe('npm run cli -- twilio-setup, against the fake TaskRouter', () => {
  it('creates the workspace, the desk’s activities, the queues and the workflow with its callbacks', async () => {
    const fake = new FakeTaskRouter({
      accountSid: ENV.TWILIO_ACCOUNT_SID,
      authToken: ENV.TWILIO_AUTH_TOKEN,
    });
    const r = await setup(fake, [...ARGS, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as {
      workspaceSid: string;
      workflowSid: string;
      changes: string[];
    };
    const ws = fake.workspaces.get(result.workspaceSid)!;
    expect(ws.friendly_name).toBe('Philadelphia Water');
    expect(ws.event_callback_url).toBe('https://cis.utility.example/twilio/taskrouter/events');
    expect(ws.events_filter).toContain('reservation.timeout');
    const names = [...ws.activities.values()].map((a) => [a.friendly_name, a.available]);
    for (const a of routingActivities)
      expect(names).toContainEqual([activityNames[a].name, activityNames[a].available]);
    expect(ws.activities.get(ws.timeout_activity_sid)?.friendly_name).toBe('Not ready');
    const plan = routingPlan(defaultRoutingSettings);
    expect([...ws.queues.values()].map((q) => [q.friendly_name, q.target_workers])).toEqual(
      plan.queues.map((q) => [q.name, q.targetWorkers]),
    );
    const wf = ws.workflows.get(result.workflowSid)!;
    expect(wf.assignment_callback_url).toBe(
      'https://cis.utility.example/twilio/taskrouter/assignment',
    );
    expect(wf.task_reservation_timeout).toBe(defaultRoutingSettings.reservationTimeoutSeconds);
    const config = workflowDocument.parse(JSON.parse(wf.configuration));
    // Targets name queues by SID, as TaskRouter requires.
    for (const f of config.task_routing.filters)
      for (const t of f.targets) expect(ws.queues.has(t.queue)).toBe(true);
    const emergency = config.task_routing.filters.find(
      (f) => f.filter_friendly_name === 'Emergencies',
    )!;
    expect(emergency.targets[0]).toMatchObject({
      priority: defaultRoutingSettings.emergencyPriority,
      timeout: defaultRoutingSettings.emergencyWaitSeconds,
    });
  });

  it('changes nothing when run a second time', async () => {
    const fake = new FakeTaskRouter({
      accountSid: ENV.TWILIO_ACCOUNT_SID,
      authToken: ENV.TWILIO_AUTH_TOKEN,
    });
    const first = await setup(fake, ARGS);
    expect(first.code).toBe(0);
    const before = writes(fake).length;
    expect(before).toBeGreaterThan(0);
    const second = await setup(fake, ARGS);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing to change');
    expect(writes(fake).length).toBe(before);
    expect(fake.workspaces.size).toBe(1);
    // The same SIDs printed both times.
    expect(second.out.split('\n').slice(-2)).toEqual(first.out.split('\n').slice(-2));
  });

  it('puts back what was changed by hand, and only that; a new wait is written into the workflow', async () => {
    const fake = new FakeTaskRouter({
      accountSid: ENV.TWILIO_ACCOUNT_SID,
      authToken: ENV.TWILIO_AUTH_TOKEN,
    });
    await setup(fake, ARGS);
    const ws = [...fake.workspaces.values()][0];
    const billing = [...ws.queues.values()].find((q) => q.friendly_name === 'Billing')!;
    billing.target_workers = '1==1';
    const before = writes(fake).length;
    const again = await setup(fake, ARGS);
    expect(again.out).toContain('- task queue Billing workers set');
    expect(again.out).not.toContain('workflow');
    expect(writes(fake).length).toBe(before + 1);
    expect(billing.target_workers).toBe('skills HAS "billing"');

    const wider = await setup(fake, [...ARGS, '--skill-wait', '90']);
    expect(wider.out).toContain('- workflow configuration set');
    const wf = [...ws.workflows.values()][0];
    const config = workflowDocument.parse(JSON.parse(wf.configuration));
    expect(
      config.task_routing.filters.find((f) => f.filter_friendly_name === 'Billing')?.targets[0]
        .timeout,
    ).toBe(90);
  });

  it('reports an activity whose availability is wrong, which TaskRouter will not let it change', async () => {
    const fake = new FakeTaskRouter({
      accountSid: ENV.TWILIO_ACCOUNT_SID,
      authToken: ENV.TWILIO_AUTH_TOKEN,
    });
    await setup(fake, ARGS);
    const ws = [...fake.workspaces.values()][0];
    const lunch = [...ws.activities.values()].find((a) => a.friendly_name === 'Lunch')!;
    lunch.available = true;
    const r = await setup(fake, ARGS);
    expect(r.code).toBe(1);
    expect(r.err).toContain('activity Lunch is available; it should not be');
  });

  it('refuses bad input before calling Twilio, and wrong credentials are Twilio’s 401', async () => {
    const fake = new FakeTaskRouter({
      accountSid: ENV.TWILIO_ACCOUNT_SID,
      authToken: ENV.TWILIO_AUTH_TOKEN,
    });
    await expect(
      setup(fake, ['--workspace', 'W', '--public-url', 'http://plain.example']),
    ).rejects.toThrow(/https address/);
    await expect(setup(fake, [...ARGS, '--ring', '4'])).rejects.toThrow(/ring/);
    await expect(setup(fake, [...ARGS, '--skill-wait', '3601'])).rejects.toThrow(
      /skillWaitSeconds/,
    );
    await expect(setup(fake, ARGS, {})).rejects.toThrow(/TWILIO_ACCOUNT_SID/);
    expect(fake.requests).toHaveLength(0);
    await expect(
      setup(fake, ARGS, { ...ENV, TWILIO_AUTH_TOKEN: 'not-the-token' }),
    ).rejects.toMatchObject({ status: 401 });
    expect(fake.workspaces.size).toBe(0);
  });

  it('is a command of the command line, and says its usage without credentials', () => {
    const {
      TWILIO_ACCOUNT_SID: _a,
      TWILIO_AUTH_TOKEN: _t,
      TWILIO_API_KEY: _k,
      ...env
    } = process.env;
    const r = runCli(['twilio-setup', ...ARGS], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
    expect(r.stderr).toContain('twilio-setup --workspace');
  });
});
