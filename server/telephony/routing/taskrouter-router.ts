import type RequestClient from 'twilio/lib/base/RequestClient';
import {
  activityNames,
  type CallRouter,
  type RoutingActivity,
  type RoutingEvent,
  routingActivities,
} from '../../../shared/telephony/routing';
import { twilioLib } from '../twilio-lib';
import { taskAttributes, transferAttributes } from './in-process-router';

export interface TaskRouterConfig {
  accountSid: string;
  /** An API key and secret (or the account SID and auth token). */
  apiKey: string;
  apiSecret: string;
  /** TWILIO_WORKSPACE_SID and TWILIO_WORKFLOW_SID, as `twilio-setup` prints them. */
  workspaceSid: string;
  workflowSid: string;
  /** The utility's number: the caller ID of the agent's leg the conference instruction dials. */
  callerId?: string;
  /** Tests pass the fake TaskRouter's; production uses the library's own. */
  httpClient?: RequestClient;
}

const activityByName = new Map(routingActivities.map((a) => [activityNames[a].name, a]));

/** What a reservation's assignment callback is answered with (TaskRouter's assignment instruction). */
export interface AssignmentInstruction {
  instruction: 'conference' | 'dequeue' | 'accept' | 'reject';
  [key: string]: unknown;
}

export interface TaskRouterRouter extends CallRouter {
  /** The assignment callback's form: the offer goes to the agent, TaskRouter gets the instruction. */
  assignment(params: Record<string, string>): Promise<AssignmentInstruction>;
  /** An event callback's form (EventType ...), told to the listeners in the contract's words. */
  event(params: Record<string, string>): void;
}

/**
 * The routing contract on Twilio TaskRouter: every call's task, every agent's worker and activity
 * live in the utility's workspace, so this adapter keeps nothing a second server instance would
 * need (it remembers SIDs it looked up, which never change). Offers arrive through the assignment
 * callback, answered with the conference instruction (TaskRouter rings the worker's contact_uri,
 * the agent's softphone, into the caller's conference); the rest arrives as event callbacks.
 */
export function taskRouterRouter(config: TaskRouterConfig): TaskRouterRouter {
  const client = twilioLib()(config.apiKey, config.apiSecret, {
    accountSid: config.accountSid,
    ...(config.httpClient ? { httpClient: config.httpClient } : {}),
  });
  const workspace = client.taskrouter.v1.workspaces(config.workspaceSid);
  const listeners = new Set<(e: RoutingEvent) => void>();
  const send = (e: RoutingEvent) => {
    for (const l of listeners) l(e);
  };
  const workerSids = new Map<string, string>();
  let activities: Promise<Map<RoutingActivity, string>> | null = null;

  const activitySids = () => {
    activities ??= workspace.activities.list().then((list) => {
      const map = new Map<RoutingActivity, string>();
      for (const a of list) {
        const activity = activityByName.get(a.friendlyName);
        if (activity) map.set(activity, a.sid);
      }
      for (const a of routingActivities)
        if (!map.has(a))
          throw new Error(
            `the workspace has no "${activityNames[a].name}" activity: run twilio-setup`,
          );
      return map;
    });
    activities.catch(() => {
      activities = null;
    });
    return activities;
  };

  const workerSid = async (agentId: string): Promise<string | null> => {
    const known = workerSids.get(agentId);
    if (known) return known;
    const [w] = await workspace.workers.list({ friendlyName: agentId, limit: 1 });
    if (w) workerSids.set(agentId, w.sid);
    return w?.sid ?? null;
  };
  const requireWorker = async (agentId: string) => {
    const sid = await workerSid(agentId);
    if (!sid) throw new Error(`no worker for ${agentId}`);
    return sid;
  };

  const agentOf = (params: Record<string, string>) => {
    try {
      const a = JSON.parse(params.WorkerAttributes ?? '{}') as { agent_id?: string };
      if (a.agent_id) return a.agent_id;
    } catch {
      // Not JSON: the worker's name says who it is.
    }
    return params.WorkerName ?? '';
  };

  return {
    kind: 'taskrouter',
    async upsertWorker(w) {
      const attributes = JSON.stringify({
        agent_id: w.agentId,
        name: w.name,
        languages: w.languages,
        skills: w.skills,
        contact_uri: `client:${w.agentId}`,
      });
      const sid = await workerSid(w.agentId);
      if (sid) {
        await workspace.workers(sid).update({ attributes });
        return;
      }
      const created = await workspace.workers.create({
        friendlyName: w.agentId,
        attributes,
        activitySid: (await activitySids()).get('offline'),
      });
      workerSids.set(w.agentId, created.sid);
    },
    async setActivity(agentId, activity) {
      const sid = await requireWorker(agentId);
      await workspace.workers(sid).update({ activitySid: (await activitySids()).get(activity) });
    },
    async activity(agentId) {
      const sid = await workerSid(agentId);
      if (!sid) return null;
      const w = await workspace.workers(sid).fetch();
      return activityByName.get(w.activityName) ?? null;
    },
    async enqueue(call) {
      const task = await workspace.tasks.create({
        workflowSid: config.workflowSid,
        attributes: JSON.stringify(taskAttributes(call)),
        taskChannel: 'voice',
      });
      return { taskId: task.sid };
    },
    async accept(offer) {
      await workspace.tasks(offer.taskId).reservations(offer.reservationId).update({
        reservationStatus: 'accepted',
      });
    },
    async reject(offer) {
      await workspace.tasks(offer.taskId).reservations(offer.reservationId).update({
        reservationStatus: 'rejected',
      });
    },
    async transfer(taskId, target) {
      const task = await workspace.tasks(taskId).fetch();
      const {
        transfer_to_agent: _a,
        transfer_to_queue: _q,
        transferred_by: _b,
        ...attributes
      } = JSON.parse(task.attributes) as Record<string, unknown>;
      const [holder] = await workspace.tasks(taskId).reservations.list({
        reservationStatus: 'accepted',
        limit: 1,
      });
      // A new task for the same caller, routed by the workflow's transfer filters; the old one ends.
      const next = await workspace.tasks.create({
        workflowSid: config.workflowSid,
        attributes: JSON.stringify({
          ...attributes,
          ...transferAttributes(target, holder?.workerName ?? null),
        }),
        taskChannel: 'voice',
      });
      await workspace
        .tasks(taskId)
        .update({ assignmentStatus: 'completed', reason: 'transferred' });
      return { taskId: next.sid };
    },
    async wrapUp(taskId) {
      await workspace.tasks(taskId).update({ assignmentStatus: 'wrapping' });
      const [r] = await workspace.tasks(taskId).reservations.list({
        reservationStatus: 'accepted',
        limit: 1,
      });
      if (r)
        await workspace
          .workers(r.workerSid)
          .update({ activitySid: (await activitySids()).get('wrap-up') });
    },
    async complete(taskId) {
      await workspace.tasks(taskId).update({ assignmentStatus: 'completed', reason: 'wrapped up' });
    },
    async cancel(taskId) {
      await workspace
        .tasks(taskId)
        .update({ assignmentStatus: 'canceled', reason: 'caller hung up' });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async assignment(params) {
      const a = JSON.parse(params.TaskAttributes ?? '{}') as Record<string, unknown>;
      const agentId = agentOf(params);
      send({
        type: 'offered',
        offer: {
          taskId: params.TaskSid ?? '',
          reservationId: params.ReservationSid ?? '',
          agentId,
          queue: params.TaskQueueSid ?? '',
          call: {
            callSid: String(a.call_sid ?? ''),
            from: String(a.from ?? ''),
            language: a.language === 'es' ? 'es' : 'en',
            reason: typeof a.reason === 'string' ? a.reason : null,
          },
        },
      });
      // TaskRouter dials the worker's contact_uri into a conference with the caller; after the
      // call the worker goes to Wrap-up until the desk says otherwise.
      return {
        instruction: 'conference',
        ...(config.callerId ? { from: config.callerId } : {}),
        post_work_activity_sid: (await activitySids()).get('wrap-up'),
      };
    },
    event(params) {
      const offer = {
        taskId: params.TaskSid ?? '',
        reservationId: params.ReservationSid ?? '',
        agentId: agentOf(params),
      };
      switch (params.EventType) {
        case 'reservation.accepted':
          return send({ type: 'accepted', offer });
        case 'reservation.rejected':
          return send({ type: 'rejected', offer });
        case 'reservation.timeout':
          return send({ type: 'timed-out', offer });
        case 'task.wrapup':
          return send({ type: 'wrapping', taskId: offer.taskId });
        case 'task.completed':
          return send({ type: 'completed', taskId: offer.taskId });
        case 'task.canceled':
          return send({ type: 'canceled', taskId: offer.taskId });
        case 'worker.activity.update': {
          const activity = activityByName.get(params.WorkerActivityName ?? '');
          if (activity) send({ type: 'activity', agentId: offer.agentId, activity });
          return;
        }
      }
    },
  };
}
