import { z } from 'zod';
import type { CallReason } from './call-reasons';
import type { RoutingSkill } from './routing';

/**
 * Routing written as data, in TaskRouter's own shapes: task queues (which workers each holds,
 * a TargetWorkers expression over the worker's attributes) and a workflow (filters over the
 * task's attributes, each with targets tried in turn, each target waiting its timeout before the
 * task widens to the next). The in-process router runs this plan itself; the set-up script
 * writes it into the utility's TaskRouter workspace (queue names become their SIDs).
 */
export interface RoutingPlan {
  queues: PlanQueue[];
  filters: PlanFilter[];
  /** The queue of a task no filter matched. */
  defaultQueue: string;
  /** How long an agent's softphone may ring for an offer before it times out (seconds). */
  reservationTimeoutSeconds: number;
}

export interface PlanQueue {
  name: string;
  targetWorkers: string;
}

export interface PlanTarget {
  queue: string;
  /** A higher priority is offered before every lower one waiting: an emergency skips the line. */
  priority?: number;
  /** Seconds the task waits at this target before widening to the next; absent on the last. */
  timeout?: number;
  /** Which of the queue's workers may take this task (`task.` and `worker.` names). */
  expression?: string;
}

export interface PlanFilter {
  name: string;
  expression: string;
  targets: PlanTarget[];
}

/** Which skill answers which reason the IVR reports; `emergencies` are served first. */
export const skillOfReason: Record<CallReason, RoutingSkill> = {
  leak: 'emergencies',
  'high-bill': 'billing',
  'billing-question': 'billing',
  'past-due': 'collections',
  'payment-arrangement': 'collections',
  'disconnection-notice': 'collections',
  assistance: 'collections',
  'start-service': 'service-orders',
  'stop-service': 'service-orders',
};

/**
 * A utility's routing settings. No utility's figures were gathered for these: the defaults are
 * Tapline's, and each utility sets its own (`TAPLINE_ROUTING_*`, or the set-up's options).
 */
export const routingSettings = z
  .object({
    /** How long a call waits for an agent with the skill before any agent with the language may take it. */
    skillWaitSeconds: z.number().int().min(0).max(3600),
    /** How long an emergency waits for an emergencies agent before any agent with the language. */
    emergencyWaitSeconds: z.number().int().min(0).max(3600),
    /** The agent's ring time: an offer not answered in this long times out. */
    reservationTimeoutSeconds: z.number().int().min(5).max(600),
    /** Task priority of an emergency (others are 0). */
    emergencyPriority: z.number().int().min(1).max(1000),
  })
  .strict();
export type RoutingSettings = z.infer<typeof routingSettings>;

export const defaultRoutingSettings: RoutingSettings = {
  skillWaitSeconds: 60,
  emergencyWaitSeconds: 30,
  // The desk's default ring time (20 s) and the grace the server gives the agent's leg (5 s).
  reservationTimeoutSeconds: 25,
  emergencyPriority: 100,
};

/** The queue of each skill, and the overflow every agent is in. */
export const skillQueues: Record<RoutingSkill, string> = {
  emergencies: 'Emergencies',
  billing: 'Billing',
  collections: 'Collections',
  'service-orders': 'Service orders',
};
export const OVERFLOW_QUEUE = 'Everyone';
/** The caller's language: every target asks for it, so no caller reaches an agent who cannot talk with them. */
const SPEAKS = 'task.language IN worker.languages';

const list = (xs: readonly string[]) => `[${xs.map((x) => `"${x}"`).join(', ')}]`;

/** The plan for these settings: a queue per skill and the overflow, a filter per skill. */
export function routingPlan(settings: RoutingSettings = defaultRoutingSettings): RoutingPlan {
  const reasonsOf = (skill: RoutingSkill) =>
    (Object.keys(skillOfReason) as CallReason[]).filter((r) => skillOfReason[r] === skill);
  const queues: PlanQueue[] = [
    ...(Object.keys(skillQueues) as RoutingSkill[]).map((skill) => ({
      name: skillQueues[skill],
      targetWorkers: `skills HAS "${skill}"`,
    })),
    { name: OVERFLOW_QUEUE, targetWorkers: '1==1' },
  ];
  const skillFilter = (skill: RoutingSkill, wait: number, priority: number): PlanFilter => ({
    name: skillQueues[skill],
    expression: `reason IN ${list(reasonsOf(skill))}`,
    targets: [
      { queue: skillQueues[skill], priority, timeout: wait, expression: SPEAKS },
      { queue: OVERFLOW_QUEUE, priority, expression: SPEAKS },
    ],
  });
  return {
    queues,
    filters: [
      // A transfer to one agent: only they may take it.
      {
        name: 'Transfer to an agent',
        expression: 'transfer_to_agent != null',
        targets: [
          { queue: OVERFLOW_QUEUE, expression: 'worker.agent_id == task.transfer_to_agent' },
        ],
      },
      // A transfer to a queue: that queue's agents with the language, but not the one handing it over.
      ...queues.map((q) => ({
        name: `Transfer to ${q.name}`,
        expression: `transfer_to_queue == "${q.name}"`,
        targets: [
          { queue: q.name, expression: `${SPEAKS} AND worker.agent_id != task.transferred_by` },
        ],
      })),
      skillFilter('emergencies', settings.emergencyWaitSeconds, settings.emergencyPriority),
      skillFilter('billing', settings.skillWaitSeconds, 0),
      skillFilter('collections', settings.skillWaitSeconds, 0),
      skillFilter('service-orders', settings.skillWaitSeconds, 0),
      // No reason known (or one no skill answers): any agent with the language.
      {
        name: 'Any reason',
        expression: '1==1',
        targets: [{ queue: OVERFLOW_QUEUE, expression: SPEAKS }],
      },
    ],
    defaultQueue: OVERFLOW_QUEUE,
    reservationTimeoutSeconds: settings.reservationTimeoutSeconds,
  };
}

/**
 * The workflow's configuration as TaskRouter reads it (`task_routing` with `filters` and
 * `default_filter`; each target's `queue` is a TaskQueue SID).
 */
export function workflowConfiguration(
  plan: RoutingPlan,
  queueSids: Record<string, string>,
): string {
  const sid = (name: string) => {
    const s = queueSids[name];
    if (!s) throw new Error(`no task queue named ${name}`);
    return s;
  };
  return JSON.stringify({
    task_routing: {
      filters: plan.filters.map((f) => ({
        filter_friendly_name: f.name,
        expression: f.expression,
        targets: f.targets.map((t) => ({
          queue: sid(t.queue),
          ...(t.priority !== undefined ? { priority: t.priority } : {}),
          ...(t.timeout !== undefined ? { timeout: t.timeout } : {}),
          ...(t.expression !== undefined ? { expression: t.expression } : {}),
        })),
      })),
      default_filter: { queue: sid(plan.defaultQueue) },
    },
  });
}

/** A workflow configuration read back (what TaskRouter holds, or the fake). */
export const workflowDocument = z.object({
  task_routing: z.object({
    filters: z.array(
      z.object({
        filter_friendly_name: z.string().optional(),
        expression: z.string(),
        targets: z.array(
          z.object({
            queue: z.string(),
            priority: z.coerce.number().optional(),
            timeout: z.coerce.number().optional(),
            expression: z.string().optional(),
          }),
        ),
      }),
    ),
    default_filter: z.object({ queue: z.string() }),
  }),
});
export type WorkflowDocument = z.infer<typeof workflowDocument>;
