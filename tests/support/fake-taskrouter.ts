import { createHmac } from 'node:crypto';
import {
  type EngineEvent,
  ReservationNotPending,
  RoutingEngine,
} from '../../shared/telephony/routing-engine';
import { type WorkflowDocument, workflowDocument } from '../../shared/telephony/routing-plan';

/**
 * A TaskRouter that follows Twilio's documented REST API and callbacks, for tests: the `twilio`
 * library talks to it through its `httpClient` option (the same requests, form fields and JSON
 * as taskrouter.twilio.com/v1), and it calls back as TaskRouter does — the workflow's assignment
 * callback on each reservation (its JSON answer's `instruction` obeyed: `conference` dials the
 * worker's contact_uri and leaves the reservation pending until the worker answers, `accept` and
 * `reject` settle it), and the workspace's event callback for each event (EventType
 * task.created, reservation.created/accepted/rejected/timeout/canceled, task.wrapup/completed/
 * canceled, worker.activity.update), form-encoded and signed with X-Twilio-Signature. Time moves
 * only by `advance`; `settle` waits until every callback was delivered.
 *
 * What it leaves out: multitasking, task channels other than voice, statistics, pagination
 * beyond one page, and the fallback assignment URL.
 */
export interface FakeTaskRouterOptions {
  accountSid: string;
  authToken: string;
  /** Other credentials accepted (an API key and its secret). */
  keys?: Record<string, string>;
  /** Where a callback's public URL is delivered (the test's own servers); the signature covers the public URL. */
  deliver?: (publicUrl: string) => string;
  /** The clock's start, in ms. */
  start?: number;
}

interface Activity {
  sid: string;
  friendly_name: string;
  available: boolean;
}
interface Queue {
  sid: string;
  friendly_name: string;
  target_workers: string;
}
interface Workflow {
  sid: string;
  friendly_name: string;
  configuration: string;
  assignment_callback_url: string | null;
  fallback_assignment_callback_url: string | null;
  task_reservation_timeout: number;
}
interface Workspace {
  sid: string;
  friendly_name: string;
  event_callback_url: string | null;
  events_filter: string | null;
  default_activity_sid: string;
  timeout_activity_sid: string;
  activities: Map<string, Activity>;
  queues: Map<string, Queue>;
  workflows: Map<string, Workflow>;
  engine: RoutingEngine | null;
  /** The workflow of the latest task: the one the engine routes by. */
  workflowSid: string | null;
  taskWorkflow: Map<string, string>;
  taskReasons: Map<string, string>;
}

export interface Dialled {
  reservationSid: string;
  taskSid: string;
  to: string;
  instruction: Record<string, unknown>;
}

type Req = {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
};
type Res = { statusCode: number; body: unknown; headers: Record<string, string> };

/** Twilio's webhook signature: the URL, then each parameter's name and value sorted by name, HMAC-SHA1, base64. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export class FakeTaskRouter {
  now: number;
  readonly workspaces = new Map<string, Workspace>();
  /** Every REST request, for tests that count writes (the set-up's idempotence). */
  readonly requests: { method: string; path: string; data: Record<string, unknown> }[] = [];
  /** Assignment instructions that dialled a worker. */
  readonly dialled: Dialled[] = [];
  /** Callbacks delivered, with the status each got. */
  readonly delivered: { url: string; params: Record<string, string>; status: number }[] = [];
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly o: FakeTaskRouterOptions) {
    this.now = o.start ?? Date.UTC(2026, 11, 7, 15);
  }

  /** What the `twilio` library's `httpClient` option takes. */
  readonly httpClient = {
    request: async (opts: Req): Promise<Res> => this.handle(opts),
  } as never;

  sid(prefix: string) {
    this.seq += 1;
    return `${prefix}${this.seq.toString(16).padStart(32, '0')}`;
  }

  advance(ms: number) {
    this.now += ms;
    for (const ws of this.workspaces.values()) ws.engine?.advance(this.now);
  }

  /** Waits until every callback so far (and those they caused) was delivered. */
  async settle() {
    for (;;) {
      const c = this.chain;
      await c;
      await new Promise((r) => setImmediate(r));
      if (c === this.chain) return;
    }
  }

  private handle(opts: Req): Res {
    const url = new URL(opts.uri);
    const method = opts.method.toUpperCase();
    const data = (opts.data ?? {}) as Record<string, string>;
    const query = (opts.params ?? {}) as Record<string, string>;
    this.requests.push({ method, path: url.pathname, data });
    const accepted =
      (opts.username === this.o.accountSid && opts.password === this.o.authToken) ||
      (opts.username !== undefined && this.o.keys?.[opts.username] === opts.password);
    if (!accepted) return error(401, 20003, 'Authenticate');
    if (url.hostname !== 'taskrouter.twilio.com') return error(404, 20404, 'not TaskRouter');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'v1' || parts[1] !== 'Workspaces') return error(404, 20404, 'Not found');
    try {
      return this.route(method, parts.slice(2), data, query);
    } catch (err) {
      if (err instanceof ReservationNotPending) return error(400, 20001, err.message);
      if (err instanceof NotFound) return error(404, 20404, err.message);
      throw err;
    }
  }

  private route(
    method: string,
    p: string[],
    data: Record<string, string>,
    query: Record<string, string>,
  ): Res {
    if (p.length === 0) {
      if (method === 'GET')
        return list(
          'workspaces',
          [...this.workspaces.values()]
            .filter((w) => !query.FriendlyName || w.friendly_name === query.FriendlyName)
            .map((w) => this.workspaceJson(w)),
        );
      if (method === 'POST') return created(this.workspaceJson(this.createWorkspace(data)));
    }
    const ws = this.workspaces.get(p[0]);
    if (!ws) throw new NotFound(p[0]);
    if (p.length === 1) {
      if (method === 'POST') this.updateWorkspace(ws, data);
      return ok(this.workspaceJson(ws));
    }
    switch (p[1]) {
      case 'Activities':
        return this.activities(ws, method, p.slice(2), data, query);
      case 'TaskQueues':
        return this.taskQueues(ws, method, p.slice(2), data, query);
      case 'Workflows':
        return this.workflows(ws, method, p.slice(2), data, query);
      case 'Workers':
        return this.workers(ws, method, p.slice(2), data, query);
      case 'Tasks':
        return this.tasks(ws, method, p.slice(2), data, query);
    }
    throw new NotFound(p[1]);
  }

  private createWorkspace(data: Record<string, string>): Workspace {
    if (!data.FriendlyName) throw new Error('FriendlyName is required');
    const activity = (friendly_name: string, available: boolean): Activity => ({
      sid: this.sid('WA'),
      friendly_name,
      available,
    });
    // A new workspace comes with Offline, Available and Unavailable activities.
    const defaults = [
      activity('Offline', false),
      activity('Available', true),
      activity('Unavailable', false),
    ];
    const ws: Workspace = {
      sid: this.sid('WS'),
      friendly_name: data.FriendlyName,
      event_callback_url: data.EventCallbackUrl ?? null,
      events_filter: data.EventsFilter ?? null,
      default_activity_sid: defaults[0].sid,
      timeout_activity_sid: defaults[0].sid,
      activities: new Map(defaults.map((a) => [a.sid, a])),
      queues: new Map(),
      workflows: new Map(),
      engine: null,
      workflowSid: null,
      taskWorkflow: new Map(),
      taskReasons: new Map(),
    };
    this.workspaces.set(ws.sid, ws);
    return ws;
  }

  private updateWorkspace(ws: Workspace, data: Record<string, string>) {
    if (data.FriendlyName !== undefined) ws.friendly_name = data.FriendlyName;
    if (data.EventCallbackUrl !== undefined) ws.event_callback_url = data.EventCallbackUrl;
    if (data.EventsFilter !== undefined) ws.events_filter = data.EventsFilter;
    if (data.DefaultActivitySid !== undefined) ws.default_activity_sid = data.DefaultActivitySid;
    if (data.TimeoutActivitySid !== undefined) ws.timeout_activity_sid = data.TimeoutActivitySid;
  }

  private workspaceJson(ws: Workspace) {
    return {
      sid: ws.sid,
      account_sid: this.o.accountSid,
      friendly_name: ws.friendly_name,
      event_callback_url: ws.event_callback_url,
      events_filter: ws.events_filter,
      default_activity_sid: ws.default_activity_sid,
      default_activity_name: ws.activities.get(ws.default_activity_sid)?.friendly_name,
      timeout_activity_sid: ws.timeout_activity_sid,
      timeout_activity_name: ws.activities.get(ws.timeout_activity_sid)?.friendly_name,
      multi_task_enabled: false,
      prioritize_queue_order: 'FIFO',
    };
  }

  private activities(
    ws: Workspace,
    method: string,
    p: string[],
    data: Record<string, string>,
    query: Record<string, string>,
  ): Res {
    const json = (a: Activity) => ({ ...a, workspace_sid: ws.sid, account_sid: this.o.accountSid });
    if (p.length === 0 && method === 'GET')
      return list(
        'activities',
        [...ws.activities.values()]
          .filter((a) => !query.FriendlyName || a.friendly_name === query.FriendlyName)
          .map(json),
      );
    if (p.length === 0 && method === 'POST') {
      const a: Activity = {
        sid: this.sid('WA'),
        friendly_name: data.FriendlyName,
        available: data.Available === 'true',
      };
      ws.activities.set(a.sid, a);
      return created(json(a));
    }
    const a = ws.activities.get(p[0]);
    if (!a) throw new NotFound(p[0]);
    if (method === 'POST' && data.FriendlyName) a.friendly_name = data.FriendlyName;
    return ok(json(a));
  }

  private taskQueues(
    ws: Workspace,
    method: string,
    p: string[],
    data: Record<string, string>,
    query: Record<string, string>,
  ): Res {
    const json = (q: Queue) => ({ ...q, workspace_sid: ws.sid, account_sid: this.o.accountSid });
    if (p.length === 0 && method === 'GET')
      return list(
        'task_queues',
        [...ws.queues.values()]
          .filter((q) => !query.FriendlyName || q.friendly_name === query.FriendlyName)
          .map(json),
      );
    if (p.length === 0 && method === 'POST') {
      const q: Queue = {
        sid: this.sid('WQ'),
        friendly_name: data.FriendlyName,
        target_workers: data.TargetWorkers ?? '1==1',
      };
      ws.queues.set(q.sid, q);
      return created(json(q));
    }
    const q = ws.queues.get(p[0]);
    if (!q) throw new NotFound(p[0]);
    if (method === 'POST') {
      if (data.FriendlyName !== undefined) q.friendly_name = data.FriendlyName;
      if (data.TargetWorkers !== undefined) q.target_workers = data.TargetWorkers;
    }
    return ok(json(q));
  }

  private workflows(
    ws: Workspace,
    method: string,
    p: string[],
    data: Record<string, string>,
    query: Record<string, string>,
  ): Res {
    const json = (w: Workflow) => ({ ...w, workspace_sid: ws.sid, account_sid: this.o.accountSid });
    const set = (w: Workflow) => {
      if (data.FriendlyName !== undefined) w.friendly_name = data.FriendlyName;
      if (data.Configuration !== undefined) {
        workflowDocument.parse(JSON.parse(data.Configuration));
        w.configuration = data.Configuration;
      }
      if (data.AssignmentCallbackUrl !== undefined)
        w.assignment_callback_url = data.AssignmentCallbackUrl;
      if (data.FallbackAssignmentCallbackUrl !== undefined)
        w.fallback_assignment_callback_url = data.FallbackAssignmentCallbackUrl;
      if (data.TaskReservationTimeout !== undefined)
        w.task_reservation_timeout = Number(data.TaskReservationTimeout);
    };
    if (p.length === 0 && method === 'GET')
      return list(
        'workflows',
        [...ws.workflows.values()]
          .filter((w) => !query.FriendlyName || w.friendly_name === query.FriendlyName)
          .map(json),
      );
    if (p.length === 0 && method === 'POST') {
      const w: Workflow = {
        sid: this.sid('WW'),
        friendly_name: '',
        configuration: '',
        assignment_callback_url: null,
        fallback_assignment_callback_url: null,
        // TaskRouter's default reservation timeout: 120 s.
        task_reservation_timeout: 120,
      };
      set(w);
      ws.workflows.set(w.sid, w);
      return created(json(w));
    }
    const w = ws.workflows.get(p[0]);
    if (!w) throw new NotFound(p[0]);
    if (method === 'POST') set(w);
    return ok(json(w));
  }

  private engineOf(ws: Workspace): RoutingEngine {
    if (ws.engine) return ws.engine;
    const workflow = () => ws.workflows.get(ws.workflowSid ?? '') ?? [...ws.workflows.values()][0];
    ws.engine = new RoutingEngine({
      get workflow(): WorkflowDocument {
        const w = workflow();
        return workflowDocument.parse(
          JSON.parse(
            w?.configuration || '{"task_routing":{"filters":[],"default_filter":{"queue":""}}}',
          ),
        );
      },
      get queues() {
        return Object.fromEntries([...ws.queues.values()].map((q) => [q.sid, q.target_workers]));
      },
      get reservationTimeoutMs() {
        return (workflow()?.task_reservation_timeout ?? 120) * 1000;
      },
      get timeoutActivity() {
        const a = ws.activities.get(ws.timeout_activity_sid)!;
        return { name: a.friendly_name, available: a.available };
      },
      newId: (kind) => this.sid(kind === 'task' ? 'WT' : 'WR'),
      emit: (e) => this.callback(ws, e),
    });
    return ws.engine;
  }

  private workerJson(ws: Workspace, id: string) {
    const w = this.engineOf(ws).workers.get(id);
    if (!w) throw new NotFound(id);
    const activity = [...ws.activities.values()].find((a) => a.friendly_name === w.activity)!;
    return {
      sid: w.id,
      account_sid: this.o.accountSid,
      workspace_sid: ws.sid,
      friendly_name: w.name,
      attributes: JSON.stringify(w.attributes),
      activity_sid: activity.sid,
      activity_name: activity.friendly_name,
      available: w.available,
    };
  }

  private workers(
    ws: Workspace,
    method: string,
    p: string[],
    data: Record<string, string>,
    query: Record<string, string>,
  ): Res {
    const engine = this.engineOf(ws);
    const activity = (sid: string) => {
      const a = ws.activities.get(sid);
      if (!a) throw new NotFound(sid);
      return { name: a.friendly_name, available: a.available };
    };
    if (p.length === 0 && method === 'GET')
      return list(
        'workers',
        [...engine.workers.values()]
          .filter((w) => !query.FriendlyName || w.name === query.FriendlyName)
          .map((w) => this.workerJson(ws, w.id)),
      );
    if (p.length === 0 && method === 'POST') {
      if ([...engine.workers.values()].some((w) => w.name === data.FriendlyName))
        return error(409, 20001, 'a worker with this FriendlyName exists');
      const sid = this.sid('WK');
      engine.upsertWorker(sid, data.FriendlyName, JSON.parse(data.Attributes ?? '{}'), this.now);
      engine.setActivity(sid, activity(data.ActivitySid ?? ws.default_activity_sid), this.now);
      return created(this.workerJson(ws, sid));
    }
    const w = engine.workers.get(p[0]);
    if (!w) throw new NotFound(p[0]);
    if (method === 'POST') {
      if (data.Attributes !== undefined)
        engine.upsertWorker(
          w.id,
          data.FriendlyName ?? w.name,
          JSON.parse(data.Attributes),
          this.now,
        );
      if (data.ActivitySid !== undefined)
        engine.setActivity(w.id, activity(data.ActivitySid), this.now);
    }
    return ok(this.workerJson(ws, w.id));
  }

  private taskJson(ws: Workspace, id: string) {
    const t = this.engineOf(ws).tasks.get(id);
    if (!t) throw new NotFound(id);
    return {
      sid: t.id,
      account_sid: this.o.accountSid,
      workspace_sid: ws.sid,
      workflow_sid: ws.taskWorkflow.get(t.id),
      attributes: JSON.stringify(t.attributes),
      assignment_status: t.status,
      priority: t.priority,
      task_queue_sid: t.queue,
      reason: ws.taskReasons.get(t.id) ?? null,
      age: Math.floor((this.now - t.createdAt) / 1000),
      task_channel_unique_name: 'voice',
    };
  }

  private reservationJson(ws: Workspace, id: string) {
    const engine = this.engineOf(ws);
    const r = engine.reservations.get(id);
    if (!r) throw new NotFound(id);
    return {
      sid: r.id,
      account_sid: this.o.accountSid,
      workspace_sid: ws.sid,
      task_sid: r.taskId,
      worker_sid: r.workerId,
      worker_name: engine.workers.get(r.workerId)?.name,
      reservation_status: r.status,
    };
  }

  private tasks(
    ws: Workspace,
    method: string,
    p: string[],
    data: Record<string, string>,
    query: Record<string, string>,
  ): Res {
    const engine = this.engineOf(ws);
    if (p.length === 0 && method === 'POST') {
      if (!data.WorkflowSid || !ws.workflows.has(data.WorkflowSid))
        return error(400, 20001, 'WorkflowSid is required');
      ws.workflowSid = data.WorkflowSid;
      const id = this.sid('WT');
      ws.taskWorkflow.set(id, data.WorkflowSid);
      engine.createTask(id, JSON.parse(data.Attributes ?? '{}'), this.now);
      return created(this.taskJson(ws, id));
    }
    const task = engine.tasks.get(p[0]);
    if (!task) throw new NotFound(p[0]);
    if (p.length === 1) {
      if (method === 'POST' && data.AssignmentStatus) {
        const to = data.AssignmentStatus;
        const from = task.status;
        // TaskRouter's task lifecycle: wrapping and completed follow assigned; canceled, a task not yet assigned.
        const allowed =
          (to === 'wrapping' && from === 'assigned') ||
          (to === 'completed' && (from === 'assigned' || from === 'wrapping')) ||
          (to === 'canceled' && (from === 'pending' || from === 'reserved'));
        if (!allowed) return error(400, 20001, `cannot move a ${from} task to ${to}`);
        if (data.Reason) ws.taskReasons.set(task.id, data.Reason);
        engine.updateTask(task.id, to as 'wrapping', this.now);
      }
      return ok(this.taskJson(ws, task.id));
    }
    if (p[1] !== 'Reservations') throw new NotFound(p[1]);
    if (p.length === 2)
      return list(
        'reservations',
        [...engine.reservations.values()]
          .filter((r) => r.taskId === task.id)
          .filter((r) => !query.ReservationStatus || r.status === query.ReservationStatus)
          .map((r) => this.reservationJson(ws, r.id)),
      );
    const r = engine.reservations.get(p[2]);
    if (!r || r.taskId !== task.id) throw new NotFound(p[2]);
    if (method === 'POST' && data.ReservationStatus) {
      if (data.ReservationStatus !== 'accepted' && data.ReservationStatus !== 'rejected')
        return error(400, 20001, 'ReservationStatus');
      engine.updateReservation(r.id, data.ReservationStatus, this.now);
    }
    return ok(this.reservationJson(ws, r.id));
  }

  /** TaskRouter's callbacks for one engine event, in order, one at a time. */
  private callback(ws: Workspace, e: EngineEvent) {
    const params = this.eventParams(ws, e);
    this.chain = this.chain.then(async () => {
      if (e.type === 'reservation.created' && 'reservation' in e)
        await this.assignment(ws, e, params);
      const filter = ws.events_filter?.split(',').map((s) => s.trim());
      if (ws.event_callback_url && (!filter || filter.includes(e.type)))
        await this.post(ws.event_callback_url, params);
    });
  }

  private eventParams(ws: Workspace, e: EngineEvent): Record<string, string> {
    const p: Record<string, string> = {
      AccountSid: this.o.accountSid,
      WorkspaceSid: ws.sid,
      WorkspaceName: ws.friendly_name,
      EventType: e.type,
      Timestamp: String(Math.floor(this.now / 1000)),
    };
    if ('task' in e) {
      p.TaskSid = e.task.id;
      p.TaskAttributes = JSON.stringify(e.task.attributes);
      p.TaskAssignmentStatus = e.task.status;
      p.TaskPriority = String(e.task.priority);
      p.TaskQueueSid = e.task.queue;
      p.ResourceType = 'task';
      p.ResourceSid = e.task.id;
      const reason = ws.taskReasons.get(e.task.id);
      if (e.type === 'task.completed' && reason) p.TaskCompletedReason = reason;
      if (e.type === 'task.canceled' && reason) p.TaskCanceledReason = reason;
    }
    if ('reservation' in e) {
      p.ReservationSid = e.reservation.id;
      p.ResourceType = 'reservation';
      p.ResourceSid = e.reservation.id;
    }
    if ('worker' in e) {
      p.WorkerSid = e.worker.id;
      p.WorkerName = e.worker.name;
      p.WorkerAttributes = JSON.stringify(e.worker.attributes);
      const a = [...ws.activities.values()].find((x) => x.friendly_name === e.worker.activity);
      if (a) {
        p.WorkerActivitySid = a.sid;
        p.WorkerActivityName = a.friendly_name;
      }
      if (e.type === 'worker.activity.update') {
        p.ResourceType = 'worker';
        p.ResourceSid = e.worker.id;
      }
    }
    return p;
  }

  private async assignment(
    ws: Workspace,
    e: Extract<EngineEvent, { reservation: unknown }>,
    event: Record<string, string>,
  ) {
    const workflowSid = ws.taskWorkflow.get(e.task.id) ?? '';
    const url = ws.workflows.get(workflowSid)?.assignment_callback_url;
    if (!url) return;
    const params: Record<string, string> = {
      AccountSid: this.o.accountSid,
      WorkspaceSid: ws.sid,
      WorkflowSid: workflowSid,
      TaskQueueSid: e.task.queue,
      WorkerSid: e.worker.id,
      WorkerAttributes: event.WorkerAttributes,
      TaskSid: e.task.id,
      TaskAttributes: event.TaskAttributes,
      TaskAge: String(Math.floor((this.now - e.task.createdAt) / 1000)),
      TaskPriority: String(e.task.priority),
      ReservationSid: e.reservation.id,
    };
    const res = await this.post(url, params);
    if (!res || e.reservation.status !== 'pending') return;
    let instruction: Record<string, unknown> = {};
    try {
      instruction = JSON.parse(res) as Record<string, unknown>;
    } catch {
      return;
    }
    const engine = this.engineOf(ws);
    if (instruction.instruction === 'accept')
      engine.updateReservation(e.reservation.id, 'accepted', this.now);
    else if (instruction.instruction === 'reject')
      engine.updateReservation(e.reservation.id, 'rejected', this.now);
    else if (instruction.instruction === 'conference' || instruction.instruction === 'dequeue') {
      const contact = (e.worker.attributes.contact_uri as string | undefined) ?? '';
      this.dialled.push({
        reservationSid: e.reservation.id,
        taskSid: e.task.id,
        to: (instruction.to as string | undefined) ?? contact,
        instruction,
      });
    }
  }

  private async post(url: string, params: Record<string, string>): Promise<string | null> {
    const target = this.o.deliver ? this.o.deliver(url) : url;
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(this.o.authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      this.delivered.push({ url, params, status: res.status });
      return res.ok ? await res.text() : null;
    } catch {
      this.delivered.push({ url, params, status: 0 });
      return null;
    }
  }
}

class NotFound extends Error {}

const headers = { 'content-type': 'application/json' };
const ok = (body: unknown): Res => ({ statusCode: 200, body: JSON.stringify(body), headers });
const created = (body: unknown): Res => ({ statusCode: 201, body: JSON.stringify(body), headers });
const list = (key: string, items: unknown[]): Res =>
  ok({
    [key]: items,
    meta: { key, page: 0, page_size: 50, next_page_url: null, previous_page_url: null },
  });
const error = (status: number, code: number, message: string): Res => ({
  statusCode: status,
  body: JSON.stringify({
    code,
    message,
    status,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
  }),
  headers,
});
