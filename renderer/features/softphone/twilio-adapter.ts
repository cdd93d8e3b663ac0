import {
  type AudioDevices,
  type QualityWarning,
  qualityWarnings,
  type Softphone,
  type SoftphoneEvent,
  type TransferTarget,
} from '../../../shared/telephony/port';

type Listener = (...args: unknown[]) => void;

/**
 * The part of @twilio/voice-sdk's Call the desk uses, as the SDK declares it (Call extends
 * EventEmitter; its events: accept, cancel, disconnect, reject, error, mute, reconnecting,
 * reconnected, warning, warning-cleared). The real Call satisfies it (twilio-device.ts checks).
 */
export interface VoiceCall {
  readonly parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  sendDigits(digits: string): void;
  on(event: string, listener: Listener): unknown;
}

/** The part of the SDK's AudioHelper (Device.audio) the desk uses. */
export interface VoiceAudio {
  readonly availableInputDevices: Map<string, { deviceId: string; label: string }>;
  readonly availableOutputDevices: Map<string, { deviceId: string; label: string }>;
  readonly isOutputSelectionSupported: boolean;
  setInputDevice(deviceId: string): Promise<void>;
  unsetInputDevice(): Promise<void>;
  speakerDevices: { set(deviceIdOrIds: string | string[]): Promise<void> };
  ringtoneDevices: { set(deviceIdOrIds: string | string[]): Promise<void> };
}

/** The part of the SDK's Device the desk uses (events: registered, unregistered, error, incoming, tokenWillExpire). */
export interface VoiceDevice {
  readonly audio: VoiceAudio | null;
  register(): Promise<void>;
  unregister(): Promise<void>;
  updateToken(token: string): void;
  destroy(): void;
  on(event: string, listener: Listener): unknown;
}

/** The Device options the desk sets (a subset of the SDK's Device.Options). */
export interface DeskDeviceOptions {
  /** Edges in order of preference: the SDK falls back along them (edge fallback). */
  edge: string[];
  /** While a call exists, keep reconnecting signalling to its edge this long before falling back. */
  maxCallSignalingTimeoutMs: number;
  /** tokenWillExpire fires this long before the token expires. */
  tokenRefreshMs: number;
  /** A second call may ring during a call: the desk handles it (call waiting). */
  allowIncomingWhileBusy: boolean;
  /** Warn before the window closes during a call. */
  closeProtection: boolean;
  appName: string;
}

export interface TwilioAdapterOptions {
  /** A fresh access token from the central server, and how long it lives. */
  fetchToken(): Promise<{ token: string; ttlSeconds: number }>;
  /** Creates the Device: the real SDK's `new Device(token, options)`, or a fake in tests. */
  createDevice(token: string, options: DeskDeviceOptions): VoiceDevice;
  edges: string[];
  /** Hold and transfer go through the server, which drives conferences with Twilio's REST API. */
  hold(callSid: string, held: boolean): Promise<void>;
  transfer(callSid: string, target: TransferTarget): Promise<void>;
  endTransfer(callSid: string, handOver: boolean): Promise<void>;
  clock?: {
    now(): number;
    setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
    clearTimeout(t: ReturnType<typeof setTimeout>): void;
  };
}

/** tokenWillExpire this long before expiry: room to wait for a call to end before refreshing. */
export const TOKEN_REFRESH_AHEAD_MS = 5 * 60_000;
/** Past this close to expiry the token is refreshed even mid-call: losing the line is worse. */
export const TOKEN_LAST_MOMENT_MS = 30_000;
/** The SDK's error codes for an expired access token (20104; 31205 with improved precision). */
const TOKEN_EXPIRED = new Set([20104, 31205]);

const asWarning = (name: string): QualityWarning | null =>
  (qualityWarnings as readonly string[]).includes(name) ? (name as QualityWarning) : null;

const targetName = (t: TransferTarget) => (t.kind === 'number' ? t.to : `${t.kind}:${t.to}`);

/**
 * The Softphone port over Twilio Voice (@twilio/voice-sdk, the successor of twilio-client). The
 * access token is refreshed on `tokenWillExpire`, after the call in progress ends when it can
 * wait (a mid-call refresh can cost about a second of audio) and at the last moment when it
 * cannot. The chosen headset takes the ringtone and call audio at once; the chosen microphone is
 * set before each call is accepted and released after it.
 */
export function twilioSoftphone(options: TwilioAdapterOptions): Softphone {
  const clock = options.clock ?? {
    now: () => Date.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (t: ReturnType<typeof setTimeout>) => clearTimeout(t),
  };
  const listeners = new Set<(e: SoftphoneEvent) => void>();
  const emit = (e: SoftphoneEvent) => {
    for (const l of listeners) l(e);
  };
  const calls = new Map<string, VoiceCall>();
  /** Calls the agent ended, so their `disconnect` is the agent's, not the caller's. */
  const endedHere = new Set<string>();
  /** Calls muted by hold (not by the agent), unmuted again on resume. */
  const mutedByHold = new Set<string>();
  let device: VoiceDevice | null = null;
  let expiresAt = 0;
  let refreshWaiting = false;
  let lastMoment: ReturnType<typeof setTimeout> | null = null;
  let chosen: { input: string | null; output: string | null } = { input: null, output: null };

  const fetchToken = async () => {
    const { token, ttlSeconds } = await options.fetchToken();
    expiresAt = clock.now() + ttlSeconds * 1000;
    return token;
  };

  const refreshNow = async () => {
    refreshWaiting = false;
    if (lastMoment) clock.clearTimeout(lastMoment);
    lastMoment = null;
    if (!device) return;
    try {
      device.updateToken(await fetchToken());
    } catch (err) {
      emit({
        type: 'error',
        messageKey: 'softphone:notice.tokenRefreshFailed',
        details: { message: (err as Error).message },
      });
    }
  };

  const tokenWillExpire = () => {
    if (calls.size === 0) return void refreshNow();
    refreshWaiting = true;
    if (!lastMoment)
      lastMoment = clock.setTimeout(
        () => void refreshNow(),
        Math.max(0, expiresAt - TOKEN_LAST_MOMENT_MS - clock.now()),
      );
  };

  const applyOutput = async () => {
    const audio = device?.audio;
    if (!audio?.isOutputSelectionSupported) return;
    const ids = chosen.output ? [chosen.output] : ['default'];
    await audio.speakerDevices.set(ids);
    await audio.ringtoneDevices.set(ids);
  };

  const track = (call: VoiceCall) => {
    const id = call.parameters.CallSid;
    calls.set(id, call);
    const ended = (by: 'agent' | 'caller') => {
      if (!calls.delete(id)) return;
      mutedByHold.delete(id);
      emit({ type: 'ended', callId: id, by: endedHere.delete(id) ? 'agent' : by });
      if (calls.size === 0) {
        // The microphone is released between calls, as the SDK recommends.
        void device?.audio?.unsetInputDevice().catch(() => {});
        if (refreshWaiting) void refreshNow();
      }
    };
    call.on('accept', () => emit({ type: 'accepted', callId: id }));
    call.on('cancel', () => ended('caller'));
    call.on('disconnect', () => ended('caller'));
    call.on('reject', () => ended('agent'));
    call.on('mute', ((muted: boolean) =>
      emit({ type: 'muted', callId: id, muted: muted && !mutedByHold.has(id) })) as Listener);
    call.on('warning', ((name: string) => {
      const warning = asWarning(name);
      if (warning) emit({ type: 'quality', callId: id, warning, active: true });
    }) as Listener);
    call.on('warning-cleared', ((name: string) => {
      const warning = asWarning(name);
      if (warning) emit({ type: 'quality', callId: id, warning, active: false });
    }) as Listener);
    call.on('reconnecting', () =>
      emit({ type: 'quality', callId: id, warning: 'reconnecting', active: true }),
    );
    call.on('reconnected', () =>
      emit({ type: 'quality', callId: id, warning: 'reconnecting', active: false }),
    );
    call.on('error', ((err: { code?: number; message?: string }) =>
      emit({
        type: 'error',
        messageKey: 'softphone:notice.callError',
        details: { code: err?.code, message: err?.message },
      })) as Listener);
    return id;
  };

  const get = (id: string) => {
    const call = calls.get(id);
    if (!call) throw new Error(`no call ${id}`);
    return call;
  };

  /**
   * The agent's leg stays in the conference while the caller is held: it is silenced, so the
   * microphone does not carry into a held call when the agent takes another, and heard again on
   * resume (unless the agent had muted it themselves).
   */
  const silenceForHold = (id: string, call: VoiceCall) => {
    if (call.isMuted()) return;
    mutedByHold.add(id);
    call.mute(true);
  };

  return {
    kind: 'twilio',
    async register() {
      const token = await fetchToken();
      device = options.createDevice(token, {
        edge: options.edges,
        maxCallSignalingTimeoutMs: 30_000,
        tokenRefreshMs: TOKEN_REFRESH_AHEAD_MS,
        allowIncomingWhileBusy: true,
        closeProtection: true,
        appName: 'tapline',
      });
      device.on('registered', () => emit({ type: 'registered' }));
      device.on('unregistered', () => emit({ type: 'unregistered' }));
      device.on('tokenWillExpire', () => tokenWillExpire());
      device.on('error', ((error: { code?: number; message?: string }) => {
        if (error?.code !== undefined && TOKEN_EXPIRED.has(error.code)) void refreshNow();
        emit({
          type: 'error',
          messageKey: 'softphone:notice.deviceError',
          details: { code: error?.code, message: error?.message },
        });
      }) as Listener);
      device.on('incoming', ((call: VoiceCall) => {
        const id = track(call);
        const custom = call.customParameters;
        const language = custom.get('language');
        const reason = custom.get('reason');
        const networkCallId = custom.get('call');
        emit({
          type: 'incoming',
          callId: id,
          caller: {
            // The caller's own number travels as a custom parameter: the leg's From is ours.
            from: custom.get('caller') ?? call.parameters.From ?? '',
            ...(language === 'en' || language === 'es' ? { language } : {}),
            ...(reason ? { reason } : {}),
            ...(networkCallId ? { networkCallId } : {}),
          },
        });
      }) as Listener);
      await applyOutput().catch(() => {});
      await device.register();
    },
    async unregister() {
      if (lastMoment) clock.clearTimeout(lastMoment);
      lastMoment = null;
      const d = device;
      device = null;
      if (!d) return;
      await d.unregister().catch(() => {});
      d.destroy();
    },
    async accept(id) {
      const call = get(id);
      if (chosen.input) {
        try {
          await device?.audio?.setInputDevice(chosen.input);
        } catch {
          // Unplugged since it was chosen: the call goes ahead on the system default.
          emit({ type: 'error', messageKey: 'softphone:notice.inputDeviceMissing' });
        }
      }
      call.accept();
    },
    async reject(id) {
      get(id).reject();
    },
    async hangup(id) {
      const call = get(id);
      endedHere.add(id);
      call.disconnect();
    },
    async mute(id, muted) {
      get(id).mute(muted);
    },
    async hold(id, held) {
      const call = get(id);
      await options.hold(id, held);
      if (held) silenceForHold(id, call);
      else if (mutedByHold.delete(id)) call.mute(false);
    },
    async transfer(id, target) {
      const call = get(id);
      const to = targetName(target);
      emit({ type: 'transfer', callId: id, outcome: 'started', target: to });
      try {
        await options.transfer(id, target);
      } catch {
        // The server keeps the caller on hold when a transfer fails: the call comes back held, as
        // the desk shows it, and the agent resumes it.
        silenceForHold(id, call);
        emit({ type: 'transfer', callId: id, outcome: 'failed', target: to });
        return;
      }
      // Cold: the server has handed the caller over. Warm: the agent consults first.
      if (!target.warm || target.kind === 'queue')
        emit({ type: 'transfer', callId: id, outcome: 'completed', target: to });
    },
    async endTransfer(id, handOver) {
      const call = get(id);
      await options.endTransfer(id, handOver);
      // Called off, the caller stays on hold with the agent.
      if (!handOver) silenceForHold(id, call);
      emit({
        type: 'transfer',
        callId: id,
        outcome: handOver ? 'completed' : 'failed',
        target: '',
      });
    },
    async sendDigits(id, digits) {
      // The SDK sends the tones and plays them on the speaker devices: the chosen headset.
      get(id).sendDigits(digits);
    },
    async audioDevices(): Promise<AudioDevices> {
      const audio = device?.audio;
      const list = (m: Map<string, { deviceId: string; label: string }> | undefined) =>
        [...(m?.values() ?? [])]
          .filter((d) => d.deviceId !== 'default')
          .map((d) => ({ id: d.deviceId, label: d.label }));
      return {
        inputs: list(audio?.availableInputDevices),
        outputs: audio?.isOutputSelectionSupported ? list(audio.availableOutputDevices) : [],
      };
    },
    async setAudioDevices(devices) {
      chosen = { ...devices };
      await applyOutput();
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
