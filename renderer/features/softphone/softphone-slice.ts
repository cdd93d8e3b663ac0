import type { StateCreator } from 'zustand';
import { redactCardNumbers } from '../../../shared/cis/cards';
import type { Command } from '../../../shared/cis/commands';
import type { RequestOf, SoftphoneConfigView } from '../../../shared/ipc';
import {
  currentCallId,
  type Desk,
  type DeskEvent,
  defaultTeamSettings,
  isLive,
  newDesk,
  reduce,
  type TeamSettings,
  takeCompleted,
  wrapUpCodeFor,
} from '../../../shared/telephony';
import type {
  AudioDevices,
  FarEndReply,
  QualityWarning,
  Softphone,
  SoftphoneEvent,
  TransferTarget,
} from '../../../shared/telephony/port';
import type { Call, ChosenState, CompletedCall } from '../../../shared/telephony/types';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';
import { simulatorSoftphone } from './simulator-adapter';

type InteractionRecord = RequestOf<'interaction.record'>;

/** A finished call's record, with the agent who took it: only their session sends it. */
export interface PendingRecord {
  userId: string;
  record: InteractionRecord;
}

export interface SoftphoneSlice {
  desk: Desk;
  team: TeamSettings;
  now: number;
  mode: SoftphoneConfigView['mode'] | null;
  /** Whether the softphone can take calls (Twilio: the Device is registered). */
  registered: boolean;
  callsPerHour: number;
  muted: boolean;
  quality: QualityWarning[];
  /** The last notice or error for the agent, as an i18n key. */
  softphoneError: string | null;
  /** Keypad digits sent on the current call. */
  digitsSent: string;
  /** The workstation's microphones and headsets, once listed. */
  audioDevices: AudioDevices | null;
  /** What the far end of the line last answered to the keypad on the agent's call. */
  farEnd: { callId: string; reply: FarEndReply; entry: string } | null;
  /** Notes for each call's interaction record, by call (the script panel's answers add to them). */
  callNotes: Record<string, string>;
  /** Finished calls whose record has not reached the outbox yet (retried until it does). */
  unrecorded: PendingRecord[];
  /** The code the last command made on a call points to (an arrangement: payment-arrangement). */
  wrapUpSuggestion: { callId: string; code: string; command: Command['type'] } | null;
  /** The last finished call reached the outbox, with its code: said until the next call rings. */
  callSaved: { wrapUpCode: string } | null;
  startSoftphone(softphone?: Softphone): Promise<void>;
  stopSoftphone(): Promise<void>;
  deskEvent(event: DeskEvent): void;
  chooseState(state: ChosenState, reasonCode?: string): void;
  answer(): Promise<void>;
  decline(): Promise<void>;
  hangup(): Promise<void>;
  toggleHold(): Promise<void>;
  toggleMute(): Promise<void>;
  transfer(target: TransferTarget): Promise<void>;
  /** Ends a warm transfer: hand the caller over, or keep them. */
  endTransfer(handOver: boolean): Promise<void>;
  sendDigits(digits: string): Promise<void>;
  setWrapUpCode(code: string): void;
  /** Finishes wrap-up; with no code chosen, the desk's notice says one is needed. */
  finishWrapUp(): void;
  /** A command the agent made: the call it was made on suggests the wrap-up code it points to. */
  noteCallCommand(command: Command): void;
  /** The agent's own words for a call's notes, replacing what the script noted (edited in wrap-up). */
  setCallNotes(callId: string, text: string): void;
  setCallsPerHour(n: number): Promise<void>;
  ringNow(): Promise<void>;
  /** Adds a line to a call's notes: the call named, else the one the agent is on or wrapping up. */
  appendCallNotes(text: string, callId?: string): void;
  loadAudioDevices(): Promise<void>;
  /** Remembers this workstation's microphone and headset and applies them from the next call. */
  chooseAudioDevices(devices: { input: string | null; output: string | null }): Promise<void>;
  dismissSoftphoneNotice(): void;
}

let adapter: Softphone | null = null;
let offAdapter: (() => void) | null = null;
let ticker: ReturnType<typeof setInterval> | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
/** The agent whose desk this is: set when the softphone starts for a signed-in agent. */
let deskUser: string | null = null;

const RETRY_MS = 5_000;

export function interactionOf(c: CompletedCall, notes: string): InteractionRecord {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    accountNumber: c.call.accountNumber,
    reason: c.call.caller.reason ?? 'unknown',
    wrapUpCode: c.wrapUpCode,
    startedAt: new Date(c.call.ringingAt).toISOString(),
    answeredAt: iso(c.call.answeredAt),
    endedAt: new Date(c.call.endedAt ?? c.call.ringingAt).toISOString(),
    talkSeconds: Math.round(c.call.talkMs / 1000),
    holdSeconds: Math.round(c.call.holdMs / 1000),
    wrapUpSeconds: Math.round(c.wrapUpMs / 1000),
    language: c.call.caller.language ?? 'en',
    notes,
  };
}

const ringingCall = (desk: Desk) =>
  desk.active?.state === 'ringing'
    ? desk.active
    : desk.other?.state === 'ringing'
      ? desk.other
      : null;

/** A call or its wrap-up is still open: signing out now would lose it. */
export const deskBusy = (desk: Desk) =>
  desk.active !== null || desk.other !== null || desk.wrapUp !== null;

export { currentCallId };

/** Records of the signed-in agent's own calls still waiting for the outbox. */
export const ownUnrecorded = (s: Pick<AppState, 'unrecorded' | 'session'>) =>
  s.unrecorded.filter((r) => r.userId === s.session?.principal?.userId);

const ids = (...calls: (Call | null)[]) => new Set(calls.filter((c) => c).map((c) => c!.id));

export const createSoftphoneSlice: StateCreator<AppState, [], [], SoftphoneSlice> = (
  set,
  get,
  api,
) => {
  const activeId = () => get().desk.active?.id ?? null;

  /**
   * Screen-pop: the account of the call that becomes the agent's opens, before they answer when it
   * rings for them; a call waiting behind another pops when it is answered, so the live call's
   * account stays open until then. A call coming back (a held call) reopens its own account.
   */
  const screenPop = async (call: Call) => {
    if (call.accountNumber) {
      if (get().openNumber !== call.accountNumber) await get().openAccount(call.accountNumber);
      return;
    }
    const outcome = await get().openAccountByPhone(call.caller.from);
    const number = get().openNumber;
    if (outcome === 'opened' && number)
      get().deskEvent({ type: 'account', callId: call.id, accountNumber: number });
  };

  /**
   * Calls the desk let go of by itself (missed, let go by choosing a state, closed at sign-out) are
   * let go at the carrier too: a missed call goes back to the queue at once, not when the caller
   * tires of ringing.
   */
  const release = (before: Desk, after: Desk) => {
    const kept = ids(after.active, after.other);
    for (const c of [before.active, before.other]) {
      if (!c || kept.has(c.id)) continue;
      if (c.state === 'ringing') void adapter?.reject(c.id).catch(() => {});
      else if (isLive(c)) void adapter?.hangup(c.id).catch(() => {});
    }
  };

  const onEvent = (e: SoftphoneEvent) => {
    const s = get();
    switch (e.type) {
      case 'incoming': {
        s.deskEvent({ type: 'incoming', callId: e.callId, caller: e.caller });
        const desk = get().desk;
        // Not available: the call goes back to the queue.
        if (desk.active?.id !== e.callId && desk.other?.id !== e.callId)
          void adapter?.reject(e.callId).catch(() => {});
        break;
      }
      case 'accepted':
        set({ digitsSent: '', farEnd: null });
        s.deskEvent({ type: 'accept', callId: e.callId });
        break;
      case 'ended': {
        const desk = get().desk;
        const ringing = [desk.active, desk.other].find(
          (c) => c?.id === e.callId && c.state === 'ringing',
        );
        if (e.by === 'caller') s.deskEvent({ type: 'caller-hangup', callId: e.callId });
        else if (ringing) s.deskEvent({ type: 'reject', callId: e.callId });
        else if (desk.active?.id === e.callId) s.deskEvent({ type: 'hangup' });
        if (!get().desk.active) set({ muted: false, quality: [] });
        break;
      }
      case 'transfer':
        s.deskEvent(
          e.outcome === 'started'
            ? { type: 'transfer-started', target: e.target }
            : e.outcome === 'failed'
              ? { type: 'transfer-failed' }
              : { type: 'transfer-completed' },
        );
        break;
      case 'registered':
      case 'unregistered':
        set({ registered: e.type === 'registered' });
        break;
      case 'muted':
        if (e.callId === activeId()) set({ muted: e.muted });
        break;
      case 'far-end':
        if (e.callId === activeId())
          set({ farEnd: { callId: e.callId, reply: e.reply, entry: e.entry } });
        break;
      case 'quality':
        set({
          quality: e.active
            ? [...new Set([...get().quality, e.warning])]
            : get().quality.filter((w) => w !== e.warning),
        });
        break;
      case 'error':
        set({ softphoneError: e.messageKey });
        break;
      default:
        break;
    }
  };

  /**
   * Wrap-up started with no code (a script at its end sets its own first): the last command made
   * on the call suggests one, so an arrangement made outside a script still proposes its code.
   */
  const suggestWrapUpCode = () => {
    const wrapUp = get().desk.wrapUp;
    const suggestion = get().wrapUpSuggestion;
    if (!wrapUp || wrapUp.code !== null || !suggestion) return;
    if (wrapUp.calls.some((c) => c.id === suggestion.callId)) get().setWrapUpCode(suggestion.code);
  };

  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      set({ softphoneError: messageKeyOf(err) });
    }
  };

  /**
   * Sends the signed-in agent's finished calls to the outbox; what cannot reach it now is retried,
   * never dropped. Another agent's calls wait for that agent: the outbox records who sent them.
   */
  const recordInteractions = async () => {
    if (retry) clearTimeout(retry);
    retry = null;
    for (const pending of ownUnrecorded(get())) {
      try {
        await call('interaction.record', pending.record);
        set({
          unrecorded: get().unrecorded.filter((r) => r !== pending),
          callSaved: { wrapUpCode: pending.record.wrapUpCode },
        });
      } catch (err) {
        set({ softphoneError: messageKeyOf(err) });
        retry = setTimeout(() => void recordInteractions(), RETRY_MS);
        return;
      }
    }
  };

  // A call's account is the one the agent has open: from the screen-pop, the chooser or a search.
  api.subscribe((s, prev) => {
    const active = s.desk.active;
    if (
      s.openNumber &&
      s.openNumber !== prev.openNumber &&
      active &&
      active.state !== 'ended' &&
      active.accountNumber === null
    )
      s.deskEvent({ type: 'account', callId: active.id, accountNumber: s.openNumber });
  });

  return {
    desk: newDesk(Date.now()),
    team: defaultTeamSettings,
    now: Date.now(),
    mode: null,
    registered: false,
    callsPerHour: 0,
    muted: false,
    quality: [],
    softphoneError: null,
    digitsSent: '',
    audioDevices: null,
    farEnd: null,
    callNotes: {},
    unrecorded: [],
    wrapUpSuggestion: null,
    callSaved: null,
    async startSoftphone(softphone) {
      let config: SoftphoneConfigView;
      try {
        config = await call('softphone.config', {});
      } catch (err) {
        set({ softphoneError: messageKeyOf(err) });
        return;
      }
      await get().stopSoftphone();
      // Each sign-in starts from a fresh desk: nothing of the last agent's calls carries over.
      deskUser = get().session?.principal?.userId ?? null;
      set({
        desk: newDesk(Date.now()),
        muted: false,
        quality: [],
        digitsSent: '',
        farEnd: null,
        callNotes: {},
        wrapUpSuggestion: null,
        callSaved: null,
        mode: config.mode,
        team: config.team,
        callsPerHour: config.simulator.callsPerHour,
        // The simulator is there at once; Twilio says when its Device registers.
        registered: config.mode === 'simulator',
      });
      adapter =
        softphone ??
        (config.mode === 'twilio'
          ? (await import('./twilio-device')).twilioSoftphoneOverBridge(config.twilio.edges)
          : simulatorSoftphone());
      offAdapter = adapter.on(onEvent);
      const saved = get().settings;
      if (saved?.audioInput || saved?.audioOutput)
        await adapter
          .setAudioDevices({ input: saved.audioInput, output: saved.audioOutput })
          .catch(() => set({ softphoneError: 'softphone:notice.deviceMissing' }));
      await act(() => adapter!.register());
      ticker = setInterval(() => {
        set({ now: Date.now() });
        get().deskEvent({ type: 'tick' });
      }, 1000);
      void recordInteractions();
    },
    async stopSoftphone() {
      // Signing out (or the session ending) takes the agent out of routing first. A call still
      // open (the session ended under it) is ended and wrapped up with the timeout code, and
      // recorded for the agent who took it, before the adapter goes.
      const desk = get().desk;
      if (desk.state !== 'offline' || deskBusy(desk)) get().deskEvent({ type: 'sign-out' });
      if (ticker) clearInterval(ticker);
      ticker = null;
      offAdapter?.();
      offAdapter = null;
      const stopping = adapter;
      adapter = null;
      set({ registered: false });
      await stopping?.unregister().catch(() => {});
    },
    deskEvent(event) {
      const now = Date.now();
      const before = get().desk;
      const next = reduce(before, event, now, get().team);
      const [desk, completed] = takeCompleted(next);
      // A notice stays until the agent's next action; the clock and the screen-pop do not clear it.
      const quiet = event.type === 'tick' || event.type === 'account';
      set({
        desk,
        now,
        softphoneError: next.notice
          ? `softphone:${next.notice}`
          : quiet
            ? get().softphoneError
            : null,
      });
      if (event.type === 'tick' || event.type === 'choose' || event.type === 'sign-out')
        release(before, desk);
      if (completed.length > 0) {
        const notes = { ...get().callNotes };
        let redacted = false;
        const records = completed.map((c) => {
          const raw = notes[c.call.id] ?? '';
          delete notes[c.call.id];
          const clean = redactCardNumbers(raw);
          redacted ||= clean !== raw;
          const userId = deskUser ?? get().session?.principal?.userId ?? '';
          return { userId, record: interactionOf(c, clean) };
        });
        set({
          callNotes: notes,
          unrecorded: [...get().unrecorded, ...records],
          ...(redacted ? { softphoneError: 'softphone:notice.cardNumberRemoved' } : {}),
        });
        void recordInteractions();
      }
      if (desk.wrapUp && !before.wrapUp) suggestWrapUpCode();
      if (!desk.wrapUp && before.wrapUp) set({ wrapUpSuggestion: null });
      const current = desk.active;
      if (current && current.id !== before.active?.id) {
        // A new call: what was said about the last one (saved, suggested) no longer applies.
        set({ farEnd: null, callSaved: null });
        void screenPop(current).catch((err) => set({ softphoneError: messageKeyOf(err) }));
      }
      if (
        (before.state === 'available') !== (desk.state === 'available') &&
        get().mode === 'twilio'
      ) {
        void call('softphone.availability', { available: desk.state === 'available' }).catch(
          (err) => set({ softphoneError: messageKeyOf(err) }),
        );
      }
    },
    chooseState(state, reasonCode) {
      get().deskEvent({ type: 'choose', state, ...(reasonCode ? { reasonCode } : {}) });
    },
    answer: () =>
      act(async () => {
        const desk = get().desk;
        const ringing = ringingCall(desk);
        if (!ringing) return;
        if (desk.state === 'wrap-up' && desk.wrapUp?.code === null) {
          set({ softphoneError: 'softphone:notice.wrapUpCodeRequired' });
          return;
        }
        // A call in progress goes on hold with the carrier too.
        if (desk.active?.state === 'connected' && ringing !== desk.active) {
          await adapter?.hold(desk.active.id, true);
        }
        await adapter?.accept(ringing.id);
      }),
    decline: () =>
      act(async () => {
        const ringing = ringingCall(get().desk);
        if (ringing) await adapter?.reject(ringing.id);
      }),
    hangup: () =>
      act(async () => {
        const active = get().desk.active;
        if (active && active.state !== 'ringing' && active.state !== 'ended')
          await adapter?.hangup(active.id);
      }),
    toggleHold: () =>
      act(async () => {
        const active = get().desk.active;
        if (!active) return;
        if (active.state === 'connected') {
          await adapter?.hold(active.id, true);
          get().deskEvent({ type: 'hold' });
        } else if (active.state === 'on-hold') {
          await adapter?.hold(active.id, false);
          get().deskEvent({ type: 'resume' });
        }
      }),
    toggleMute: () =>
      act(async () => {
        const active = get().desk.active;
        if (!active || active.state === 'ringing') return;
        const muted = !get().muted;
        await adapter?.mute(active.id, muted);
        // The simulator has no audio to report back: its mute is the desk's own.
        if (adapter?.kind === 'simulator') set({ muted });
      }),
    transfer: (target) =>
      act(async () => {
        const id = activeId();
        if (id) await adapter?.transfer(id, target);
      }),
    endTransfer: (handOver) =>
      act(async () => {
        const active = get().desk.active;
        if (active?.state === 'transferring') await adapter?.endTransfer(active.id, handOver);
      }),
    sendDigits: (digits) =>
      act(async () => {
        const active = get().desk.active;
        if (active?.state !== 'connected') return;
        await adapter?.sendDigits(active.id, digits);
        set({ digitsSent: get().digitsSent + digits });
      }),
    setWrapUpCode(code) {
      get().deskEvent({ type: 'wrap-up-code', code });
    },
    finishWrapUp() {
      get().deskEvent({ type: 'choose', state: 'available' });
    },
    noteCallCommand(command) {
      const callId = currentCallId(get().desk);
      const code = wrapUpCodeFor(command, get().team.wrapUpCodes);
      if (!callId || !code) return;
      const before = get().wrapUpSuggestion;
      set({ wrapUpSuggestion: { callId, code, command: command.type } });
      // Made during wrap-up: it replaces a code the agent has not chosen themselves.
      const wrapUp = get().desk.wrapUp;
      if (
        wrapUp?.calls.some((c) => c.id === callId) &&
        (wrapUp.code === null || wrapUp.code === before?.code)
      )
        get().setWrapUpCode(code);
    },
    setCallNotes(callId, text) {
      set({ callNotes: { ...get().callNotes, [callId]: text } });
    },
    setCallsPerHour: (n) =>
      act(async () => {
        const config = await call('softphone.simulator.configure', { callsPerHour: n });
        set({ callsPerHour: config.simulator.callsPerHour });
      }),
    ringNow: () =>
      act(async () => {
        await call('softphone.simulator.ring', {});
      }),
    appendCallNotes(text, callId) {
      const id = callId ?? currentCallId(get().desk);
      if (!id) return;
      const notes = get().callNotes[id];
      set({ callNotes: { ...get().callNotes, [id]: notes ? `${notes}\n${text}` : text } });
    },
    loadAudioDevices: () =>
      act(async () => {
        set({ audioDevices: (await adapter?.audioDevices()) ?? { inputs: [], outputs: [] } });
      }),
    chooseAudioDevices: (devices) =>
      act(async () => {
        await adapter?.setAudioDevices(devices);
        get().receiveSettings(
          await call('settings.set', { audioInput: devices.input, audioOutput: devices.output }),
        );
      }),
    dismissSoftphoneNotice() {
      set({ softphoneError: null });
    },
  };
};
