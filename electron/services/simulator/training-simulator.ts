import type { SoftphoneEvent } from '../../../shared/telephony';

export interface SimulatedCaller {
  phone: string;
  name: string;
  language: 'en' | 'es';
  accountNumber: string | null;
  /** Why they call, fitting their account: past-due, disconnection-notice, high-bill, leak... */
  reason: string;
}

/** Where simulated callers come from: the synthetic customers of the CIS. */
export interface CallerSource {
  next(random: () => number): SimulatedCaller | null;
}

export interface SimulatorSettings {
  callsPerHour: number;
  /** A ringing caller gives up after this long. */
  ringPatienceSeconds: number;
  /** A held caller hangs up after this long. */
  holdPatienceSeconds: number;
  /** Transfers to a number ending in this fail (so trainees practise a failed transfer). */
  failingTransferSuffix: string;
}

export const defaultSimulatorSettings: SimulatorSettings = {
  callsPerHour: 0,
  ringPatienceSeconds: 60,
  holdPatienceSeconds: 180,
  failingTransferSuffix: '0000',
};

interface SimCall {
  id: string;
  caller: SimulatedCaller;
  state: 'ringing' | 'connected' | 'held' | 'transferring' | 'ended';
  timer: ReturnType<typeof setTimeout> | null;
}

/** A simulated caller entering the queue, giving up while it rings, or declined by the agent. */
export type QueueObservation =
  | { kind: 'queued'; callId: string; language: 'en' | 'es'; at: number }
  | { kind: 'abandoned' | 'removed'; callId: string; at: number };

export interface SimulatorClock {
  setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(t: ReturnType<typeof setTimeout>): void;
}

/**
 * The training simulator, the desk's default softphone: callers from the synthetic utility ring at
 * the rate the trainee sets (Poisson arrivals), give up when left ringing or on hold too long,
 * answer keypad digits, and hang up. It speaks the Softphone port's events.
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
    private readonly clock: SimulatorClock = {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (t) => clearTimeout(t),
    },
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
    this.settings = { ...this.settings, ...patch };
    this.scheduleArrival();
    return this.current();
  }

  private scheduleArrival(): void {
    if (this.arrival) this.clock.clearTimeout(this.arrival);
    this.arrival = null;
    if (this.settings.callsPerHour <= 0) return;
    // Exponential gaps between calls: a Poisson process at the chosen rate.
    const meanMs = 3_600_000 / this.settings.callsPerHour;
    const gap = -Math.log(1 - this.random()) * meanMs;
    this.arrival = this.clock.setTimeout(() => {
      this.ring();
      this.scheduleArrival();
    }, gap);
  }

  /** A call now (the trainee's "ring me" button, and the tests). */
  ring(caller?: SimulatedCaller): string | null {
    const who = caller ?? this.source.next(this.random);
    if (!who) return null;
    const id = `SIM${++this.counter}-${Math.floor(this.random() * 1e9).toString(36)}`;
    const call: SimCall = { id, caller: who, state: 'ringing', timer: null };
    call.timer = this.clock.setTimeout(
      () => this.callerHangsUp(id),
      this.settings.ringPatienceSeconds * 1000,
    );
    this.calls.set(id, call);
    this.queueEvent({ kind: 'queued', callId: id, language: who.language, at: Date.now() });
    this.emit({
      type: 'incoming',
      callId: id,
      caller: { from: `+1${who.phone}`, language: who.language, reason: who.reason },
    });
    return id;
  }

  private callerHangsUp(id: string): void {
    const call = this.calls.get(id);
    if (!call || call.state === 'ended') return;
    if (call.state === 'ringing')
      this.queueEvent({ kind: 'abandoned', callId: id, at: Date.now() });
    this.finish(call);
    this.emit({ type: 'ended', callId: id, by: 'caller' });
  }

  private finish(call: SimCall): void {
    if (call.timer) this.clock.clearTimeout(call.timer);
    call.timer = null;
    call.state = 'ended';
    this.calls.delete(call.id);
  }

  private get(id: string): SimCall {
    const call = this.calls.get(id);
    if (!call) throw new Error(`no simulated call ${id}`);
    return call;
  }

  accept(id: string): void {
    const call = this.get(id);
    if (call.state !== 'ringing') return;
    if (call.timer) this.clock.clearTimeout(call.timer);
    call.state = 'connected';
    call.timer = null;
    this.emit({ type: 'accepted', callId: id });
  }

  reject(id: string): void {
    const call = this.get(id);
    if (call.state === 'ringing') this.queueEvent({ kind: 'removed', callId: id, at: Date.now() });
    this.finish(call);
    this.emit({ type: 'ended', callId: id, by: 'agent' });
  }

  hangup(id: string): void {
    const call = this.get(id);
    this.finish(call);
    this.emit({ type: 'ended', callId: id, by: 'agent' });
  }

  hold(id: string, held: boolean): void {
    const call = this.get(id);
    if (held && call.state === 'connected') {
      call.state = 'held';
      call.timer = this.clock.setTimeout(
        () => this.callerHangsUp(id),
        this.settings.holdPatienceSeconds * 1000,
      );
    } else if (!held && call.state === 'held') {
      if (call.timer) this.clock.clearTimeout(call.timer);
      call.timer = null;
      call.state = 'connected';
    }
  }

  transfer(id: string, target: string): void {
    const call = this.get(id);
    call.state = 'transferring';
    this.emit({ type: 'transfer', callId: id, outcome: 'started', target });
    const fails = target.endsWith(this.settings.failingTransferSuffix);
    this.clock.setTimeout(() => {
      if (call.state !== 'transferring') return;
      if (fails) {
        call.state = 'held';
        this.emit({ type: 'transfer', callId: id, outcome: 'failed', target });
      } else {
        this.finish(call);
        this.emit({ type: 'transfer', callId: id, outcome: 'completed', target });
      }
    }, 3000);
  }

  digits(id: string, digits: string): void {
    this.get(id);
    this.emit({ type: 'digits', callId: id, digits });
  }

  stop(): void {
    this.configure({ callsPerHour: 0 });
    for (const call of [...this.calls.values()]) this.finish(call);
  }
}
