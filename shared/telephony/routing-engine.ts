import { type Attributes, expressionMatches } from './routing-expression';
import type { WorkflowDocument } from './routing-plan';

type WorkflowTarget = WorkflowDocument['task_routing']['filters'][number]['targets'][number];

/**
 * Assigning tasks to workers as TaskRouter documents it ("Lifecycle of a Task"): a task is
 * matched to the first workflow filter its attributes satisfy and waits at each of its targets
 * for the target's timeout; a worker in an available activity, in the target's queue, satisfying
 * its expression and free of other work is reserved (the one idle longest); tasks of higher
 * priority are served first, then the oldest. A reservation is accepted, rejected (the task goes
 * to the next worker, never again to one who rejected it) or times out (the same, and the worker
 * is moved to the timeout activity). No clock and no I/O: `now` is passed in, events come out.
 * The in-process router runs it; the fake TaskRouter of the tests does too, behind TaskRouter's
 * REST API and callbacks.
 */
export type TaskStatus =
  | 'pending'
  | 'reserved'
  | 'assigned'
  | 'wrapping'
  | 'completed'
  | 'canceled';
export type ReservationStatus = 'pending' | 'accepted' | 'rejected' | 'timeout' | 'canceled';

export interface EngineWorker {
  id: string;
  name: string;
  attributes: Attributes;
  activity: string;
  available: boolean;
  /** When the worker last became free for a task (idle longest is offered first). */
  idleSince: number;
  /** The task the worker holds (reserved, assigned or wrapping), if any. */
  taskId: string | null;
}

export interface EngineTask {
  id: string;
  attributes: Attributes;
  status: TaskStatus;
  priority: number;
  createdAt: number;
  /** The workflow's filter the task matched (-1: the default filter), and its current target. */
  filter: number;
  step: number;
  stepAt: number;
  queue: string;
  workerId: string | null;
  reservationId: string | null;
  rejectedBy: Set<string>;
}

export interface EngineReservation {
  id: string;
  taskId: string;
  workerId: string;
  status: ReservationStatus;
  expiresAt: number;
}

/** What happened, named as TaskRouter's event callbacks name it (EventType). */
export type EngineEvent =
  | { type: 'task.created' | 'task.canceled' | 'task.completed' | 'task.wrapup'; task: EngineTask }
  | {
      type:
        | 'reservation.created'
        | 'reservation.accepted'
        | 'reservation.rejected'
        | 'reservation.timeout'
        | 'reservation.canceled';
      task: EngineTask;
      reservation: EngineReservation;
      worker: EngineWorker;
    }
  | { type: 'worker.activity.update'; worker: EngineWorker };

export interface EngineOptions {
  workflow: WorkflowDocument;
  /** Each task queue's TargetWorkers expression, by the id the workflow's targets name. */
  queues: Record<string, string>;
  reservationTimeoutMs: number;
  /** Where a worker whose reservation timed out is moved (TaskRouter's TimeoutActivity). */
  timeoutActivity: { name: string; available: boolean };
  newId: (kind: 'task' | 'reservation') => string;
  emit: (event: EngineEvent) => void;
}

export class RoutingEngine {
  readonly workers = new Map<string, EngineWorker>();
  readonly tasks = new Map<string, EngineTask>();
  readonly reservations = new Map<string, EngineReservation>();

  constructor(private readonly o: EngineOptions) {}

  upsertWorker(id: string, name: string, attributes: Attributes, now: number): EngineWorker {
    const prior = this.workers.get(id);
    const worker: EngineWorker = prior
      ? { ...prior, name, attributes }
      : {
          id,
          name,
          attributes,
          activity: 'Offline',
          available: false,
          idleSince: now,
          taskId: null,
        };
    this.workers.set(id, worker);
    this.assign(now);
    return worker;
  }

  setActivity(id: string, activity: { name: string; available: boolean }, now: number): void {
    const w = this.workers.get(id);
    if (!w) throw new Error(`no worker ${id}`);
    if (w.activity === activity.name) return;
    if (activity.available && !w.available) w.idleSince = now;
    w.activity = activity.name;
    w.available = activity.available;
    this.o.emit({ type: 'worker.activity.update', worker: w });
    this.assign(now);
  }

  createTask(id: string, attributes: Attributes, now: number): EngineTask {
    const { filter, targets } = this.route(attributes);
    const task: EngineTask = {
      id,
      attributes,
      status: 'pending',
      priority: targets[0]?.priority ?? 0,
      createdAt: now,
      filter,
      step: 0,
      stepAt: now,
      queue: targets[0]?.queue ?? this.o.workflow.task_routing.default_filter.queue,
      workerId: null,
      reservationId: null,
      rejectedBy: new Set(),
    };
    this.tasks.set(id, task);
    this.o.emit({ type: 'task.created', task });
    this.assign(now);
    return task;
  }

  private route(attributes: Attributes): { filter: number; targets: WorkflowTarget[] } {
    const filters = this.o.workflow.task_routing.filters;
    const filter = filters.findIndex((f) => expressionMatches(f.expression, { self: attributes }));
    if (filter < 0)
      return { filter, targets: [{ queue: this.o.workflow.task_routing.default_filter.queue }] };
    return { filter, targets: filters[filter].targets };
  }

  private targetsOf(task: EngineTask): WorkflowTarget[] {
    return task.filter < 0
      ? [{ queue: this.o.workflow.task_routing.default_filter.queue }]
      : this.o.workflow.task_routing.filters[task.filter].targets;
  }

  updateReservation(id: string, status: 'accepted' | 'rejected', now: number): EngineReservation {
    const r = this.reservations.get(id);
    if (r?.status !== 'pending') throw new ReservationNotPending(id);
    const task = this.tasks.get(r.taskId)!;
    const worker = this.workers.get(r.workerId)!;
    r.status = status;
    if (status === 'accepted') {
      task.status = 'assigned';
      task.workerId = worker.id;
      this.o.emit({ type: 'reservation.accepted', task, reservation: r, worker });
    } else {
      this.release(task, worker, now);
      this.o.emit({ type: 'reservation.rejected', task, reservation: r, worker });
    }
    this.assign(now);
    return r;
  }

  /** The worker lets the task go; it waits again at the target it had reached. */
  private release(task: EngineTask, worker: EngineWorker, now: number) {
    task.rejectedBy.add(worker.id);
    task.status = 'pending';
    task.reservationId = null;
    worker.taskId = null;
    worker.idleSince = now;
  }

  updateTask(id: string, status: 'wrapping' | 'completed' | 'canceled', now: number): EngineTask {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    if (task.status === 'completed' || task.status === 'canceled') return task;
    if (status === 'canceled') {
      const r = task.reservationId ? this.reservations.get(task.reservationId) : undefined;
      if (r?.status === 'pending') {
        r.status = 'canceled';
        const worker = this.workers.get(r.workerId)!;
        worker.taskId = null;
        worker.idleSince = now;
        this.o.emit({ type: 'reservation.canceled', task, reservation: r, worker });
      }
      if (task.workerId) this.free(task.workerId, now);
      task.status = 'canceled';
      this.o.emit({ type: 'task.canceled', task });
    } else if (status === 'wrapping') {
      task.status = 'wrapping';
      this.o.emit({ type: 'task.wrapup', task });
    } else {
      task.status = 'completed';
      if (task.workerId) this.free(task.workerId, now);
      this.o.emit({ type: 'task.completed', task });
    }
    this.assign(now);
    return task;
  }

  private free(workerId: string, now: number) {
    const w = this.workers.get(workerId);
    if (!w) return;
    w.taskId = null;
    w.idleSince = now;
  }

  /** Runs the clock to `now`: reservations past their time out, tasks past a target's timeout widen. */
  advance(now: number): void {
    for (const r of this.reservations.values()) {
      if (r.status !== 'pending' || r.expiresAt > now) continue;
      r.status = 'timeout';
      const task = this.tasks.get(r.taskId)!;
      const worker = this.workers.get(r.workerId)!;
      this.release(task, worker, now);
      this.o.emit({ type: 'reservation.timeout', task, reservation: r, worker });
      this.setActivity(worker.id, this.o.timeoutActivity, now);
    }
    for (const task of this.tasks.values()) {
      if (task.status !== 'pending') continue;
      const targets = this.targetsOf(task);
      let t = targets[task.step];
      while (
        t?.timeout !== undefined &&
        task.stepAt + t.timeout * 1000 <= now &&
        task.step + 1 < targets.length
      ) {
        task.stepAt += t.timeout * 1000;
        task.step += 1;
        t = targets[task.step];
        task.queue = t.queue;
        if (t.priority !== undefined) task.priority = t.priority;
      }
    }
    this.assign(now);
  }

  /** The earliest time something is due (a reservation's timeout, a target's), or null. */
  nextDue(): number | null {
    let due: number | null = null;
    const at = (t: number) => {
      due = due === null ? t : Math.min(due, t);
    };
    for (const r of this.reservations.values()) if (r.status === 'pending') at(r.expiresAt);
    for (const task of this.tasks.values()) {
      if (task.status !== 'pending') continue;
      const targets = this.targetsOf(task);
      const t = targets[task.step];
      if (t?.timeout !== undefined && task.step + 1 < targets.length)
        at(task.stepAt + t.timeout * 1000);
    }
    return due;
  }

  private assign(now: number) {
    const waiting = [...this.tasks.values()]
      .filter((t) => t.status === 'pending')
      .sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt);
    for (const task of waiting) {
      const target = this.targetsOf(task)[task.step];
      const inQueue = this.o.queues[target.queue] ?? '1==1';
      const expression = target.expression;
      const worker = [...this.workers.values()]
        .filter(
          (w) =>
            w.available &&
            w.taskId === null &&
            !task.rejectedBy.has(w.id) &&
            expressionMatches(inQueue, { self: w.attributes }) &&
            (!expression ||
              expressionMatches(expression, {
                self: task.attributes,
                task: task.attributes,
                worker: { ...w.attributes, sid: w.id },
              })),
        )
        .sort((a, b) => a.idleSince - b.idleSince)[0];
      if (!worker) continue;
      const r: EngineReservation = {
        id: this.o.newId('reservation'),
        taskId: task.id,
        workerId: worker.id,
        status: 'pending',
        expiresAt: now + this.o.reservationTimeoutMs,
      };
      this.reservations.set(r.id, r);
      task.status = 'reserved';
      task.reservationId = r.id;
      task.queue = target.queue;
      worker.taskId = task.id;
      this.o.emit({ type: 'reservation.created', task, reservation: r, worker });
    }
  }
}

export class ReservationNotPending extends Error {
  constructor(readonly reservationId: string) {
    super(`reservation ${reservationId} is not pending`);
    this.name = 'ReservationNotPending';
  }
}
