import {
  activityNames,
  type CallRouter,
  type CallToRoute,
  type RoutingActivity,
  type RoutingEvent,
  type RoutingTransferTarget,
  routingActivities,
} from '../../../shared/telephony/routing';
import { type EngineEvent, RoutingEngine } from '../../../shared/telephony/routing-engine';
import {
  defaultRoutingSettings,
  type RoutingPlan,
  routingPlan,
  workflowDocument,
} from '../../../shared/telephony/routing-plan';

export interface RouterClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(t: ReturnType<typeof setTimeout>): void;
}

const realClock: RouterClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (t) => clearTimeout(t),
};

const activityByName = new Map(routingActivities.map((a) => [activityNames[a].name, a]));

/**
 * The routing contract kept in this server's memory: the routing plan run by the same engine
 * rules TaskRouter documents, on one process. The training default: nothing to set up, and lost
 * with the process (several instances need the TaskRouter adapter).
 */
export function inProcessRouter(
  options: { plan?: RoutingPlan; clock?: RouterClock } = {},
): CallRouter {
  const plan = options.plan ?? routingPlan(defaultRoutingSettings);
  const clock = options.clock ?? realClock;
  const listeners = new Set<(e: RoutingEvent) => void>();
  const send = (e: RoutingEvent) => {
    for (const l of listeners) l(e);
  };
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const translate = (e: EngineEvent) => {
    switch (e.type) {
      case 'reservation.created': {
        const a = e.task.attributes;
        send({
          type: 'offered',
          offer: {
            taskId: e.task.id,
            reservationId: e.reservation.id,
            agentId: e.worker.id,
            queue: e.task.queue,
            call: {
              callSid: String(a.call_sid),
              from: String(a.from),
              language: a.language as 'en' | 'es',
              reason: (a.reason as string | null) ?? null,
            },
          },
        });
        break;
      }
      case 'reservation.accepted':
      case 'reservation.rejected':
      case 'reservation.timeout':
        send({
          type:
            e.type === 'reservation.accepted'
              ? 'accepted'
              : e.type === 'reservation.rejected'
                ? 'rejected'
                : 'timed-out',
          offer: { taskId: e.task.id, reservationId: e.reservation.id, agentId: e.worker.id },
        });
        break;
      case 'task.wrapup':
        send({ type: 'wrapping', taskId: e.task.id });
        break;
      case 'task.completed':
        send({ type: 'completed', taskId: e.task.id });
        break;
      case 'task.canceled':
        send({ type: 'canceled', taskId: e.task.id });
        break;
      case 'worker.activity.update': {
        const activity = activityByName.get(e.worker.activity);
        if (activity) send({ type: 'activity', agentId: e.worker.id, activity });
        break;
      }
    }
  };

  const engine = new RoutingEngine({
    workflow: workflowDocument.parse({
      task_routing: {
        filters: plan.filters.map((f) => ({
          filter_friendly_name: f.name,
          expression: f.expression,
          targets: f.targets,
        })),
        default_filter: { queue: plan.defaultQueue },
      },
    }),
    queues: Object.fromEntries(plan.queues.map((q) => [q.name, q.targetWorkers])),
    reservationTimeoutMs: plan.reservationTimeoutSeconds * 1000,
    timeoutActivity: activityNames['not-ready'],
    newId: (kind) => `${kind}-${++seq}`,
    emit: (e) => queueMicrotask(() => translate(e)),
  });

  /** One timer, for whatever is due next: a ring that times out, a call that widens. */
  const schedule = () => {
    if (timer) clock.clearTimeout(timer);
    timer = null;
    const due = engine.nextDue();
    if (due === null) return;
    timer = clock.setTimeout(
      () => {
        timer = null;
        engine.advance(clock.now());
        schedule();
      },
      Math.max(0, due - clock.now()),
    );
  };
  const run = <T>(fn: () => T): T => {
    const result = fn();
    schedule();
    return result;
  };
  const taskOf = (id: string) => {
    const task = engine.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    return task;
  };

  return {
    kind: 'in-process',
    async upsertWorker(w) {
      run(() =>
        engine.upsertWorker(
          w.agentId,
          w.name,
          { agent_id: w.agentId, languages: w.languages, skills: w.skills },
          clock.now(),
        ),
      );
    },
    async setActivity(agentId, activity) {
      run(() => engine.setActivity(agentId, activityNames[activity], clock.now()));
    },
    async activity(agentId) {
      const w = engine.workers.get(agentId);
      return w ? (activityByName.get(w.activity) ?? null) : null;
    },
    async enqueue(call: CallToRoute) {
      const id = `task-${++seq}`;
      run(() => engine.createTask(id, taskAttributes(call), clock.now()));
      return { taskId: id };
    },
    async accept(offer) {
      run(() => engine.updateReservation(offer.reservationId, 'accepted', clock.now()));
    },
    async reject(offer) {
      run(() => engine.updateReservation(offer.reservationId, 'rejected', clock.now()));
    },
    async transfer(taskId, target) {
      const task = taskOf(taskId);
      const {
        transfer_to_agent: _a,
        transfer_to_queue: _q,
        transferred_by: _b,
        ...attributes
      } = task.attributes;
      const id = `task-${++seq}`;
      // The new task first, so a failure leaves the caller with the agent who has them.
      run(() => {
        engine.createTask(
          id,
          {
            ...attributes,
            ...transferAttributes(target, task.workerId),
          },
          clock.now(),
        );
        engine.updateTask(taskId, 'completed', clock.now());
      });
      return { taskId: id };
    },
    async wrapUp(taskId) {
      const task = taskOf(taskId);
      run(() => {
        engine.updateTask(taskId, 'wrapping', clock.now());
        if (task.workerId) engine.setActivity(task.workerId, activityNames['wrap-up'], clock.now());
      });
    },
    async complete(taskId) {
      run(() => engine.updateTask(taskId, 'completed', clock.now()));
    },
    async cancel(taskId) {
      run(() => engine.updateTask(taskId, 'canceled', clock.now()));
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What a transferred call's new task carries: the target, and who handed it over (not offered it back). */
export function transferAttributes(
  target: RoutingTransferTarget,
  by: string | null,
): Record<string, unknown> {
  return {
    ...(target.kind === 'agent'
      ? { transfer_to_agent: target.to }
      : { transfer_to_queue: target.to }),
    ...(by ? { transferred_by: by } : {}),
  };
}

/** A call's task attributes, as the workflow's filters read them (TaskRouter's, too). */
export function taskAttributes(call: CallToRoute): Record<string, unknown> {
  return {
    call_sid: call.callSid,
    from: call.from,
    language: call.language,
    reason: call.reason,
  };
}

export type { RoutingActivity };
