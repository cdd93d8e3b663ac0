import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taskRouterRoutes } from '../../../../server/telephony/routing/taskrouter-routes';
import type { RoutingEvent } from '../../../../shared/telephony/routing';
import { routingPlan } from '../../../../shared/telephony/routing-plan';
import { twilioSignature } from '../../../support/fake-taskrouter';
import {
  noSessions,
  type TaskRouterHarness,
  TWILIO,
  taskRouterHarness,
} from './taskrouter-harness';

/** TaskRouter's side of the adapter: the callbacks as TaskRouter sends them, and what we answer. */
describe('the TaskRouter callbacks', () => {
  let h: TaskRouterHarness;
  let events: RoutingEvent[];
  beforeEach(async () => {
    h = await taskRouterHarness(routingPlan());
    events = [];
    h.router.on((e) => events.push(e));
  });
  afterEach(async () => {
    await h.close();
  });

  const post = (path: string, params: Record<string, string>, signature: string | null) =>
    fetch(`${h.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature === null ? {} : { 'x-twilio-signature': signature }),
      },
      body: new URLSearchParams(params).toString(),
    });

  it('answers a reservation with the conference instruction: the agent’s softphone is dialled, Wrap-up after', async () => {
    await h.router.upsertWorker({ agentId: 'ben', name: 'Ben', languages: ['en'], skills: [] });
    await h.router.setActivity('ben', 'available');
    const { taskId } = await h.router.enqueue({
      callSid: `CA${'1'.repeat(32)}`,
      from: '+12155550101',
      language: 'en',
      reason: null,
    });
    await h.settle();
    expect(h.fake.dialled).toHaveLength(1);
    const [dialled] = h.fake.dialled;
    expect(dialled.taskSid).toBe(taskId);
    expect(dialled.to).toBe('client:ben');
    const ws = h.fake.workspaces.get(h.workspaceSid)!;
    const wrapUp = [...ws.activities.values()].find((a) => a.friendly_name === 'Wrap-up')!;
    expect(dialled.instruction).toEqual({
      instruction: 'conference',
      from: TWILIO.callerId,
      post_work_activity_sid: wrapUp.sid,
    });
    // Every callback reached our routes and was taken (200 or 204), none refused.
    expect(h.fake.delivered.length).toBeGreaterThan(0);
    expect(h.fake.delivered.every((d) => d.status === 200 || d.status === 204)).toBe(true);
    expect(h.fake.delivered.map((d) => d.url)).toContain(
      `${TWILIO.publicUrl}/twilio/taskrouter/assignment`,
    );
  });

  const reservationEvent = {
    AccountSid: TWILIO.accountSid,
    EventType: 'reservation.accepted',
    TaskSid: `WT${'2'.repeat(32)}`,
    ReservationSid: `WR${'3'.repeat(32)}`,
    WorkerSid: `WK${'4'.repeat(32)}`,
    WorkerName: 'mallory',
    WorkerAttributes: '{"agent_id":"mallory"}',
  };
  const eventsUrl = `${TWILIO.publicUrl}/twilio/taskrouter/events`;

  it('takes a signed event callback and tells it in the contract’s words', async () => {
    const signed = twilioSignature(TWILIO.authToken, eventsUrl, reservationEvent);
    expect((await post('/twilio/taskrouter/events', reservationEvent, signed)).status).toBe(204);
    expect(events).toEqual([
      {
        type: 'accepted',
        offer: {
          taskId: reservationEvent.TaskSid,
          reservationId: reservationEvent.ReservationSid,
          agentId: 'mallory',
        },
      },
    ]);
  });

  it('refuses with 403, and does nothing, a callback unsigned, signed with another key, for another URL, or altered', async () => {
    const forged = [
      null,
      twilioSignature('not-the-auth-token', eventsUrl, reservationEvent),
      twilioSignature(TWILIO.authToken, `${TWILIO.publicUrl}/twilio/status`, reservationEvent),
      twilioSignature(TWILIO.authToken, eventsUrl, { ...reservationEvent, WorkerName: 'ben' }),
    ];
    for (const signature of forged) {
      const res = await post('/twilio/taskrouter/events', reservationEvent, signature);
      expect(res.status).toBe(403);
    }
    const assignment = { ...reservationEvent, TaskAttributes: '{"call_sid":"CA1"}' };
    const res = await post(
      '/twilio/taskrouter/assignment',
      assignment,
      twilioSignature(
        'not-the-auth-token',
        `${TWILIO.publicUrl}/twilio/taskrouter/assignment`,
        assignment,
      ),
    );
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('instruction');
    expect(events).toEqual([]);
  });

  it('answers 503 when the server has no auth token to check signatures with', async () => {
    const app = Fastify();
    await app.register(taskRouterRoutes, { auth: noSessions, router: h.router });
    const res = await app.inject({
      method: 'POST',
      url: '/twilio/taskrouter/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(reservationEvent).toString(),
    });
    expect(res.statusCode).toBe(503);
    expect(events).toEqual([]);
    await app.close();
  });
});
