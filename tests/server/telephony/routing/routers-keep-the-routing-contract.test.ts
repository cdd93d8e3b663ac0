import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessRouter } from '../../../../server/telephony/routing/in-process-router';
import type {
  CallRouter,
  CallToRoute,
  Offer,
  RoutingEvent,
  WorkerProfile,
} from '../../../../shared/telephony/routing';
import { defaultRoutingSettings, routingPlan } from '../../../../shared/telephony/routing-plan';
import { FakeClock } from '../../../support/fake-clock';
import { type RouterHarness, taskRouterHarness } from './taskrouter-harness';

/**
 * One suite of the routing contract (shared/telephony/routing.ts), run against both adapters:
 * the in-process router on a fake clock, and the TaskRouter adapter against the fake TaskRouter
 * (its REST API through the `twilio` library, its signed callbacks over HTTP to our routes).
 */
const settings = defaultRoutingSettings;
const plan = routingPlan(settings);

function inProcessHarness(): RouterHarness {
  const clock = new FakeClock();
  clock.now = Date.UTC(2026, 11, 7, 15);
  const router = inProcessRouter({
    plan,
    clock: {
      now: () => clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    },
  });
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    router,
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    async close() {},
  };
}

const harnesses: [string, () => Promise<RouterHarness>][] = [
  ['the in-process router', async () => inProcessHarness()],
  ['the TaskRouter adapter (fake TaskRouter)', () => taskRouterHarness(plan)],
];

const worker = (
  agentId: string,
  languages: ('en' | 'es')[],
  skills: WorkerProfile['skills'] = [],
): WorkerProfile => ({ agentId, name: agentId, languages, skills });

let calls = 0;
const caller = (language: 'en' | 'es', reason: string | null = null): CallToRoute => {
  calls += 1;
  return {
    callSid: `CA${calls.toString(16).padStart(32, '0')}`,
    from: `+1215555${String(1000 + calls).slice(-4)}`,
    language,
    reason,
  };
};

describe.each(harnesses)('%s keeps the routing contract', (_name, make) => {
  let h: RouterHarness;
  let router: CallRouter;
  let events: RoutingEvent[];
  const offers = () => events.filter((e) => e.type === 'offered').map((e) => e.offer);
  const lastOffer = (): Offer => {
    const all = offers();
    expect(all.length).toBeGreaterThan(0);
    return all[all.length - 1];
  };

  beforeEach(async () => {
    h = await make();
    router = h.router;
    events = [];
    router.on((e) => events.push(e));
  });
  afterEach(async () => {
    await h.close();
  });

  const ready = async (...workers: WorkerProfile[]) => {
    for (const w of workers) {
      await router.upsertWorker(w);
      await router.setActivity(w.agentId, 'available');
      // Idle longest first: each agent becomes available a second after the one before.
      await h.advance(1000);
    }
    await h.settle();
  };

  it('offers a caller to an available agent who speaks their language, and the agent takes it', async () => {
    await ready(worker('ben', ['en']), worker('carla', ['es']));
    const call = caller('es');
    const { taskId } = await router.enqueue(call);
    await h.settle();
    expect(offers()).toHaveLength(1);
    const offer = lastOffer();
    expect(offer).toMatchObject({ taskId, agentId: 'carla', call });
    await router.accept(offer);
    await h.settle();
    expect(events).toContainEqual({
      type: 'accepted',
      offer: { taskId, reservationId: offer.reservationId, agentId: 'carla' },
    });
  });

  it('keeps a caller waiting until an agent with their language is available, whoever else is', async () => {
    await ready(worker('ben', ['en']));
    const { taskId } = await router.enqueue(caller('es'));
    await h.advance(5 * 60_000);
    expect(offers()).toHaveLength(0);
    await ready(worker('carla', ['es']));
    expect(lastOffer()).toMatchObject({ taskId, agentId: 'carla' });
  });

  it('offers the agent who has been available longest', async () => {
    await ready(worker('ana', ['en']), worker('ben', ['en']));
    await router.enqueue(caller('en'));
    await h.settle();
    expect(lastOffer().agentId).toBe('ana');
  });

  it('offers nothing to an agent on Break, Lunch, Training or Offline, and holds the activity the desk set', async () => {
    await ready(worker('ben', ['en']));
    for (const activity of ['break', 'lunch', 'training', 'offline'] as const) {
      await router.setActivity('ben', activity);
      await h.settle();
      expect(await router.activity('ben')).toBe(activity);
    }
    await router.enqueue(caller('en'));
    await h.advance(10 * 60_000);
    expect(offers()).toHaveLength(0);
    expect(events).toContainEqual({ type: 'activity', agentId: 'ben', activity: 'lunch' });
    expect(await router.activity('nobody')).toBeNull();
  });

  it('gives a rejected call to the next agent, never back to the one who declined; they stay Available', async () => {
    await ready(worker('ana', ['en']), worker('ben', ['en']));
    const { taskId } = await router.enqueue(caller('en'));
    await h.settle();
    const first = lastOffer();
    expect(first.agentId).toBe('ana');
    await router.reject(first);
    await h.settle();
    expect(events).toContainEqual({
      type: 'rejected',
      offer: { taskId, reservationId: first.reservationId, agentId: 'ana' },
    });
    const second = lastOffer();
    expect(second).toMatchObject({ taskId, agentId: 'ben' });
    expect(second.reservationId).not.toBe(first.reservationId);
    expect(await router.activity('ana')).toBe('available');
    // Ben declines too: nobody is left who has not declined it, so it waits.
    await router.reject(second);
    await h.advance(60_000);
    expect(offers()).toHaveLength(2);
  });

  it('times out an offer left ringing: the agent goes Not ready and the call goes to the next agent', async () => {
    await ready(worker('ana', ['en']), worker('ben', ['en']));
    const { taskId } = await router.enqueue(caller('en'));
    await h.settle();
    const first = lastOffer();
    await h.advance(settings.reservationTimeoutSeconds * 1000 - 1000);
    expect(offers()).toHaveLength(1);
    await h.advance(1000);
    expect(events).toContainEqual({
      type: 'timed-out',
      offer: { taskId, reservationId: first.reservationId, agentId: 'ana' },
    });
    expect(await router.activity('ana')).toBe('not-ready');
    expect(lastOffer()).toMatchObject({ taskId, agentId: 'ben' });
  });

  it('routes a reason to an agent with the skill first, and widens to any agent with the language after the wait', async () => {
    await ready(worker('ana', ['en']), worker('bill', ['en'], ['billing']));
    const { taskId } = await router.enqueue(caller('en', 'high-bill'));
    await h.settle();
    // Ana has waited longer, but Bill has the skill.
    expect(lastOffer()).toMatchObject({ taskId, agentId: 'bill' });
    await router.accept(lastOffer());

    const next = await router.enqueue(caller('en', 'billing-question'));
    await h.advance(settings.skillWaitSeconds * 1000 - 1000);
    expect(offers().filter((o) => o.taskId === next.taskId)).toHaveLength(0);
    await h.advance(1000);
    expect(lastOffer()).toMatchObject({ taskId: next.taskId, agentId: 'ana' });
  });

  it('routes by the skills a lead sets: a skill given makes the agent the first choice, a skill taken away stops it', async () => {
    await ready(worker('ana', ['en']), worker('ben', ['en']));
    await router.upsertWorker(worker('ben', ['en'], ['collections']));
    const first = await router.enqueue(caller('en', 'past-due'));
    await h.settle();
    expect(lastOffer()).toMatchObject({ taskId: first.taskId, agentId: 'ben' });
    await router.accept(lastOffer());
    await router.wrapUp(first.taskId);
    await router.complete(first.taskId);
    await router.upsertWorker(worker('ben', ['en']));
    await router.setActivity('ben', 'available');
    await router.setActivity('ana', 'break');
    const second = await router.enqueue(caller('en', 'past-due'));
    await h.advance(settings.skillWaitSeconds * 1000 - 1000);
    expect(offers().filter((o) => o.taskId === second.taskId)).toHaveLength(0);
    await h.advance(1000);
    expect(lastOffer()).toMatchObject({ taskId: second.taskId, agentId: 'ben' });
  });

  it('lets an emergency skip the line of callers already waiting', async () => {
    await ready(worker('ben', ['en'], ['billing', 'emergencies']));
    await router.setActivity('ben', 'break');
    const billing = await router.enqueue(caller('en', 'high-bill'));
    await h.advance(1000);
    const leak = await router.enqueue(caller('en', 'leak'));
    await h.advance(1000);
    await router.setActivity('ben', 'available');
    await h.settle();
    expect(offers().map((o) => o.taskId)).toEqual([leak.taskId]);
    await router.accept(lastOffer());
    await router.wrapUp(leak.taskId);
    await router.complete(leak.taskId);
    await router.setActivity('ben', 'available');
    await h.settle();
    expect(lastOffer().taskId).toBe(billing.taskId);
  });

  it('transfers a call to a named agent only, ending the first task', async () => {
    await ready(worker('ana', ['en']), worker('ben', ['en']), worker('cy', ['en']));
    const first = await router.enqueue(caller('en'));
    await h.settle();
    await router.accept(lastOffer());
    const { taskId } = await router.transfer(first.taskId, { kind: 'agent', to: 'cy' });
    await h.settle();
    expect(taskId).not.toBe(first.taskId);
    expect(events).toContainEqual({ type: 'completed', taskId: first.taskId });
    // Ben has waited longer than Cy, but the transfer names Cy.
    expect(lastOffer()).toMatchObject({ taskId, agentId: 'cy' });
  });

  it('transfers a call to a queue: its agents with the language, never back to the agent handing it over', async () => {
    await ready(
      worker('ana', ['en'], ['collections']),
      worker('ben', ['en']),
      worker('col', ['en'], ['collections']),
    );
    const first = await router.enqueue(caller('en'));
    await h.settle();
    expect(lastOffer().agentId).toBe('ana');
    await router.accept(lastOffer());
    const { taskId } = await router.transfer(first.taskId, { kind: 'queue', to: 'Collections' });
    await h.settle();
    // Ana is in Collections and free once her task ends, but she is the one transferring.
    expect(lastOffer()).toMatchObject({ taskId, agentId: 'col' });
    await router.reject(lastOffer());
    await h.advance(60_000);
    expect(
      offers()
        .filter((o) => o.taskId === taskId)
        .map((o) => o.agentId),
    ).toEqual(['col']);
  });

  it('wraps a call up: no call is offered in Wrap-up, the next one after the agent is Available', async () => {
    await ready(worker('ben', ['en']));
    const first = await router.enqueue(caller('en'));
    await h.settle();
    await router.accept(lastOffer());
    await router.wrapUp(first.taskId);
    await h.settle();
    expect(events).toContainEqual({ type: 'wrapping', taskId: first.taskId });
    expect(await router.activity('ben')).toBe('wrap-up');
    const second = await router.enqueue(caller('en'));
    await h.advance(60_000);
    expect(offers()).toHaveLength(1);
    await router.complete(first.taskId);
    await router.setActivity('ben', 'available');
    await h.settle();
    expect(events).toContainEqual({ type: 'completed', taskId: first.taskId });
    expect(lastOffer()).toMatchObject({ taskId: second.taskId, agentId: 'ben' });
  });

  it('cancels a call whose caller hung up while it rang: the agent is free for the next', async () => {
    await ready(worker('ben', ['en']));
    const first = await router.enqueue(caller('en'));
    await h.settle();
    await router.cancel(first.taskId);
    await h.settle();
    expect(events).toContainEqual({ type: 'canceled', taskId: first.taskId });
    const second = await router.enqueue(caller('en'));
    await h.settle();
    expect(lastOffer()).toMatchObject({ taskId: second.taskId, agentId: 'ben' });
  });

  it('never offers one call to two agents at once, nor one agent two calls', async () => {
    const team = ['a1', 'a2', 'a3'].map((id) => worker(id, ['en', 'es']));
    await ready(...team);
    const tasks: string[] = [];
    for (let i = 0; i < 12; i++)
      tasks.push((await router.enqueue(caller(i % 2 ? 'es' : 'en'))).taskId);
    await h.settle();
    // Each round, every agent with an offer declines one call in three (a call once at most) and
    // takes the rest, then
    // wraps up and is Available again.
    const taken = new Map<string, string>();
    const declined = new Set<string>();
    for (let round = 0; round < 12 && taken.size < tasks.length; round++) {
      const open = offers().filter(
        (o) =>
          !events.some(
            (e) =>
              (e.type === 'rejected' || e.type === 'accepted' || e.type === 'timed-out') &&
              e.offer.reservationId === o.reservationId,
          ),
      );
      expect(new Set(open.map((o) => o.agentId)).size).toBe(open.length);
      expect(new Set(open.map((o) => o.taskId)).size).toBe(open.length);
      for (const [i, o] of open.entries()) {
        if ((round + i) % 3 === 2 && !declined.has(o.taskId)) {
          declined.add(o.taskId);
          await router.reject(o);
          continue;
        }
        await router.accept(o);
        expect(taken.has(o.taskId)).toBe(false);
        taken.set(o.taskId, o.agentId);
        await router.wrapUp(o.taskId);
        await router.complete(o.taskId);
        await router.setActivity(o.agentId, 'available');
      }
      await h.settle();
    }
    expect([...taken.keys()].sort()).toEqual([...tasks].sort());
  });
});
