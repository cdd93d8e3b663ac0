import type RequestClient from 'twilio/lib/base/RequestClient';
import { activityNames, routingActivities } from '../../../shared/telephony/routing';
import { checkExpression } from '../../../shared/telephony/routing-expression';
import { type RoutingPlan, workflowConfiguration } from '../../../shared/telephony/routing-plan';
import { twilioLib } from '../twilio-lib';

/** The event callbacks the TaskRouter adapter reads; TaskRouter sends no others. */
export const TASKROUTER_EVENTS = [
  'reservation.accepted',
  'reservation.rejected',
  'reservation.timeout',
  'task.wrapup',
  'task.completed',
  'task.canceled',
  'worker.activity.update',
] as const;

export const WORKFLOW_NAME = 'Tapline calls';

export interface SetupOptions {
  accountSid: string;
  /** The account's auth token, or an API key and its secret. */
  username: string;
  password: string;
  /** The workspace's name (one per utility). */
  workspaceName: string;
  /** TAPLINE_PUBLIC_URL: where TaskRouter's callbacks go. */
  publicUrl: string;
  plan: RoutingPlan;
  httpClient?: RequestClient;
}

export interface SetupResult {
  workspaceSid: string;
  workflowSid: string;
  /** What was created or changed; empty when the workspace already matched the plan. */
  changes: string[];
  /** What could not be set and needs a person (an activity whose availability is wrong). */
  problems: string[];
}

/**
 * Sets up (or brings back in line) the utility's TaskRouter workspace: the desk's activities,
 * the plan's task queues and workflow, the assignment and event callbacks. Each resource is found
 * by its name and written only when it differs, so a second run changes nothing.
 */
export async function setUpTaskRouter(o: SetupOptions): Promise<SetupResult> {
  for (const q of o.plan.queues) checkExpression(q.targetWorkers);
  for (const f of o.plan.filters) {
    checkExpression(f.expression);
    for (const t of f.targets) if (t.expression) checkExpression(t.expression);
  }
  const client = twilioLib()(o.username, o.password, {
    accountSid: o.accountSid,
    ...(o.httpClient ? { httpClient: o.httpClient } : {}),
  });
  const tr = client.taskrouter.v1;
  const base = o.publicUrl.replace(/\/$/, '');
  const changes: string[] = [];
  const problems: string[] = [];
  const eventCallbackUrl = `${base}/twilio/taskrouter/events`;
  const eventsFilter = TASKROUTER_EVENTS.join(',');

  let [ws] = await tr.workspaces.list({ friendlyName: o.workspaceName, limit: 1 });
  if (!ws) {
    ws = await tr.workspaces.create({
      friendlyName: o.workspaceName,
      eventCallbackUrl,
      eventsFilter,
    });
    changes.push(`workspace ${o.workspaceName} created`);
  }
  const workspace = tr.workspaces(ws.sid);

  const existing = await workspace.activities.list();
  const activitySid = new Map<string, string>();
  for (const a of routingActivities) {
    const { name, available } = activityNames[a];
    const found = existing.find((x) => x.friendlyName === name);
    if (found) {
      // TaskRouter does not let an activity's availability change: a person has to fix it.
      if (found.available !== available)
        problems.push(
          `activity ${name} is ${found.available ? '' : 'not '}available; it should ${available ? '' : 'not '}be`,
        );
      activitySid.set(a, found.sid);
      continue;
    }
    const created = await workspace.activities.create({ friendlyName: name, available });
    activitySid.set(a, created.sid);
    changes.push(`activity ${name} created`);
  }

  const wsUpdate: Record<string, string> = {};
  if (ws.eventCallbackUrl !== eventCallbackUrl) wsUpdate.eventCallbackUrl = eventCallbackUrl;
  if (ws.eventsFilter !== eventsFilter) wsUpdate.eventsFilter = eventsFilter;
  // A worker who lets an offer ring out is Not ready, as the desk makes them; a new one is Offline.
  if (ws.timeoutActivitySid !== activitySid.get('not-ready'))
    wsUpdate.timeoutActivitySid = activitySid.get('not-ready')!;
  if (ws.defaultActivitySid !== activitySid.get('offline'))
    wsUpdate.defaultActivitySid = activitySid.get('offline')!;
  if (Object.keys(wsUpdate).length > 0) {
    await workspace.update(wsUpdate);
    changes.push(`workspace ${Object.keys(wsUpdate).join(', ')} set`);
  }

  const queues = await workspace.taskQueues.list();
  const queueSids: Record<string, string> = {};
  for (const q of o.plan.queues) {
    const found = queues.find((x) => x.friendlyName === q.name);
    if (!found) {
      const created = await workspace.taskQueues.create({
        friendlyName: q.name,
        targetWorkers: q.targetWorkers,
      });
      queueSids[q.name] = created.sid;
      changes.push(`task queue ${q.name} created`);
      continue;
    }
    queueSids[q.name] = found.sid;
    if (found.targetWorkers !== q.targetWorkers) {
      await workspace.taskQueues(found.sid).update({ targetWorkers: q.targetWorkers });
      changes.push(`task queue ${q.name} workers set`);
    }
  }

  const configuration = workflowConfiguration(o.plan, queueSids);
  const assignmentCallbackUrl = `${base}/twilio/taskrouter/assignment`;
  const [wf] = await workspace.workflows.list({ friendlyName: WORKFLOW_NAME, limit: 1 });
  let workflowSid: string;
  if (!wf) {
    const created = await workspace.workflows.create({
      friendlyName: WORKFLOW_NAME,
      configuration,
      assignmentCallbackUrl,
      taskReservationTimeout: o.plan.reservationTimeoutSeconds,
    });
    workflowSid = created.sid;
    changes.push(`workflow ${WORKFLOW_NAME} created`);
  } else {
    workflowSid = wf.sid;
    const update: Record<string, unknown> = {};
    if (!sameJson(wf.configuration, configuration)) update.configuration = configuration;
    if (wf.assignmentCallbackUrl !== assignmentCallbackUrl)
      update.assignmentCallbackUrl = assignmentCallbackUrl;
    if (Number(wf.taskReservationTimeout) !== o.plan.reservationTimeoutSeconds)
      update.taskReservationTimeout = o.plan.reservationTimeoutSeconds;
    if (Object.keys(update).length > 0) {
      await workspace.workflows(wf.sid).update(update);
      changes.push(`workflow ${Object.keys(update).join(', ')} set`);
    }
  }
  return { workspaceSid: ws.sid, workflowSid, changes, problems };
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
