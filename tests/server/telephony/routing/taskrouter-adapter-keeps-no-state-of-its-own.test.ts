import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskRouterRouter } from '../../../../server/telephony/routing/taskrouter-router';
import { setUpTaskRouter } from '../../../../server/telephony/routing/taskrouter-setup';
import type { Offer, RoutingEvent } from '../../../../shared/telephony/routing';
import { routingPlan } from '../../../../shared/telephony/routing-plan';
import { FakeTaskRouter } from '../../../support/fake-taskrouter';
import { serveTaskRouterRoutes, TWILIO } from './taskrouter-harness';

/**
 * Two server instances, each with its own TaskRouter adapter, behind a round robin: TaskRouter's
 * callbacks land on either in turn, and each command is sent through the instance that did not
 * hear of the offer. Nothing is lost and nothing is offered twice, because the state is
 * TaskRouter's.
 */
describe('the TaskRouter adapter on two instances behind a round robin', () => {
  let fake: FakeTaskRouter;
  const instances: {
    router: ReturnType<typeof taskRouterRouter>;
    base: string;
    close: () => Promise<void>;
  }[] = [];
  const heard: { instance: number; event: RoutingEvent }[] = [];
  let turn = 0;

  beforeAll(async () => {
    fake = new FakeTaskRouter({
      accountSid: TWILIO.accountSid,
      authToken: TWILIO.authToken,
      keys: { [TWILIO.apiKey]: TWILIO.apiSecret },
      deliver: (url) => {
        const to = instances[turn % instances.length].base;
        turn += 1;
        return url.replace(TWILIO.publicUrl, to);
      },
    });
    const setup = await setUpTaskRouter({
      accountSid: TWILIO.accountSid,
      username: TWILIO.apiKey,
      password: TWILIO.apiSecret,
      workspaceName: 'Two instances',
      publicUrl: TWILIO.publicUrl,
      plan: routingPlan(),
      httpClient: fake.httpClient,
    });
    for (let i = 0; i < 2; i++) {
      const router = taskRouterRouter({
        accountSid: TWILIO.accountSid,
        apiKey: TWILIO.apiKey,
        apiSecret: TWILIO.apiSecret,
        workspaceSid: setup.workspaceSid,
        workflowSid: setup.workflowSid,
        httpClient: fake.httpClient,
      });
      router.on((event) => heard.push({ instance: i, event }));
      const served = await serveTaskRouterRoutes(router);
      instances.push({ router, base: served.base, close: () => served.app.close() });
    }
  });
  afterAll(async () => {
    for (const i of instances) await i.close();
  });

  it('routes 40 calls over 4 agents: each offered to one agent at a time, each taken once', async () => {
    const agents = ['a1', 'a2', 'a3', 'a4'];
    for (const [n, agentId] of agents.entries()) {
      const via = instances[n % 2].router;
      await via.upsertWorker({ agentId, name: agentId, languages: ['en', 'es'], skills: [] });
      await via.setActivity(agentId, 'available');
    }
    const tasks: string[] = [];
    for (let n = 0; n < 40; n++) {
      const { taskId } = await instances[n % 2].router.enqueue({
        callSid: `CA${n.toString(16).padStart(32, '0')}`,
        from: `+1267555${String(n).padStart(4, '0')}`,
        language: n % 3 ? 'en' : 'es',
        reason: null,
      });
      tasks.push(taskId);
    }
    await fake.settle();
    const taken = new Map<string, string>();
    const handled = new Set<string>();
    for (let round = 0; round < 20 && taken.size < tasks.length; round++) {
      const open: { instance: number; offer: Offer }[] = heard.flatMap((h) =>
        h.event.type === 'offered' && !handled.has(h.event.offer.reservationId)
          ? [{ instance: h.instance, offer: h.event.offer }]
          : [],
      );
      expect(new Set(open.map((o) => o.offer.agentId)).size).toBe(open.length);
      expect(new Set(open.map((o) => o.offer.taskId)).size).toBe(open.length);
      for (const { instance, offer } of open) {
        handled.add(offer.reservationId);
        // The other instance: it never heard of this offer.
        const other = instances[1 - instance].router;
        await other.accept(offer);
        expect(taken.has(offer.taskId)).toBe(false);
        taken.set(offer.taskId, offer.agentId);
        await other.wrapUp(offer.taskId);
        await instances[instance].router.complete(offer.taskId);
        await other.setActivity(offer.agentId, 'available');
      }
      await fake.settle();
    }
    expect([...taken.keys()].sort()).toEqual([...tasks].sort());
    // Both instances took callbacks, and every one was answered 2xx.
    const offeredOn = new Set(
      heard.filter((h) => h.event.type === 'offered').map((h) => h.instance),
    );
    expect(offeredOn).toEqual(new Set([0, 1]));
    expect(fake.delivered.every((d) => d.status === 200 || d.status === 204)).toBe(true);
    // Each call was accepted once, whichever instance heard it.
    const accepted = heard.filter((h) => h.event.type === 'accepted');
    expect(accepted).toHaveLength(40);
  });
});
