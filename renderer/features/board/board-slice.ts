import type { StateCreator } from 'zustand';
import type { BoardSnapshotView, HubStatusView, IntervalReportView } from '../../../shared/ipc';
import type { FloorEvent } from '../../../shared/metrics/events';
import { applyEvents, type Floor } from '../../../shared/metrics/floor';
import type { IntervalMinutes } from '../../../shared/metrics/intervals';
import type { DirectiveReason } from '../../../shared/metrics/settings';
import type { ChosenState } from '../../../shared/telephony/types';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';
import type { AgentFilter, AgentSortColumn } from './agent-rows';

/** The lead's views; `users` is an administrator's only. */
export type LeadView = 'desk' | 'board' | 'reports' | 'users';

export interface ReportRequest {
  /** The range's first and last days, both included (the same day for a day's report). */
  from: string;
  to: string;
  minutes: IntervalMinutes;
  by: 'queue' | 'agent';
}

/** A lead's change of this agent's state, as the agent's desktop received it. */
export interface DirectiveNotice {
  state: ChosenState;
  reasonCode: string | null;
  why: string;
  byName: string;
  /** Waiting for the call and its wrap-up to finish. */
  waiting: boolean;
}

export interface BoardSlice {
  leadView: LeadView;
  setLeadView(view: LeadView): void;
  floor: Floor | null;
  boardSettings: BoardSnapshotView['settings'] | null;
  hubStatus: HubStatusView;
  boardSeq: number;
  boardNow: number;
  boardError: string | null;
  agentFilter: AgentFilter;
  agentSort: { column: AgentSortColumn; descending: boolean };
  openBoard(): Promise<void>;
  closeBoard(): void;
  receiveSnapshot(snapshot: BoardSnapshotView): void;
  receiveEvents(seq: number, events: FloorEvent[]): void;
  receiveHubStatus(status: HubStatusView): void;
  setAgentFilter(patch: Partial<AgentFilter>): void;
  sortAgents(column: AgentSortColumn): void;
  direct(
    agentId: string,
    state: ChosenState,
    reasonCode: string | null,
    why: DirectiveReason,
  ): Promise<boolean>;
  /** What the board last did for the lead (a directive sent), shown until the next one. */
  boardNotice: { name: string } | null;
  directiveNotice: DirectiveNotice | null;
  setDirectiveNotice(notice: DirectiveNotice | null): void;
  report: IntervalReportView | null;
  reportRequest: ReportRequest;
  reportLoading: boolean;
  reportError: string | null;
  setReportRequest(patch: Partial<ReportRequest>): void;
  loadReport(): Promise<void>;
  exportReport(lang: 'en' | 'es'): Promise<string | null>;
}

/** How often the board redraws from the events received meanwhile (well within a second). */
export const BOARD_REFRESH_MS = 250;

let pending: FloorEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let ticker: ReturnType<typeof setInterval> | null = null;

function today(): string {
  return new Intl.DateTimeFormat('en-CA').format(new Date());
}

export const createBoardSlice: StateCreator<AppState, [], [], BoardSlice> = (set, get) => ({
  leadView: 'desk',
  setLeadView(leadView) {
    set({ leadView });
  },
  floor: null,
  boardSettings: null,
  hubStatus: { connection: 'closed', sharing: 'single' },
  boardSeq: 0,
  boardNow: Date.now(),
  boardError: null,
  agentFilter: { team: '', state: '', language: '', text: '', alertsOnly: false },
  agentSort: { column: 'name', descending: false },
  async openBoard() {
    if (!ticker) ticker = setInterval(() => set({ boardNow: Date.now() }), 1000);
    try {
      get().receiveSnapshot(await call('hub.subscribe', {}));
      set({ boardError: null });
    } catch (err) {
      set({ boardError: messageKeyOf(err) });
    }
  },
  closeBoard() {
    if (ticker) clearInterval(ticker);
    ticker = null;
    void call('hub.unsubscribe', {}).catch(() => {});
  },
  receiveSnapshot(snapshot) {
    // An older picture than what the events already built is not worth going back to.
    if (snapshot.seq < get().boardSeq) return;
    pending = [];
    set({
      floor: snapshot.floor,
      boardSettings: snapshot.settings,
      hubStatus: snapshot.status,
      boardSeq: snapshot.seq,
      boardNow: Date.now(),
    });
  },
  receiveEvents(seq, events) {
    if (seq <= get().boardSeq || !get().floor) return;
    pending.push(...events);
    set({ boardSeq: seq });
    // Many events a second become one redraw every BOARD_REFRESH_MS.
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      const floor = get().floor;
      if (!floor) return;
      const batch = pending;
      pending = [];
      set({ floor: applyEvents(floor, batch), boardNow: Date.now() });
    }, BOARD_REFRESH_MS);
  },
  receiveHubStatus(hubStatus) {
    set({ hubStatus });
  },
  setAgentFilter(patch) {
    set({ agentFilter: { ...get().agentFilter, ...patch } });
  },
  sortAgents(column) {
    const { agentSort } = get();
    set({
      agentSort:
        agentSort.column === column
          ? { column, descending: !agentSort.descending }
          : { column, descending: column !== 'name' && column !== 'team' && column !== 'state' },
    });
  },
  async direct(agentId, state, reasonCode, why) {
    try {
      await call('hub.direct', { agentId, state, reasonCode, why });
      set({ boardError: null });
      return true;
    } catch (err) {
      set({ boardError: messageKeyOf(err) });
      return false;
    }
  },
  boardNotice: null,
  directiveNotice: null,
  setDirectiveNotice(directiveNotice) {
    set({ directiveNotice });
  },
  report: null,
  reportRequest: { from: today(), to: today(), minutes: 30, by: 'queue' },
  reportLoading: false,
  reportError: null,
  setReportRequest(patch) {
    set({ reportRequest: { ...get().reportRequest, ...patch } });
  },
  async loadReport() {
    set({ reportLoading: true, reportError: null });
    try {
      set({ report: await call('hub.intervals', get().reportRequest) });
    } catch (err) {
      set({ reportError: messageKeyOf(err) });
    } finally {
      set({ reportLoading: false });
    }
  },
  async exportReport(lang) {
    try {
      const { fileName, csv } = await call('hub.intervalsCsv', { ...get().reportRequest, lang });
      // A download from memory: the browser (or Electron's save dialog) writes the file.
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return fileName;
    } catch (err) {
      set({ reportError: messageKeyOf(err) });
      return null;
    }
  },
});
