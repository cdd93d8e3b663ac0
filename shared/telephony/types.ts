/**
 * Agents and calls as the desk lives them. Times are milliseconds from the clock the caller
 * passes in (tests fake it); the machine never reads a clock itself.
 */
export const agentStates = [
  'offline',
  'available',
  'ringing',
  'on-call',
  'on-hold',
  'wrap-up',
  'not-ready',
  'break',
  'lunch',
  'training',
  'meeting',
] as const;
export type AgentState = (typeof agentStates)[number];

/** States the agent chooses; the rest follow calls. */
export const chosenStates = [
  'offline',
  'available',
  'not-ready',
  'break',
  'lunch',
  'training',
  'meeting',
] as const;
export type ChosenState = (typeof chosenStates)[number];

/** The chosen states that carry a reason code (Break: rest or personal; Training: coaching...). */
export const statesWithReasons = ['not-ready', 'break', 'lunch', 'training', 'meeting'] as const;
export type StateWithReason = (typeof statesWithReasons)[number];

/** Why the agent is Not ready when the desk put them there. */
export type NotReadyReason = 'missed-call' | 'wrap-up-limit' | 'chosen' | 'transfer-failed';

export type CallState = 'ringing' | 'connected' | 'on-hold' | 'transferring' | 'ended';
export type EndReason = 'agent-hangup' | 'caller-hangup' | 'transferred' | 'rejected' | 'missed';

/** The form of a Twilio CallSid: what the hub accepts as a call's id at the network. */
export const TWILIO_CALL_SID = /^CA[0-9a-fA-F]{32}$/;

export interface Caller {
  /** The caller's number as the network gives it (E.164). */
  from: string;
  language?: 'en' | 'es';
  /** Why they call, when the IVR or the simulator knows it: high-bill, past-due, leak, start-service... */
  reason?: string;
  /**
   * The caller's own call at the network, when the agent's leg is another call (Twilio's CallSid
   * of the caller's leg): what the team lead's hub counts the call under.
   */
  networkCallId?: string;
}

export interface Call {
  id: string;
  caller: Caller;
  state: CallState;
  ringingAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  /** Talk and hold so far, not counting the running stretch (see callTimers). */
  talkMs: number;
  holdMs: number;
  /** When the current stretch (talk or hold) began. */
  stretchAt: number | null;
  accountNumber: string | null;
  transferTarget: string | null;
  /**
   * Wrap-up once the call has ended, not counting the running stretch: it runs while the agent is
   * on no other call and stops while they are (a held call taken back, a waiting call answered).
   */
  wrapUpMs: number;
  /** When the running stretch of wrap-up began; null while it is stopped or the call is not over. */
  wrapUpAt: number | null;
}

export interface TeamSettings {
  goals: { talkSeconds: number; holdSeconds: number; wrapUpSeconds: number };
  /** Share of a goal at which the timer warns (0.8: at 80%). */
  warnAt: number;
  /**
   * Wrap-up ends by itself when a call's wrap-up reaches this long, in whatever state the agent is;
   * then the agent goes where `afterWrapUp` says (or takes the call ringing, if one is).
   */
  wrapUpLimitSeconds: number;
  afterWrapUp: 'available' | 'not-ready';
  /** A call not answered within this long is missed. */
  ringSeconds: number;
  /** Wrap-up codes the agent picks from (the first is used when the limit ends wrap-up). */
  wrapUpCodes: string[];
  timeoutWrapUpCode: string;
  /** The reason codes of each away state; the first is used when none is given. */
  reasonCodes: Record<StateWithReason, string[]>;
}

export const defaultTeamSettings: TeamSettings = {
  goals: { talkSeconds: 360, holdSeconds: 60, wrapUpSeconds: 60 },
  warnAt: 0.8,
  wrapUpLimitSeconds: 120,
  afterWrapUp: 'available',
  ringSeconds: 20,
  wrapUpCodes: [
    'billing-question',
    'payment-arrangement',
    'high-bill',
    'start-stop-service',
    'leak-emergency',
    'disconnection',
    'assistance',
    'complaint',
    'other',
  ],
  timeoutWrapUpCode: 'wrap-up-timeout',
  reasonCodes: {
    'not-ready': ['follow-up', 'callback', 'system-problem'],
    break: ['rest-break', 'personal'],
    lunch: ['lunch'],
    training: ['coaching', 'e-learning', 'new-hire'],
    meeting: ['team-huddle', 'one-on-one'],
  },
};

/** One finished call, ready to be recorded as an interaction. */
export interface CompletedCall {
  call: Call;
  wrapUpCode: string;
  /** The call's own wrap-up: from its end to the finish, less the time on other calls. */
  wrapUpMs: number;
  /** True when the wrap-up limit chose the code. */
  timedOut: boolean;
}

export interface Desk {
  state: AgentState;
  /** When the current state began. */
  since: number;
  /** When the agent last came out of Offline; null while Offline (Offline is not logged-in time). */
  loggedInAt: number | null;
  /** Time spent in each state while logged in, every session counted, not the current stretch. */
  spent: Partial<Record<AgentState, number>>;
  notReadyReason: NotReadyReason | null;
  /** The chosen reason code of Break/Lunch/Training/Meeting or Not ready. */
  reasonCode: string | null;
  /** The call the agent is on (or ringing, or wrapping up). */
  active: Call | null;
  /** A second call: ringing during a call, or held while the agent takes another. */
  other: Call | null;
  /**
   * Calls ended and waiting for their wrap-up code (two when a call ended while another was held or
   * waiting); each keeps its own wrap-up time. One code, and one finish, wraps them all up.
   */
  wrapUp: { calls: Call[]; code: string | null } | null;
  /** A call rang during wrap-up and was missed: after wrap-up the agent goes Not ready. */
  missedDuringWrapUp: boolean;
  /** Finished calls the desk has not yet handed over for recording. */
  completed: CompletedCall[];
  /** The last thing that went wrong, as an i18n key of the `softphone` namespace. */
  notice: string | null;
}
