import WebSocket from 'ws';
import {
  type AgentReport,
  HUB_PATH,
  type HubServerMessage,
  type HubSharing,
  hubServerMessage,
} from '../../../shared/hub';
import type { BoardSnapshotView, HubStatusView } from '../../../shared/ipc';
import { IpcFailure, ipcError } from '../../../shared/ipc';
import { applyEvents, type Floor, type FloorEvent, floorSchema } from '../../../shared/metrics';
import { defaultLongStateSeconds } from '../../../shared/metrics/settings';
import { defaultTeamSettings } from '../../../shared/telephony';

export interface HubLinkEvents {
  status(status: HubStatusView): void;
  snapshot(snapshot: BoardSnapshotView): void;
  events(seq: number, events: FloorEvent[]): void;
  directive(d: Extract<HubServerMessage, { type: 'directive' }>): void;
}

/** Reports kept for the hub while it is away: a working day of one agent's, many times over. */
const MAX_WAITING = 10_000;
const DIRECT_TIMEOUT_MS = 8000;

/**
 * The desktop's WebSocket to the hub (plain Node, `ws`): authenticated with the CIS session
 * token, reconnecting with backoff (1 s to 30 s). Reports wait until the hub acknowledges them
 * as stored and are sent again after a reconnection (the hub stores a resend once). For a lead,
 * it keeps the board's floor from the hub's snapshot and events, so a window that opens later
 * gets the picture at once.
 */
export class HubLink {
  private ws: WebSocket | null = null;
  private target: { url: string; token: string } | null = null;
  private retry = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly waiting = new Map<string, AgentReport>();
  private connection: HubStatusView['connection'] = 'closed';
  private sharing: HubSharing = 'single';
  private board = false;
  private floor: Floor | null = null;
  private settings: BoardSnapshotView['settings'] = {
    goals: defaultTeamSettings.goals,
    longStateSeconds: defaultLongStateSeconds,
  };
  private seq = 0;
  private ref = 0;
  private readonly directs = new Map<number, { resolve(): void; reject(err: unknown): void }>();
  private readonly snapshotWaiters: (() => void)[] = [];
  /** The agent's state as last reported: said again on every connection, so the hub knows the
   * desktop is there, and ended with Offline when the agent signs out. */
  private lastState: Extract<AgentReport, { kind: 'state' }> | null = null;
  private resent = 0;

  constructor(
    private readonly on: HubLinkEvents,
    private readonly log: (message: string, details?: unknown) => void = () => {},
  ) {}

  status(): HubStatusView {
    return { connection: this.connection, sharing: this.sharing };
  }

  /** Connects as the signed-in user (the CIS's base URL and session token), or disconnects. */
  signIn(baseUrl: string, token: string): void {
    this.signOut();
    this.target = { url: `${baseUrl.replace(/^http/, 'ws')}${HUB_PATH}`, token };
    this.connect();
  }

  signOut(): void {
    // Signing out ends the agent's day on the board: Offline, on the socket still open.
    if (this.lastState && this.lastState.state !== 'offline')
      this.send({
        type: 'report',
        reports: [
          {
            kind: 'state',
            id: `${this.lastState.id.slice(0, 40)}-out-${(++this.resent).toString(36)}`,
            at: Date.now(),
            state: 'offline',
            reasonCode: null,
          },
        ],
      });
    this.lastState = null;
    this.target = null;
    this.board = false;
    this.floor = null;
    this.waiting.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.removeAllListeners();
    ws?.on('error', () => {});
    if (ws?.readyState === WebSocket.OPEN) ws.close(1000, 'signed out');
    else ws?.terminate();
    this.failDirects('hub_offline');
    this.setConnection('closed');
  }

  private setConnection(connection: HubStatusView['connection']): void {
    if (connection === this.connection) return;
    this.connection = connection;
    this.on.status(this.status());
  }

  private connect(): void {
    if (!this.target) return;
    this.setConnection('connecting');
    const ws = new WebSocket(this.target.url, {
      headers: { authorization: `Bearer ${this.target.token}` },
      handshakeTimeout: 5000,
    });
    this.ws = ws;
    ws.on('open', () => {
      this.retry = 0;
      this.setConnection('open');
      this.flush([...this.waiting.values()]);
      if (this.lastState && !this.waiting.has(this.lastState.id))
        this.send({
          type: 'report',
          reports: [
            {
              ...this.lastState,
              id: `${this.lastState.id.slice(0, 40)}-again-${(++this.resent).toString(36)}`,
            },
          ],
        });
      if (this.board) this.send({ type: 'subscribe' });
    });
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('unexpected-response', (_req, res) => {
      this.log(`the hub refused the connection (HTTP ${res.statusCode})`);
      ws.terminate();
    });
    ws.on('error', (err) => this.log('hub connection', err.message));
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.failDirects('hub_offline');
      if (!this.target) return this.setConnection('closed');
      this.setConnection('connecting');
      this.retry += 1;
      this.retryTimer = setTimeout(
        () => this.connect(),
        Math.min(30_000, 1000 * 2 ** Math.min(this.retry - 1, 5)),
      );
    });
  }

  private send(message: unknown): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  private flush(reports: AgentReport[]): void {
    for (let i = 0; i < reports.length; i += 200)
      this.send({ type: 'report', reports: reports.slice(i, i + 200) });
  }

  /** Queues the desk's reports and sends them when the hub is there; answers how many wait. */
  report(reports: AgentReport[]): number {
    for (const r of reports) {
      this.waiting.set(r.id, r);
      if (r.kind === 'state') this.lastState = r;
    }
    while (this.waiting.size > MAX_WAITING) {
      const oldest = this.waiting.keys().next().value!;
      this.waiting.delete(oldest);
      this.log('the hub has been away too long: the oldest report waiting was dropped');
    }
    this.flush(reports);
    return this.waiting.size;
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.log('the hub sent something that is not JSON');
      return;
    }
    const parsed = hubServerMessage.safeParse(json);
    if (!parsed.success) {
      this.log('the hub sent a message outside the protocol', parsed.error.issues[0]);
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'welcome':
      case 'status':
        this.sharing = m.sharing;
        this.on.status(this.status());
        return;
      case 'ack':
        for (const id of m.ids) this.waiting.delete(id);
        return;
      case 'snapshot': {
        const floor = floorSchema.safeParse(m.floor);
        if (!floor.success) {
          this.log('the hub sent a board outside the protocol', floor.error.issues[0]);
          return;
        }
        this.floor = floor.data;
        this.settings = m.settings;
        this.sharing = m.sharing;
        this.seq += 1;
        this.on.snapshot(this.snapshot());
        for (const w of this.snapshotWaiters.splice(0)) w();
        return;
      }
      case 'events':
        if (!this.floor) return;
        this.floor = applyEvents(this.floor, m.events);
        this.seq += 1;
        this.on.events(this.seq, m.events);
        return;
      case 'directive':
        this.on.directive(m);
        return;
      case 'directed':
        this.directs.get(m.ref)?.resolve();
        this.directs.delete(m.ref);
        return;
      case 'error':
        if (m.ref !== undefined && this.directs.has(m.ref)) {
          this.directs.get(m.ref)?.reject(new IpcFailure(ipcError(m.code, m.details)));
          this.directs.delete(m.ref);
        } else if (m.code === 'unavailable') {
          // The hub could not store the reports: they are still waiting; send them again shortly.
          setTimeout(() => this.flush([...this.waiting.values()]), 2000).unref();
        } else this.log(`the hub answered ${m.code}`, m.details);
        return;
    }
  }

  snapshot(): BoardSnapshotView {
    return { seq: this.seq, floor: this.floor, settings: this.settings, status: this.status() };
  }

  /** The lead's board: subscribes (once), and answers the picture as soon as the hub sends it. */
  async subscribe(waitMs = 3000): Promise<BoardSnapshotView> {
    if (!this.board) {
      this.board = true;
      this.floor = null;
      this.send({ type: 'subscribe' });
    }
    if (!this.floor && this.connection === 'open')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.snapshotWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    return this.snapshot();
  }

  unsubscribe(): void {
    this.board = false;
    this.floor = null;
    this.send({ type: 'unsubscribe' });
  }

  /** A lead's directive, answered when the hub has stored it (or refused it). */
  direct(agentId: string, state: string, reasonCode: string | null, why: string): Promise<void> {
    const ref = ++this.ref;
    return new Promise((resolve, reject) => {
      if (!this.send({ type: 'direct', ref, agentId, state, reasonCode, why })) {
        reject(new IpcFailure(ipcError('hub_offline')));
        return;
      }
      const timer = setTimeout(() => {
        this.directs.delete(ref);
        reject(new IpcFailure(ipcError('hub_offline')));
      }, DIRECT_TIMEOUT_MS);
      this.directs.set(ref, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
  }

  private failDirects(code: string): void {
    for (const d of this.directs.values()) d.reject(new IpcFailure(ipcError(code)));
    this.directs.clear();
  }
}
