import type { StateCreator } from 'zustand';
import type { SoftphoneConfigView } from '../../../shared/ipc';
import {
  type Desk,
  type DeskEvent,
  defaultTeamSettings,
  newDesk,
  reduce,
  type TeamSettings,
  takeCompleted,
} from '../../../shared/telephony';
import type {
  QualityWarning,
  Softphone,
  SoftphoneEvent,
  TransferTarget,
} from '../../../shared/telephony/port';
import type { ChosenState, CompletedCall } from '../../../shared/telephony/types';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';
import { simulatorSoftphone } from './simulator-adapter';

export interface SoftphoneSlice {
  desk: Desk;
  team: TeamSettings;
  now: number;
  mode: SoftphoneConfigView['mode'] | null;
  callsPerHour: number;
  muted: boolean;
  quality: QualityWarning[];
  softphoneError: string | null;
  /** Notes for the call's interaction record (the script panel's answers add to them). */
  callNotes: string;
  startSoftphone(softphone?: Softphone): Promise<void>;
  deskEvent(event: DeskEvent): void;
  chooseState(state: ChosenState, reasonCode?: string): void;
  answer(): Promise<void>;
  decline(): Promise<void>;
  hangup(): Promise<void>;
  toggleHold(): Promise<void>;
  toggleMute(): Promise<void>;
  transfer(target: TransferTarget): Promise<void>;
  sendDigits(digits: string): Promise<void>;
  setWrapUpCode(code: string): void;
  finishWrapUp(): void;
  setCallsPerHour(n: number): Promise<void>;
  ringNow(): Promise<void>;
  appendCallNotes(text: string): void;
}

let adapter: Softphone | null = null;
let ticker: ReturnType<typeof setInterval> | null = null;

function interactionOf(c: CompletedCall, notes: string) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    accountNumber: c.call.accountNumber,
    reason: c.call.caller.reason ?? 'unknown',
    wrapUpCode: c.wrapUpCode,
    startedAt: iso(c.call.ringingAt)!,
    answeredAt: iso(c.call.answeredAt),
    endedAt: iso(c.call.endedAt ?? c.wrapUpStartedAt)!,
    talkSeconds: Math.round(c.call.talkMs / 1000),
    holdSeconds: Math.round(c.call.holdMs / 1000),
    wrapUpSeconds: Math.round(c.wrapUpMs / 1000),
    language: c.call.caller.language ?? 'en',
    notes,
  };
}

export const createSoftphoneSlice: StateCreator<AppState, [], [], SoftphoneSlice> = (set, get) => {
  const activeId = () => get().desk.active?.id ?? null;
  const onEvent = (e: SoftphoneEvent) => {
    const s = get();
    switch (e.type) {
      case 'incoming': {
        s.deskEvent({ type: 'incoming', callId: e.callId, caller: e.caller });
        const desk = get().desk;
        if (desk.active?.id === e.callId || desk.other?.id === e.callId) {
          // Screen-pop: the caller's account opens before the agent answers.
          void get()
            .openAccountByPhone(e.caller.from)
            .then((outcome) => {
              const number = get().openNumber;
              if (outcome === 'opened' && number)
                get().deskEvent({ type: 'account', callId: e.callId, accountNumber: number });
            });
        } else {
          // Not available: the call goes back to the queue.
          void adapter?.reject(e.callId).catch(() => {});
        }
        break;
      }
      case 'accepted':
        s.deskEvent({ type: 'accept', callId: e.callId });
        break;
      case 'ended': {
        const desk = get().desk;
        if (e.by === 'caller') s.deskEvent({ type: 'caller-hangup', callId: e.callId });
        else if (desk.active?.id === e.callId && desk.active.state === 'ringing')
          s.deskEvent({ type: 'reject', callId: e.callId });
        else if (desk.other?.id === e.callId && desk.other.state === 'ringing')
          s.deskEvent({ type: 'reject', callId: e.callId });
        else if (desk.active?.id === e.callId) s.deskEvent({ type: 'hangup' });
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
      case 'quality':
        set({
          quality: e.active
            ? [...new Set([...get().quality, e.warning as QualityWarning])]
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

  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      set({ softphoneError: messageKeyOf(err) });
    }
  };

  return {
    desk: newDesk(Date.now()),
    team: defaultTeamSettings,
    now: Date.now(),
    mode: null,
    callsPerHour: 0,
    muted: false,
    quality: [],
    softphoneError: null,
    callNotes: '',
    async startSoftphone(softphone) {
      const config = await call('softphone.config', {});
      set({ mode: config.mode, team: config.team, callsPerHour: config.simulator.callsPerHour });
      adapter?.unregister().catch(() => {});
      adapter = softphone ?? simulatorSoftphone();
      adapter.on(onEvent);
      await adapter.register();
      if (ticker) clearInterval(ticker);
      ticker = setInterval(() => {
        set({ now: Date.now() });
        get().deskEvent({ type: 'tick' });
      }, 1000);
    },
    deskEvent(event) {
      const now = Date.now();
      const before = get().desk;
      const next = reduce(before, event, now, get().team);
      const [desk, completed] = takeCompleted(next);
      set({
        desk,
        now,
        softphoneError: next.notice
          ? `softphone:${next.notice}`
          : event.type === 'tick'
            ? get().softphoneError
            : null,
      });
      for (const c of completed) {
        const notes = get().callNotes;
        set({ callNotes: '' });
        void call('interaction.record', interactionOf(c, notes)).catch((err) =>
          set({ softphoneError: messageKeyOf(err) }),
        );
      }
      if (
        (before.state === 'available') !== (desk.state === 'available') &&
        get().mode === 'twilio'
      ) {
        void call('softphone.availability', { available: desk.state === 'available' }).catch(
          () => {},
        );
      }
    },
    chooseState(state, reasonCode) {
      get().deskEvent({ type: 'choose', state, ...(reasonCode ? { reasonCode } : {}) });
    },
    answer: () =>
      act(async () => {
        const desk = get().desk;
        const ringing =
          desk.active?.state === 'ringing'
            ? desk.active
            : desk.other?.state === 'ringing'
              ? desk.other
              : null;
        if (!ringing) return;
        if (desk.state === 'wrap-up' && desk.wrapUp?.code === null) {
          set({ softphoneError: 'softphone:notice.wrapUpCodeRequired' });
          return;
        }
        // A call in progress goes on hold with the carrier too.
        if (desk.active && desk.active.state === 'connected' && ringing !== desk.active)
          await adapter?.hold(desk.active.id, true);
        await adapter?.accept(ringing.id);
      }),
    decline: () =>
      act(async () => {
        const desk = get().desk;
        const ringing =
          desk.active?.state === 'ringing'
            ? desk.active
            : desk.other?.state === 'ringing'
              ? desk.other
              : null;
        if (ringing) await adapter?.reject(ringing.id);
      }),
    hangup: () =>
      act(async () => {
        const id = activeId();
        if (id && get().desk.active?.state !== 'ringing') await adapter?.hangup(id);
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
        const id = activeId();
        if (!id) return;
        await adapter?.mute(id, !get().muted);
        set({ muted: !get().muted });
      }),
    transfer: (target) =>
      act(async () => {
        const id = activeId();
        if (id) await adapter?.transfer(id, target);
      }),
    sendDigits: (digits) =>
      act(async () => {
        const id = activeId();
        if (id) await adapter?.sendDigits(id, digits);
      }),
    setWrapUpCode(code) {
      get().deskEvent({ type: 'wrap-up-code', code });
    },
    finishWrapUp() {
      get().deskEvent({ type: 'choose', state: 'available' });
    },
    async setCallsPerHour(n) {
      const config = await call('softphone.simulator.configure', { callsPerHour: n });
      set({ callsPerHour: config.simulator.callsPerHour });
    },
    async ringNow() {
      await act(async () => {
        await call('softphone.simulator.ring', {});
      });
    },
    appendCallNotes(text) {
      set({ callNotes: get().callNotes ? `${get().callNotes}\n${text}` : text });
    },
  };
};
