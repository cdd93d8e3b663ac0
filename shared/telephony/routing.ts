import type { AgentState } from './types';

/**
 * The routing contract: which agent a caller is offered to. Two adapters keep it: the in-process
 * router (one server's memory, the training default) and Twilio TaskRouter (state kept by
 * TaskRouter, so any number of server instances may answer its callbacks). Both are held to one
 * suite of contract tests (tests/server/telephony/routing).
 *
 * The words are TaskRouter's: a worker (an agent) in an activity, a task (a call) routed by a
 * workflow into task queues, a reservation (an offer of the task to one worker) accepted,
 * rejected or timed out; a rejected or timed-out reservation goes to the next worker.
 */
export interface CallRouter {
  readonly kind: 'in-process' | 'taskrouter';
  /** Creates or updates the agent's worker: languages, and the skills a lead gives them. */
  upsertWorker(worker: WorkerProfile): Promise<void>;
  /** The agent's activity as the desk chose it (Available, Break, ..., Offline). */
  setActivity(agentId: string, activity: RoutingActivity): Promise<void>;
  /** The agent's activity as the router holds it, or null for an agent it does not know. */
  activity(agentId: string): Promise<RoutingActivity | null>;
  /** A caller to route, with what the IVR learned (language, reason). */
  enqueue(call: CallToRoute): Promise<{ taskId: string }>;
  /** The agent answered the offer: the task is theirs. */
  accept(offer: OfferRef): Promise<void>;
  /** The agent declined the offer: the task goes to the next worker; the agent stays Available. */
  reject(offer: OfferRef): Promise<void>;
  /**
   * Hands the call to another agent or a queue: the task ends as transferred, and a new task for
   * the same caller is routed to the target. Returns the new task.
   */
  transfer(taskId: string, target: RoutingTransferTarget): Promise<{ taskId: string }>;
  /** The call ended: its task is wrapping and the agent is in Wrap-up. */
  wrapUp(taskId: string): Promise<void>;
  /** Wrap-up is done: the task is completed (the agent's next activity is theirs to choose). */
  complete(taskId: string): Promise<void>;
  /** The caller hung up before an agent took the call. */
  cancel(taskId: string): Promise<void>;
  on(listener: (event: RoutingEvent) => void): () => void;
}

export type RoutingLanguage = 'en' | 'es';

/** The skills a lead gives an agent, beside their languages. */
export const routingSkills = ['billing', 'collections', 'service-orders', 'emergencies'] as const;
export type RoutingSkill = (typeof routingSkills)[number];

export interface WorkerProfile {
  agentId: string;
  name: string;
  languages: RoutingLanguage[];
  skills: RoutingSkill[];
}

/**
 * The activities a worker is in. TaskRouter offers tasks only to workers in an activity marked
 * available; on a call the worker keeps their activity and their capacity is taken.
 */
export const routingActivities = [
  'available',
  'not-ready',
  'break',
  'lunch',
  'training',
  'meeting',
  'wrap-up',
  'offline',
] as const;
export type RoutingActivity = (typeof routingActivities)[number];

/** The activity's name in TaskRouter (what the set-up creates) and whether it takes calls. */
export const activityNames: Record<RoutingActivity, { name: string; available: boolean }> = {
  available: { name: 'Available', available: true },
  'not-ready': { name: 'Not ready', available: false },
  break: { name: 'Break', available: false },
  lunch: { name: 'Lunch', available: false },
  training: { name: 'Training', available: false },
  meeting: { name: 'Meeting', available: false },
  'wrap-up': { name: 'Wrap-up', available: false },
  offline: { name: 'Offline', available: false },
};

/**
 * The activity a desk state means. Ringing, on a call and on hold are not activities: the worker
 * keeps the one they were in and the call takes their capacity (null: nothing to tell).
 */
export function activityOfDesk(state: AgentState): RoutingActivity | null {
  switch (state) {
    case 'ringing':
    case 'on-call':
    case 'on-hold':
      return null;
    default:
      return state;
  }
}

/**
 * Whether the desk and the router disagree about the agent (the desk says so): the desk is
 * Available while TaskRouter holds them on Break, say, or the reverse. During a call there is
 * nothing to compare.
 */
export function activityDisagrees(desk: AgentState, router: RoutingActivity | null): boolean {
  const expected = activityOfDesk(desk);
  if (expected === null) return false;
  return (router ?? 'offline') !== expected;
}

/** Why customers call, as the IVR reports it; an emergency skips the line. */
export interface CallToRoute {
  /** The caller's CallSid (or the simulator's call id). */
  callSid: string;
  from: string;
  language: RoutingLanguage;
  /** The IVR's reason: high-bill, past-due, leak, no-water, start-service... or null. */
  reason: string | null;
}

export interface OfferRef {
  taskId: string;
  reservationId: string;
}

export interface Offer extends OfferRef {
  agentId: string;
  call: CallToRoute;
  /** The task queue the call was offered from. */
  queue: string;
}

export type RoutingTransferTarget = { kind: 'agent' | 'queue'; to: string };

export type RoutingEvent =
  | { type: 'offered'; offer: Offer }
  | { type: 'accepted'; offer: OfferRef & { agentId: string } }
  | { type: 'rejected'; offer: OfferRef & { agentId: string } }
  | { type: 'timed-out'; offer: OfferRef & { agentId: string } }
  | { type: 'wrapping'; taskId: string }
  | { type: 'completed'; taskId: string }
  | { type: 'canceled'; taskId: string }
  | { type: 'activity'; agentId: string; activity: RoutingActivity };
