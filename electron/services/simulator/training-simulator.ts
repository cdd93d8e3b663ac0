import { phoneDigits } from '../../../shared/cis';
import type { CallReason, SoftphoneEvent } from '../../../shared/telephony';

export interface SimulatedCaller {
  phone: string;
  name: string;
  language: 'en' | 'es';
  accountNumber: string | null;
  /** Why they call, fitting their account: past-due, disconnection-notice, high-bill, leak... */
  reason: CallReason;
}

/** Where simulated callers come from: the synthetic customers of the CIS. */
export interface CallerSource {
  next(random: () => number): SimulatedCaller | null;
}

export interface SimulatorSettings {
  /** The mean arrival rate; 0 stops arrivals (the trainee rings calls in by hand). */
  callsPerHour: number;
  /** A ringing caller gives up after this long. */
  ringPatienceSeconds: number;
  /** A held caller hangs up after this long. */
  holdPatienceSeconds: number;
  /** Transfers to a target ending in this fail (so trainees practise a failed transfer). */
  failingTransferSuffix: string;
  /** How long a transfer takes to be answered or to fail. */
  transferSeconds: number;
}

export const defaultSimulatorSettings: SimulatorSettings = {
  callsPerHour: 0,
  ringPatienceSeconds: 60,
  holdPatienceSeconds: 180,
  failingTransferSuffix: '0000',
  transferSeconds: 3,
};

type SimCallState = 'ringing' | 'connected' | 'held' | 'transferring';

interface SimCall {
  id: string;
  caller: SimulatedCaller;
  state: SimCallState;
  /** The caller's patience (ringing or held) or the transfer's outcome. */
  timer: ReturnType<typeof setTimeout> | null;
  transferTarget: string | null;
  /** Digits keyed since the last `#` or `*`. */
  entry: string;
}

/** A simulated caller entering the queue, giving up while it rings, or declined by the agent. */
export type QueueObservation =
  | { kind: 'queued'; callId: string; language: 'en' | 'es'; at: number }
  | { kind: 'abandoned' | 'removed'; callId: string; at: number };

export interface SimulatorClock {
  setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(t: ReturnType<typeof setTimeout>): void;
}

/** A command the simulated call cannot take: no such call, or not in that state. */
export class SimulatorRefusal extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    readonly callId: string,
  ) {
    super(`${code}: ${callId}`);
    this.name = 'SimulatorRefusal';
  }
}

const realClock: SimulatorClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t),
};

/**
 * The training simulator, the desk's default softphone: callers from the synthetic utility ring at
 * the rate the trainee sets (Poisson arrivals), give up when left ringing or on hold too long,
 * hear the keypad digits the agent sends, and hang up. It speaks the Softphone port's events.
 */
export class TrainingSimulator {
  private settings: SimulatorSettings = { ...defaultSimulatorSettings };
  private readonly calls = new Map<string, SimCall>();
  private arrival: ReturnType<typeof setTimeout> | null = null;
  private counter = 0;
  private readonly queueObservers = new Set<(o: QueueObservation) => void>();

  constructor(
    private readonly source: CallerSource,
    private readonly emit: (event: SoftphoneEvent) => void,
    private readonly random: () => number = Math.random,
    private readonly clock: SimulatorClock = realClock,
  ) {}

  /** The queue side of the simulated calls, for the team lead's hub. */
  observeQueue(listener: (o: QueueObservation) => void): () => void {
    this.queueObservers.add(listener);
    return () => this.queueObservers.delete(listener);
  }

  private queueEvent(o: QueueObservation): void {
    for (const listener of this.queueObservers) listener(o);
  }

  current(): SimulatorSettings {
    return { ...this.settings };
  }

  configure(patch: Partial<SimulatorSettings>): SimulatorSettings {
    const rateChanged =
      patch.callsPerHour !== undefined && patch.callsPerHour !== this.settings.callsPerHour;
    this.settings = { ...this.settings, ...patch };
    if (rateChanged) this.scheduleArrival();
    return this.current();
  }

  /** Calls in progress (ringing, connected, held or being transferred). */
  active(): { id: string; state: SimCallState; caller: SimulatedCaller }[] {
    return [...this.calls.values()].map(({ id, state, caller }) => ({ id, state, caller }));
  }

  private scheduleArrival(): void {
    if (this.arrival) this.clock.clearTimeout(this.arrival);
    this.arrival = null;
    if (this.settings.callsPerHour <= 0) return;
    // Exponential gaps between calls: a Poisson process at the chosen rate.
    const meanMs = 3_600_000 / this.settings.callsPerHour;
    const gap = -Math.log(1 - this.random()) * meanMs;
    this.arrival = this.clock.setTimeout(() => {
      this.arrival = null;
      this.ring();
      this.scheduleArrival();
    }, gap);
  }

  /** A call now (the trainee's "ring me" button, and the tests). */
  ring(caller?: SimulatedCaller): string | null {
    const who = caller ?? this.source.next(this.random);
    if (!who) return null;
    const id = `SIM${++this.counter}-${Math.floor(this.random() * 1e9).toString(36)}`;
    const call: SimCall = {
      id,
      caller: who,
      state: 'ringing',
      timer: null,
      transferTarget: null,
      entry: '',
    };
    this.calls.set(id, call);
    this.patience(call, this.settings.ringPatienceSeconds);
    this.queueEvent({ kind: 'queued', callId: id, language: who.language, at: Date.now() });
    this.emit({
      type: 'incoming',
      callId: id,
      caller: { from: `+1${phoneDigits(who.phone)}`, language: who.language, reason: who.reason },
    });
    return id;
  }

  /** The caller hangs up (their patience ran out, or the trainer made them). */
  callerHangup(id: string): void {
    const call = this.get(id);
    if (call.state === 'ringing')
      this.queueEvent({ kind: 'abandoned', callId: id, at: Date.now() });
    this.finish(call);
    this.emit({ type: 'ended', callId: id, by: 'caller' });
  }

  accept(id: string): void {
    const call = this.get(id, ['ringing']);
    this.stopTimer(call);
    call.state = 'connected';
    this.emit({ type: 'accepted', callId: id });
  }

  reject(id: string): void {
    const call = this.get(id, ['ringing']);
    this.queueEvent({ kind: 'removed', callId: id, at: Date.now() });
    this.finish(call);
    this.emit({ type: 'ended', callId: id, by: 'agent' });
  }

  hangup(id: string): void {
    this.finish(this.get(id, ['connected', 'held', 'transferring']));
    this.emit({ type: 'ended', callId: id, by: 'agent' });
  }

  hold(id: string, held: boolean): void {
    const call = this.get(id, held ? ['connected'] : ['held']);
    this.stopTimer(call);
    call.state = held ? 'held' : 'connected';
    if (held) this.patience(call, this.settings.holdPatienceSeconds);
  }

  /**
   * The caller waits on hold while the target answers; a target ending in the failing suffix never
   * does. Cold, the call is handed over as the target answers; warm, the agent talks to the target
   * first and hands over (or calls it off) with `endTransfer`.
   */
  transfer(id: string, target: string, warm = false): void {
    const call = this.get(id, ['connected', 'held']);
    this.stopTimer(call);
    call.state = 'transferring';
    call.transferTarget = target;
    this.emit({ type: 'transfer', callId: id, outcome: 'started', target });
    const fails = target.endsWith(this.settings.failingTransferSuffix);
    call.timer = this.clock.setTimeout(() => {
      call.timer = null;
      if (fails) this.endTransfer(id, false);
      else if (!warm) this.endTransfer(id, true);
    }, this.settings.transferSeconds * 1000);
  }

  /** The agent ends a transfer before the target answers: handed over at once, or called off. */
  endTransfer(id: string, handOver: boolean): void {
    const call = this.get(id, ['transferring']);
    this.stopTimer(call);
    const target = call.transferTarget ?? '';
    call.transferTarget = null;
    if (handOver) {
      this.finish(call);
      this.emit({ type: 'transfer', callId: id, outcome: 'completed', target });
    } else {
      call.state = 'held';
      this.patience(call, this.settings.holdPatienceSeconds);
      this.emit({ type: 'transfer', callId: id, outcome: 'failed', target });
    }
  }

  /**
   * Keypad tones reach the caller only on a connected call. The caller's side answers as a phone
   * menu does, so a trainee sees the tones land: `#` reads back the digits keyed before it, `*`
   * clears them.
   */
  digits(id: string, digits: string): void {
    const call = this.get(id, ['connected']);
    this.emit({ type: 'digits', callId: id, digits });
    for (const digit of digits) {
      if (digit === '#' || digit === '*') {
        const reply = digit === '#' ? 'entry-confirmed' : 'entry-cleared';
        this.emit({ type: 'far-end', callId: id, reply, entry: call.entry });
        call.entry = '';
      } else call.entry += digit;
    }
  }

  stop(): void {
    this.configure({ callsPerHour: 0 });
    for (const call of [...this.calls.values()]) this.finish(call);
  }

  private get(id: string, states?: SimCallState[]): SimCall {
    const call = this.calls.get(id);
    if (!call) throw new SimulatorRefusal('not_found', id);
    if (states && !states.includes(call.state)) throw new SimulatorRefusal('conflict', id);
    return call;
  }

  private patience(call: SimCall, seconds: number): void {
    call.timer = this.clock.setTimeout(() => {
      call.timer = null;
      if (this.calls.has(call.id)) this.callerHangup(call.id);
    }, seconds * 1000);
  }

  private stopTimer(call: SimCall): void {
    if (call.timer) this.clock.clearTimeout(call.timer);
    call.timer = null;
  }

  private finish(call: SimCall): void {
    this.stopTimer(call);
    this.calls.delete(call.id);
  }
}
