import { Temporal } from '../dates';
import type { FloorEvent } from './events';
import { dayBounds } from './floor';
import { type QueueSettings, queueForLanguage, settingsOf } from './settings';
import {
  countAbandoned,
  countAnswered,
  countHandled,
  countOffered,
  countRemoved,
  emptyTally,
  figures,
  type Tally,
  type TallyFigures,
} from './tally';

/** One call from the day's events, start to finish. */
export interface CallRecord {
  callId: string;
  queue: string;
  language: 'en' | 'es';
  offeredAt: number;
  answeredAt: number | null;
  abandonedAt: number | null;
  removedAt: number | null;
  agentId: string | null;
  talkMs: number;
  holdMs: number;
  wrapUpMs: number | null;
}

/** Folds a day's events into one record per call (events in any order of arrival). */
export function callRecords(events: readonly FloorEvent[]): CallRecord[] {
  const records = new Map<string, CallRecord>();
  const ensure = (
    callId: string,
    at: number,
    queue: string | null,
    language: 'en' | 'es' | null,
  ) => {
    let r = records.get(callId);
    if (!r) {
      const lang = language ?? 'en';
      r = {
        callId,
        queue: queue ?? queueForLanguage(lang),
        language: lang,
        offeredAt: at,
        answeredAt: null,
        abandonedAt: null,
        removedAt: null,
        agentId: null,
        talkMs: 0,
        holdMs: 0,
        wrapUpMs: null,
      };
      records.set(callId, r);
    }
    return r;
  };
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const e of sorted) {
    switch (e.kind) {
      case 'call.queued': {
        const r = ensure(e.callId, e.at, e.queue, e.language);
        Object.assign(r, {
          queue: e.queue,
          language: e.language,
          offeredAt: Math.min(r.offeredAt, e.at),
        });
        break;
      }
      case 'call.answered': {
        const r = ensure(e.callId, e.offeredAt ?? e.at, e.queue, e.language);
        if (r.answeredAt === null) Object.assign(r, { answeredAt: e.at, agentId: e.agentId });
        break;
      }
      // A call leaves the queue once: the first of abandoned and removed is what happened (a
      // simulated caller the desk let ring out is removed; their later hang-up is no abandon).
      case 'call.abandoned': {
        const r = records.get(e.callId);
        if (r && r.answeredAt === null && r.abandonedAt === null && r.removedAt === null)
          r.abandonedAt = e.at;
        break;
      }
      case 'call.removed': {
        const r = records.get(e.callId);
        if (r && r.answeredAt === null && r.abandonedAt === null && r.removedAt === null)
          r.removedAt = e.at;
        break;
      }
      case 'call.ended': {
        const r = records.get(e.callId);
        if (r) Object.assign(r, { talkMs: e.talkMs, holdMs: e.holdMs });
        break;
      }
      case 'call.wrapped': {
        const r = records.get(e.callId);
        if (r) r.wrapUpMs = e.wrapUpMs;
        break;
      }
      default:
        break;
    }
  }
  return [...records.values()];
}

/** A call's contribution to a tally, by the same rules as the live board. */
export function tallyCall(t: Tally, r: CallRecord, q: QueueSettings): Tally {
  let next = countOffered(t);
  if (r.answeredAt !== null) next = countAnswered(next, r.answeredAt - r.offeredAt, q);
  else if (r.abandonedAt !== null) next = countAbandoned(next, r.abandonedAt - r.offeredAt, q);
  else if (r.removedAt !== null) next = countRemoved(next);
  if (r.answeredAt !== null && r.wrapUpMs !== null)
    next = countHandled(next, { talkMs: r.talkMs, holdMs: r.holdMs, wrapUpMs: r.wrapUpMs });
  return next;
}

export type IntervalMinutes = 15 | 30 | 60;
export const intervalLengths: readonly IntervalMinutes[] = [15, 30, 60];

export interface IntervalRow extends TallyFigures {
  /** The local day the interval is on, YYYY-MM-DD in the report's time zone ('' for a total). */
  date: string;
  /** Local start of the interval, HH:MM in the report's time zone. */
  label: string;
  start: number;
  end: number;
  /** The queue or the agent the row is about. */
  group: string;
}

/** The longest range a report covers, in days: a month of intervals. */
export const MAX_REPORT_DAYS = 31;

export interface IntervalReport {
  /** The first and the last day of the range (the same day for a day's report). */
  from: string;
  to: string;
  timeZone: string;
  minutes: IntervalMinutes;
  by: 'queue' | 'agent';
  groups: string[];
  rows: IntervalRow[];
  /** The whole range per group. */
  totals: IntervalRow[];
  /** Each interval with every group together (the chart's series). */
  overall: IntervalRow[];
}

/** The days from `from` to `to`, both included (none when `to` is before `from`). */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const last = Temporal.PlainDate.from(to);
  for (
    let day = Temporal.PlainDate.from(from);
    Temporal.PlainDate.compare(day, last) <= 0;
    day = day.add({ days: 1 })
  )
    days.push(day.toString());
  return days;
}

/** The intervals of a day, in local time (a DST day has 92 or 100 quarter hours). */
export function intervalsOf(
  date: string,
  timeZone: string,
  minutes: IntervalMinutes,
): { date: string; label: string; start: number; end: number }[] {
  const { end } = dayBounds(date, timeZone);
  const out: { date: string; label: string; start: number; end: number }[] = [];
  let at = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone });
  while (at.epochMilliseconds < end) {
    const next = at.add({ minutes });
    out.push({
      date,
      label: at.toPlainTime().toString({ smallestUnit: 'minute' }),
      start: at.epochMilliseconds,
      end: Math.min(next.epochMilliseconds, end),
    });
    at = next;
  }
  return out;
}

/**
 * A range of days (one day, or up to MAX_REPORT_DAYS) in intervals, by queue or by agent. A call belongs to the interval in which it was
 * offered (entered the queue), with everything that followed: its answer or abandon, its wait
 * and its handle time. So a call offered at 9:14:50 and answered at 9:15:10 is a 9:00 call with
 * 20 s of wait, and each row's service level compares calls with their own outcomes. By agent,
 * a row holds the calls the agent answered (offered, abandoned and service level are the
 * queue's: an abandoned call was never an agent's).
 */
export function intervalReport(
  events: readonly FloorEvent[],
  options: {
    from: string;
    to: string;
    timeZone: string;
    minutes: IntervalMinutes;
    by: 'queue' | 'agent';
    queues: Record<string, QueueSettings>;
  },
): IntervalReport {
  const intervals = daysOf(options.from, options.to).flatMap((day) =>
    intervalsOf(day, options.timeZone, options.minutes),
  );
  const rangeStart = intervals[0]?.start ?? 0;
  const rangeEnd = intervals.at(-1)?.end ?? 0;
  const records = callRecords(events).filter(
    (r) =>
      r.offeredAt >= rangeStart && r.offeredAt < rangeEnd && (options.by === 'queue' || r.agentId),
  );
  const groupOf = (r: CallRecord) => (options.by === 'queue' ? r.queue : r.agentId!);
  const groups = [
    ...new Set([
      ...(options.by === 'queue' ? Object.keys(options.queues) : []),
      ...records.map(groupOf),
    ]),
  ].sort();
  const cells = new Map<string, Tally>();
  const totals = new Map<string, Tally>();
  const overall = new Map<number, Tally>();
  for (const r of records) {
    const i = intervals.findIndex((iv) => r.offeredAt >= iv.start && r.offeredAt < iv.end);
    const key = `${i}\u0000${groupOf(r)}`;
    const q = settingsOf(options.queues, r.queue, r.language);
    cells.set(key, tallyCall(cells.get(key) ?? emptyTally(), r, q));
    totals.set(groupOf(r), tallyCall(totals.get(groupOf(r)) ?? emptyTally(), r, q));
    overall.set(i, tallyCall(overall.get(i) ?? emptyTally(), r, q));
  }
  const rows: IntervalRow[] = [];
  intervals.forEach((iv, i) => {
    for (const group of groups)
      rows.push({ ...iv, group, ...figures(cells.get(`${i}\u0000${group}`) ?? emptyTally()) });
  });
  return {
    from: options.from,
    to: options.to,
    timeZone: options.timeZone,
    minutes: options.minutes,
    by: options.by,
    groups,
    rows,
    totals: groups.map((group) => ({
      date: '',
      label: '',
      start: rangeStart,
      end: rangeEnd,
      group,
      ...figures(totals.get(group) ?? emptyTally()),
    })),
    overall: intervals.map((iv, i) => ({
      ...iv,
      group: '',
      ...figures(overall.get(i) ?? emptyTally()),
    })),
  };
}
