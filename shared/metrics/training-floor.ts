import { mulberry32 } from '../random';
import { type AgentState, defaultTeamSettings } from '../telephony/types';
import type { FloorEvent } from './events';
import { dayBounds } from './floor';

/**
 * A realistic day on a utility's phone floor, for training and demonstrations: agents on shifts
 * with breaks and lunch, calls arriving in English and Spanish with the day's peaks, callers who
 * give up when kept waiting, talk, hold and wrap-up. Deterministic for a date and a seed, so the
 * hub can replay the part of the day already gone after a restart and play the rest live.
 */
export interface TrainingFloorOptions {
  date: string;
  timeZone: string;
  seed?: number;
  agents?: number;
  /** Calls an hour at the busiest hour, all queues together. */
  peakCallsPerHour?: number;
  /** Share of callers who speak Spanish. */
  spanishShare?: number;
}

const FIRST = [
  'Ana',
  'Brian',
  'Carmen',
  'Darnell',
  'Elena',
  'Frank',
  'Gabriela',
  'Hector',
  'Irene',
  'Jamal',
  'Keisha',
  'Luis',
  'Maria',
  'Nathan',
  'Olivia',
  'Pedro',
  'Quinn',
  'Rosa',
  'Samuel',
  'Teresa',
  'Umar',
  'Valeria',
  'Walter',
  'Ximena',
  'Yolanda',
  'Zach',
  'Andre',
  'Beatriz',
  'Carlos',
  'Dana',
];
const LAST = [
  'Alvarez',
  'Brooks',
  'Castillo',
  'Dawson',
  'Estrada',
  'Fischer',
  'Garcia',
  'Harris',
  'Ibarra',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Morales',
  'Nguyen',
  'Ortiz',
  'Patel',
  'Quintero',
  'Reyes',
  'Sullivan',
  'Torres',
  'Underwood',
  'Vargas',
  'Washington',
  'Young',
];
/** The training floor's teams (named in board:teams.names). */
export const trainingTeams = ['care-a', 'care-b', 'care-c'];
const WRAP_CODES = [
  'billing-question',
  'payment-arrangement',
  'high-bill',
  'start-stop-service',
  'leak-emergency',
];

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Arrivals by hour of the day as a share of the peak: a utility's morning and early-afternoon peaks. */
const LOAD_BY_HOUR = [
  0.04, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.45, 0.8, 0.95, 1, 0.95, 0.8, 0.9, 0.95, 0.85, 0.7,
  0.55, 0.35, 0.2, 0.12, 0.08, 0.06, 0.05,
];

interface SimAgent {
  id: string;
  name: string;
  team: string;
  languages: ('en' | 'es')[];
  /** [login, logout] in ms, and the breaks [start, length] within. */
  shifts: { from: number; to: number; breaks: { at: number; ms: number; state: AgentState }[] }[];
  busy: boolean;
  aux: boolean;
  loggedIn: boolean;
  idleSince: number;
  pendingAux: { state: AgentState; ms: number } | null;
}

interface SimCall {
  id: string;
  queue: string;
  language: 'en' | 'es';
  at: number;
  patienceMs: number;
  done: boolean;
}

type Step = { at: number; seq: number; run: () => void };

/** A binary heap of timed steps (the simulation's future). */
class Agenda {
  private heap: Step[] = [];
  private seq = 0;
  push(at: number, run: () => void): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Step | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
  private less(a: Step, b: Step): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

export function trainingFloorDay(options: TrainingFloorOptions): FloorEvent[] {
  const { start, end } = dayBounds(options.date, options.timeZone);
  const random = mulberry32((options.seed ?? 1) ^ hash(options.date));
  const count = options.agents ?? 36;
  const peak = options.peakCallsPerHour ?? Math.round(count * 6.5);
  const spanishShare = options.spanishShare ?? 0.25;
  const H = 3600_000;
  const M = 60_000;
  const events: FloorEvent[] = [];
  let n = 0;
  const id = () => `training-${options.date}-${++n}`;
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;

  const agents: SimAgent[] = Array.from({ length: count }, (_, i) => {
    const bilingual = random() < 0.35;
    const kind = i % 10;
    // Seven in ten on day shifts, two on evenings, one on the overnight emergency line.
    const windows =
      kind < 7
        ? [[between(6.75, 10.5) * H, 0]]
        : kind < 9
          ? [[between(12, 15.5) * H, 0]]
          : [
              [0, 6.5 * H],
              [22 * H, 24 * H - 1],
            ];
    const shifts = windows.map(([from, to]) => {
      const login = start + from;
      const logout = to ? start + to : Math.min(end - 1, login + 8.5 * H);
      const len = logout - login;
      const breaks =
        len > 6 * H
          ? [
              { at: login + len * 0.25, ms: 15 * M, state: 'break' as const },
              { at: login + len * 0.5, ms: 30 * M, state: 'lunch' as const },
              { at: login + len * 0.75, ms: 15 * M, state: 'break' as const },
            ]
          : [{ at: login + len / 2, ms: 15 * M, state: 'break' as const }];
      return { from: login, to: logout, breaks };
    });
    return {
      id: `training-agent-${i + 1}`,
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      team: trainingTeams[i % trainingTeams.length],
      languages: bilingual ? ['en', 'es'] : ['en'],
      shifts,
      busy: false,
      aux: false,
      loggedIn: false,
      idleSince: 0,
      pendingAux: null,
    };
  });

  const agenda = new Agenda();
  const waiting: SimCall[] = [];

  const state = (a: SimAgent, at: number, s: AgentState, reasonCode: string | null = null) =>
    events.push({
      kind: 'agent.state',
      id: id(),
      at: Math.round(at),
      agentId: a.id,
      name: a.name,
      team: a.team,
      languages: a.languages,
      state: s,
      reasonCode,
    });

  const free = (a: SimAgent, at: number) => {
    a.busy = false;
    if (!a.loggedIn) {
      state(a, at, 'offline');
      return;
    }
    if (!a.pendingAux && random() < 0.03)
      a.pendingAux = { state: 'not-ready', ms: between(2, 12) * M };
    if (a.pendingAux) {
      const aux = a.pendingAux;
      a.pendingAux = null;
      goAux(a, at, aux.state, aux.ms);
      return;
    }
    state(a, at, 'available');
    a.idleSince = at;
    const call = nextWaiting(a);
    if (call) take(a, call, at);
  };

  const goAux = (a: SimAgent, at: number, s: AgentState, ms: number) => {
    a.aux = true;
    // A code of the team's own list, so the board names it in the lead's language.
    state(a, at, s, s === 'not-ready' ? defaultTeamSettings.reasonCodes['not-ready'][0] : null);
    agenda.push(at + ms, () => {
      a.aux = false;
      free(a, at + ms);
    });
  };

  const nextWaiting = (a: SimAgent): SimCall | undefined => {
    // Bilingual agents take Spanish callers first: they are the scarcer skill.
    const mine = waiting.filter((c) => !c.done && a.languages.includes(c.language));
    const spanish = mine.filter((c) => c.language === 'es');
    const pick = (spanish.length && a.languages.includes('es') ? spanish : mine)[0];
    if (pick) waiting.splice(waiting.indexOf(pick), 1);
    return pick;
  };

  const take = (a: SimAgent, call: SimCall, at: number) => {
    a.busy = true;
    call.done = true;
    const ring = between(2000, 6000);
    state(a, at, 'ringing');
    const answered = at + ring;
    const talk = Math.max(45_000, exp(290_000));
    const hold = random() < 0.25 ? between(20_000, 100_000) : 0;
    const wrap = Math.max(10_000, exp(45_000));
    agenda.push(answered, () => {
      events.push({
        kind: 'call.answered',
        id: id(),
        at: Math.round(answered),
        callId: call.id,
        agentId: a.id,
        queue: null,
        language: null,
        offeredAt: null,
      });
      state(a, answered, 'on-call');
      if (hold) {
        const holdAt = answered + talk * 0.5;
        state(a, holdAt, 'on-hold');
        state(a, holdAt + hold, 'on-call');
      }
      const ended = answered + talk + hold;
      events.push({
        kind: 'call.ended',
        id: id(),
        at: Math.round(ended),
        callId: call.id,
        agentId: a.id,
        talkMs: Math.round(talk),
        holdMs: Math.round(hold),
      });
      state(a, ended, 'wrap-up');
      const wrapped = ended + wrap;
      agenda.push(wrapped, () => {
        events.push({
          kind: 'call.wrapped',
          id: id(),
          at: Math.round(wrapped),
          callId: call.id,
          agentId: a.id,
          wrapUpMs: Math.round(wrap),
          code: WRAP_CODES[Math.floor(random() * WRAP_CODES.length)],
        });
        free(a, wrapped);
      });
    });
  };

  const arrive = (at: number) => {
    const language = random() < spanishShare ? 'es' : 'en';
    const call: SimCall = {
      id: `training-call-${options.date}-${++n}`,
      queue: language === 'es' ? 'spanish' : 'english',
      language,
      at,
      // Most callers wait a couple of minutes; a few hang up at the greeting (short abandons).
      patienceMs: random() < 0.04 ? between(1000, 4000) : Math.max(8000, exp(150_000)),
      done: false,
    };
    events.push({
      kind: 'call.queued',
      id: id(),
      at: Math.round(at),
      callId: call.id,
      queue: call.queue,
      language,
    });
    const idle = agents
      .filter((a) => a.loggedIn && !a.busy && !a.aux && a.languages.includes(language))
      .sort((x, y) => x.idleSince - y.idleSince)[0];
    if (idle) take(idle, call, at);
    else {
      waiting.push(call);
      agenda.push(at + call.patienceMs, () => {
        if (call.done) return;
        call.done = true;
        waiting.splice(waiting.indexOf(call), 1);
        events.push({
          kind: 'call.abandoned',
          id: id(),
          at: Math.round(at + call.patienceMs),
          callId: call.id,
        });
      });
    }
  };

  // Arrivals: a Poisson process whose rate follows the hour of the day.
  for (let hour = 0; hour < 24; hour++) {
    const rate = peak * LOAD_BY_HOUR[hour];
    let t = start + hour * H + exp(H / Math.max(rate, 0.01));
    while (t < start + (hour + 1) * H && t < end) {
      const at = t;
      agenda.push(at, () => arrive(at));
      t += exp(H / rate);
    }
  }
  for (const a of agents) {
    for (const shift of a.shifts) {
      agenda.push(shift.from, () => {
        a.loggedIn = true;
        free(a, shift.from);
      });
      for (const b of shift.breaks)
        agenda.push(b.at, () => {
          if (!a.loggedIn) return;
          if (a.busy || a.aux) a.pendingAux = { state: b.state, ms: b.ms };
          else goAux(a, b.at, b.state, b.ms);
        });
      agenda.push(shift.to, () => {
        // An agent on a call or a break at the end of the shift logs out when it is over.
        a.loggedIn = false;
        a.pendingAux = null;
        if (!a.busy && !a.aux) state(a, shift.to, 'offline');
      });
    }
  }

  for (let step = agenda.pop(); step && step.at < end; step = agenda.pop()) step.run();
  return events.filter((e) => e.at < end).sort((a, b) => a.at - b.at);
}
