import { randomBytes } from 'node:crypto';
import type { Principal } from '../../shared/cis';
import {
  type AgentReport,
  eventsOfReports,
  HUB_MAX_MESSAGE_BYTES,
  type HubServerMessage,
  type HubSharing,
  hubClientMessage,
  reasonCodeFits,
} from '../../shared/hub';
import { roleAllows } from '../../shared/ipc/roles';
import {
  applyEvents,
  applyEventsInPlace,
  type BoardSettings,
  defaultLongStateSeconds,
  directiveOf,
  type Floor,
  type FloorEvent,
  newFloor,
  type QueueSettings,
} from '../../shared/metrics';
import { defaultTeamSettings, type TeamSettings } from '../../shared/telephony';
import type { Db } from '../db/database';
import { type HubBus, localBus, natsBus } from './bus';
import { HubStore, type Marks, type Written } from './store';
import { twilioQueued, twilioStatus } from './twilio';

/** One desktop connected to this instance. */
export interface HubConnection {
  readonly principal: Principal;
  /** Sends one JSON text frame (already serialised: a broadcast serialises once). */
  sendText(text: string): void;
  subscribed: boolean;
}

export interface HubOptions {
  db: Db;
  /** This instance's name on the bus and in the stored events' origin. */
  instance?: string;
  /** The time zone of the floor's day (the interval reports' too). */
  timeZone?: string;
  /** NATS servers (TAPLINE_NATS_URL); unset: one hub in the process. */
  natsUrl?: string;
  /** NATS subjects' prefix (TAPLINE_NATS_SUBJECT): floors sharing one NATS keep apart. */
  natsSubject?: string;
  bus?: HubBus;
  now?: () => number;
  /** The team's goals and reason codes (the desks' defaultTeamSettings unless given). */
  team?: TeamSettings;
  /** How long events wait to be sent to leads together (a busy floor sends fewer frames). */
  leadBatchMs?: number;
  /**
   * An agent whose desktop has been gone this long, heard of by no instance meanwhile, is shown
   * Offline (reason `disconnected`): a desktop that crashed does not leave a ghost on the board.
   */
  disconnectGraceMs?: number;
  log?: (message: string, details?: unknown) => void;
}

/** How far ahead of the server's clock a report's time may be (the desktops' clocks drift). */
const REPORT_AHEAD_MS = 2 * 60_000;
/** How long a desktop may hold reports it could not send (a week offline). */
const REPORT_BEHIND_MS = 7 * 24 * 3_600_000;

const errorMessage = (code: string, extra: { ref?: number; details?: unknown } = {}) =>
  JSON.stringify({
    type: 'error',
    code,
    messageKey: `errors:${code}`,
    ...extra,
  } satisfies HubServerMessage);

/**
 * The realtime hub for team leads. Desktops report their agent's states and calls; the hub
 * stores each event (server/hub/store), folds it into the live floor (shared/metrics), passes it
 * to the leads subscribed here and publishes it to the other instances (server/hub/bus). A lead's
 * directive to an agent is an event too: whichever instance holds the agent's desktop delivers it.
 */
export class Hub {
  readonly instance: string;
  readonly timeZone: string;
  readonly store: HubStore;
  readonly bus: HubBus;
  private floorNow: Floor;
  private readonly now: () => number;
  private readonly log: (message: string, details?: unknown) => void;
  private readonly connections = new Set<HubConnection>();
  private readonly byAgent = new Map<string, Set<HubConnection>>();
  private forLeads: FloorEvent[] = [];
  private leadTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly leadBatchMs: number;
  /** Each other instance's seq up to which its events are on this floor. */
  private marks: Marks = new Map();
  /** What other instances send, and the reloads and catch-ups, one after another. */
  private peerWork: Promise<void> = Promise.resolve();
  /** When each agent was last heard of (an event of theirs applied here, from any instance). */
  private readonly lastHeard = new Map<string, number>();
  private readonly goneTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disconnectGraceMs: number;
  readonly settings: BoardSettings;
  private readonly team: TeamSettings;
  private handled = 0;

  private constructor(options: HubOptions) {
    this.instance = options.instance ?? `hub-${randomBytes(4).toString('hex')}`;
    this.timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.store = new HubStore(options.db, this.instance, this.log);
    this.leadBatchMs = options.leadBatchMs ?? 20;
    this.disconnectGraceMs = options.disconnectGraceMs ?? 60_000;
    this.bus =
      options.bus ??
      (options.natsUrl
        ? natsBus({
            servers: options.natsUrl,
            instance: this.instance,
            subjectPrefix: options.natsSubject,
            log: this.log,
          })
        : localBus());
    this.team = options.team ?? defaultTeamSettings;
    // The queues' settings and today's floor come from the database (reload, at start).
    this.settings = {
      queues: {},
      goals: this.team.goals,
      longStateSeconds: defaultLongStateSeconds,
    };
    this.floorNow = newFloor(this.now(), this.timeZone, {});
  }

  /** Starts an instance: the queues' settings, today's picture rebuilt from the stored events. */
  static async start(options: HubOptions): Promise<Hub> {
    const hub = new Hub(options);
    await hub.reload();
    // A batch this instance wrote: on its floor, to its leads, and to the other instances.
    hub.store.onWritten((events, written) => {
      hub.apply(events);
      hub.bus.publish(events, written);
    });
    hub.bus.onEvents((events, writer, written) =>
      hub.serially(() => hub.fromPeer(events, writer, written)),
    );
    hub.bus.onControl((m) => {
      if (m.type === 'settings') hub.serially(() => hub.reload());
      else hub.serially(() => hub.catchUp());
    });
    hub.bus.onSharing((sharing) => hub.sharingChanged(sharing));
    return hub;
  }

  private serially(work: () => Promise<void>): Promise<void> {
    this.peerWork = this.peerWork
      .then(work)
      .catch((err) => this.log('the floor did not catch up', (err as Error).message));
    return this.peerWork;
  }

  floor(): Floor {
    return this.floorNow;
  }

  sharing(): HubSharing {
    return this.bus.sharing();
  }

  /** Events applied since start (the bench's count). */
  eventsHandled(): number {
    return this.handled;
  }

  /** Rebuilds today's floor from the database: at start, and when queue settings change. */
  async reload(): Promise<void> {
    const queues = await this.store.queues();
    this.settings.queues = queues;
    const fresh = newFloor(this.now(), this.timeZone, queues);
    const { events, marks } = await this.store.snapshot(fresh.day.start, fresh.day.end);
    const own = marks.get(this.instance) ?? 0;
    marks.delete(this.instance);
    this.floorNow = applyEvents(fresh, events);
    this.marks = marks;
    // This instance's batches written since the snapshot went to the floor it replaced.
    const written = this.store.lastWritten();
    if (written > own)
      applyEventsInPlace(this.floorNow, await this.store.writtenBy(this.instance, own, written));
    this.snapshotToLeads();
  }

  private sharingChanged(sharing: HubSharing): void {
    if (sharing === 'shared') {
      // Back with the others: each side catches up on what the other wrote meanwhile.
      this.bus.control({ type: 'resync', origin: this.instance });
      void this.serially(() => this.catchUp());
    }
    const text = JSON.stringify({ type: 'status', sharing } satisfies HubServerMessage);
    for (const c of this.connections) if (c.subscribed) c.sendText(text);
  }

  /**
   * A batch another instance wrote. One whose predecessor in that instance's sequence never
   * reached this one (a message lost, or written while the two were apart) is preceded by what
   * is missing, read from the database; one already read from there is not applied again.
   */
  private async fromPeer(events: FloorEvent[], writer: string, written: Written): Promise<void> {
    const mark = this.marks.get(writer) ?? 0;
    if (written.upTo <= mark) return;
    if (written.after > mark) this.apply(await this.store.writtenBy(writer, mark, written.after));
    this.apply(events);
    this.marks.set(writer, written.upTo);
  }

  /** Applies what the other instances wrote past this floor's marks, then gives the leads a fresh picture. */
  private async catchUp(): Promise<void> {
    const { events, marks } = await this.store.unseen(this.marks);
    this.apply(events, false);
    for (const [writer, seq] of marks) this.marks.set(writer, seq);
    this.snapshotToLeads();
  }

  private snapshotToLeads(): void {
    // The events waiting for the leads are in the picture: sent after it, they would count twice.
    this.forLeads = [];
    const text = this.snapshotText();
    for (const c of this.connections) if (c.subscribed) c.sendText(text);
  }

  private snapshotText(): string {
    return JSON.stringify({
      type: 'snapshot',
      floor: this.floorNow,
      settings: { goals: this.settings.goals, longStateSeconds: this.settings.longStateSeconds },
      sharing: this.bus.sharing(),
    } satisfies HubServerMessage);
  }

  /**
   * Events that reached this instance: stored first (a resend stores nothing and changes
   * nothing), then applied, passed to the leads and published to the other instances.
   */
  async ingest(events: FloorEvent[], origin: string = this.instance): Promise<FloorEvent[]> {
    // Applied and published as its batch is written (store.onWritten, set at start).
    const stored = await this.store.append(events, origin);
    return events.filter((e) => stored.has(e.id));
  }

  /** Events on this floor (directives delivered to the desktops here), and to the leads unless a fresh picture follows. */
  private apply(events: FloorEvent[], toLeads = true): void {
    if (events.length === 0) return;
    // The hub's floor is its own: events change it in place (a thousand agents are not copied
    // for every event).
    applyEventsInPlace(this.floorNow, events);
    const heard = this.now();
    for (const e of events) {
      if (e.kind === 'agent.directed') this.deliverDirective(e);
      else if ('agentId' in e) this.lastHeard.set(e.agentId, heard);
    }
    this.handled += events.length;
    if (!toLeads) return;
    this.forLeads.push(...events);
    if (!this.leadTimer) this.leadTimer = setTimeout(() => this.flushLeads(), this.leadBatchMs);
  }

  private flushLeads(): void {
    this.leadTimer = null;
    const events = this.forLeads.splice(0);
    if (events.length === 0) return;
    const text = JSON.stringify({ type: 'events', events } satisfies HubServerMessage);
    for (const c of this.connections) if (c.subscribed) c.sendText(text);
  }

  private deliverDirective(e: Extract<FloorEvent, { kind: 'agent.directed' }>): void {
    const text = JSON.stringify({
      type: 'directive',
      ...directiveOf(e),
    } satisfies HubServerMessage);
    for (const c of this.byAgent.get(e.agentId) ?? []) c.sendText(text);
  }

  attach(conn: HubConnection): void {
    this.connections.add(conn);
    const id = conn.principal.userId;
    clearTimeout(this.goneTimers.get(id));
    this.goneTimers.delete(id);
    this.byAgent.set(id, new Set([...(this.byAgent.get(id) ?? []), conn]));
    conn.sendText(
      JSON.stringify({
        type: 'welcome',
        instance: this.instance,
        userId: id,
        role: conn.principal.role,
        sharing: this.bus.sharing(),
      } satisfies HubServerMessage),
    );
    // A directive given while the desktop was away is still waiting for it.
    const pending = this.floorNow.agents[id]?.pending;
    if (pending)
      conn.sendText(JSON.stringify({ type: 'directive', ...pending } satisfies HubServerMessage));
  }

  detach(conn: HubConnection): void {
    this.connections.delete(conn);
    const id = conn.principal.userId;
    const set = this.byAgent.get(id);
    set?.delete(conn);
    if (set?.size !== 0) return;
    this.byAgent.delete(id);
    const gone = this.now();
    clearTimeout(this.goneTimers.get(id));
    const timer = setTimeout(() => {
      this.goneTimers.delete(id);
      void this.markGone(id, gone);
    }, this.disconnectGraceMs);
    timer.unref();
    this.goneTimers.set(id, timer);
  }

  /**
   * The session of this connection ended (signed out): the agent is Offline at once when no other
   * desktop of theirs is connected, as the desktop itself would have said on a socket still open.
   */
  async signedOut(conn: HubConnection): Promise<void> {
    this.connections.delete(conn);
    const id = conn.principal.userId;
    const set = this.byAgent.get(id);
    set?.delete(conn);
    if (set && set.size > 0) return;
    this.byAgent.delete(id);
    clearTimeout(this.goneTimers.get(id));
    this.goneTimers.delete(id);
    const agent = this.floorNow.agents[id];
    if (!agent || agent.state === 'offline') return;
    await this.ingest([
      {
        kind: 'agent.state',
        id: `signed-out:${id}:${this.now()}`,
        at: this.now(),
        agentId: id,
        name: agent.name,
        team: agent.team,
        languages: agent.languages,
        state: 'offline',
        reasonCode: null,
      },
    ]).catch((err) =>
      this.log('a signed-out agent could not be shown offline', (err as Error).message),
    );
  }

  /** The agent's desktop left and nothing was heard of them since, here or on another instance. */
  private async markGone(id: string, gone: number): Promise<void> {
    const agent = this.floorNow.agents[id];
    if (this.byAgent.has(id) || !agent || agent.state === 'offline') return;
    if ((this.lastHeard.get(id) ?? 0) > gone) return;
    await this.ingest([
      {
        kind: 'agent.state',
        id: `disconnected:${id}:${this.now()}`,
        at: this.now(),
        agentId: id,
        name: agent.name,
        team: agent.team,
        languages: agent.languages,
        state: 'offline',
        reasonCode: 'disconnected',
      },
    ]).catch((err) => this.log('an agent gone could not be shown offline', (err as Error).message));
  }

  /** One message from a desktop: whatever it is, the answer is a message, never a crash. */
  async receive(conn: HubConnection, raw: string): Promise<void> {
    if (Buffer.byteLength(raw) > HUB_MAX_MESSAGE_BYTES) {
      conn.sendText(errorMessage('too_large', { details: { limit: HUB_MAX_MESSAGE_BYTES } }));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      conn.sendText(errorMessage('bad_request', { details: { reason: 'not JSON' } }));
      return;
    }
    const parsed = hubClientMessage.safeParse(json);
    if (!parsed.success) {
      conn.sendText(
        errorMessage('bad_request', {
          details: {
            issues: parsed.error.issues
              .slice(0, 3)
              .map((i) => ({ path: i.path.map(String), message: i.message })),
          },
        }),
      );
      return;
    }
    const m = parsed.data;
    const role = conn.principal.role;
    switch (m.type) {
      case 'report': {
        // The server's clock decides what a report's time may be: one from the future (or from
        // long ago) would move the floor's day and wipe every tally.
        const now = this.now();
        const inTime = (r: AgentReport) =>
          [r.at, r.kind === 'answered' ? r.offeredAt : null].every(
            (t) => t === null || (t <= now + REPORT_AHEAD_MS && t >= now - REPORT_BEHIND_MS),
          );
        const refused = m.reports.filter((r) => !inTime(r)).map((r) => r.id);
        const events = eventsOfReports(
          m.reports.filter((r) => inTime(r)),
          conn.principal,
        );
        try {
          await this.ingest(events);
          if (refused.length > 0) {
            conn.sendText(errorMessage('bad_request', { details: { reason: 'clock', refused } }));
          }
          // Refused reports are acknowledged too: sent again, they would be refused again.
          conn.sendText(
            JSON.stringify({
              type: 'ack',
              ids: m.reports.map((r) => r.id),
            } satisfies HubServerMessage),
          );
        } catch {
          // Not stored, so not acknowledged: the desktop keeps the reports and sends them again.
          conn.sendText(errorMessage('unavailable'));
        }
        return;
      }
      case 'subscribe':
        if (!roleAllows(['lead'], role)) {
          conn.sendText(errorMessage('forbidden', { details: { needs: 'lead' } }));
          return;
        }
        conn.subscribed = true;
        conn.sendText(this.snapshotText());
        return;
      case 'unsubscribe':
        conn.subscribed = false;
        return;
      case 'direct': {
        if (!roleAllows(['lead'], role)) {
          conn.sendText(errorMessage('forbidden', { ref: m.ref, details: { needs: 'lead' } }));
          return;
        }
        if (!this.floorNow.agents[m.agentId]) {
          conn.sendText(errorMessage('not_found', { ref: m.ref, details: { agentId: m.agentId } }));
          return;
        }
        if (!reasonCodeFits(m.state, m.reasonCode, this.team)) {
          conn.sendText(
            errorMessage('bad_request', {
              ref: m.ref,
              details: { field: 'reasonCode', state: m.state, reasonCode: m.reasonCode },
            }),
          );
          return;
        }
        try {
          await this.ingest([
            {
              kind: 'agent.directed',
              id: `directive:${randomBytes(8).toString('hex')}`,
              at: this.now(),
              agentId: m.agentId,
              state: m.state,
              reasonCode: m.reasonCode,
              why: m.why,
              by: conn.principal.userId,
              byName: conn.principal.name,
            },
          ]);
          conn.sendText(
            JSON.stringify({ type: 'directed', ref: m.ref } satisfies HubServerMessage),
          );
        } catch {
          conn.sendText(errorMessage('unavailable', { ref: m.ref }));
        }
        return;
      }
    }
  }

  /** The voice webhook put a caller in a language queue. */
  twilioQueued(call: { callSid: string; queue: string; language: 'en' | 'es' }): void {
    this.ingest([twilioQueued(call, this.now())], 'twilio').catch((err) =>
      this.log('a Twilio queue event was not stored', (err as Error).message),
    );
  }

  /** A Twilio status callback. */
  twilioStatus(params: Record<string, string>): void {
    const events = twilioStatus(params, this.now(), (id) => {
      const call = this.floorNow.calls[id];
      return call !== undefined && call.answeredAt === null;
    });
    if (events.length)
      this.ingest(events, 'twilio').catch((err) =>
        this.log('a Twilio status event was not stored', (err as Error).message),
      );
  }

  async saveQueue(q: QueueSettings, by: string): Promise<void> {
    await this.store.saveQueue(q, by);
    await this.serially(() => this.reload());
    this.bus.control({ type: 'settings', origin: this.instance });
  }

  async close(): Promise<void> {
    if (this.leadTimer) clearTimeout(this.leadTimer);
    for (const timer of this.goneTimers.values()) clearTimeout(timer);
    this.flushLeads();
    await this.store.flushed();
    await this.peerWork;
    await this.bus.close();
  }
}
