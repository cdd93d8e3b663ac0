import type {
  QualityWarning,
  Softphone,
  SoftphoneEvent,
  TransferTarget,
} from '../../../shared/telephony/port';

/**
 * The subset of @twilio/voice-sdk the desk uses (Device, Call), so the adapter is tested against
 * a fake that follows the SDK's documented events.
 */
export interface VoiceCall {
  parameters: Record<string, string>;
  customParameters?: Map<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(muted: boolean): void;
  sendDigits(digits: string): void;
  on(
    event: 'accept' | 'disconnect' | 'cancel' | 'reject' | 'error',
    listener: (...args: unknown[]) => void,
  ): unknown;
  on(event: 'warning' | 'warning-cleared', listener: (name: string) => void): unknown;
}

export interface VoiceDevice {
  state: string;
  isBusy: boolean;
  register(): Promise<void>;
  unregister(): Promise<void>;
  updateToken(token: string): void;
  destroy(): void;
  on(event: 'registered' | 'unregistered', listener: () => void): unknown;
  on(event: 'incoming', listener: (call: VoiceCall) => void): unknown;
  on(event: 'tokenWillExpire', listener: () => void): unknown;
  on(event: 'error', listener: (error: { code?: number; message?: string }) => void): unknown;
  audio?: {
    setInputDevice(id: string): Promise<void>;
    speakerDevices: { set(ids: string[]): Promise<void> };
    ringtoneDevices: { set(ids: string[]): Promise<void> };
  };
}

export interface TwilioAdapterOptions {
  /** A fresh access token from the central server. */
  fetchToken(): Promise<string>;
  /** Creates the Device (the real SDK's `new Device(token, options)`, or a fake). */
  createDevice(token: string): VoiceDevice;
  /** Hold and transfer go through the server, which drives conferences with Twilio's REST API. */
  hold(callSid: string, held: boolean): Promise<void>;
  transfer(callSid: string, target: TransferTarget): Promise<void>;
}

/** Twilio's call-quality warnings (thresholds in the reference: RTT 400 ms, jitter 30 ms, loss 3%, MOS 3.5). */
const WARNINGS = new Set<QualityWarning>([
  'high-rtt',
  'high-jitter',
  'high-packet-loss',
  'low-mos',
  'constant-audio-input-level',
  'ice-connectivity-lost',
]);
const asWarning = (name: string): QualityWarning | null =>
  WARNINGS.has(name as QualityWarning) ? (name as QualityWarning) : null;

/**
 * The Softphone port over Twilio Voice (@twilio/voice-sdk, the successor of twilio-client).
 * The token is refreshed on `tokenWillExpire`, but never during a call when it can wait: the
 * refresh is postponed until the call ends (a mid-call refresh can cost a second of audio).
 */
export function twilioSoftphone(options: TwilioAdapterOptions): Softphone {
  const listeners = new Set<(e: SoftphoneEvent) => void>();
  const emit = (e: SoftphoneEvent) => {
    for (const l of listeners) l(e);
  };
  const calls = new Map<string, VoiceCall>();
  let device: VoiceDevice | null = null;
  let refreshPending = false;

  const refresh = async () => {
    if (!device) return;
    if (calls.size > 0) {
      refreshPending = true;
      return;
    }
    refreshPending = false;
    device.updateToken(await options.fetchToken());
  };

  const track = (call: VoiceCall) => {
    const id = call.parameters.CallSid;
    calls.set(id, call);
    const ended = (by: 'agent' | 'caller') => {
      if (!calls.delete(id)) return;
      emit({ type: 'ended', callId: id, by });
      if (refreshPending) void refresh();
    };
    call.on('accept', () => emit({ type: 'accepted', callId: id }));
    call.on('disconnect', () => ended('caller'));
    call.on('cancel', () => ended('caller'));
    call.on('reject', () => ended('agent'));
    call.on('warning', (name: string) => {
      const warning = asWarning(name);
      if (warning) emit({ type: 'quality', callId: id, warning, active: true });
    });
    call.on('warning-cleared', (name: string) => {
      const warning = asWarning(name);
      if (warning) emit({ type: 'quality', callId: id, warning, active: false });
    });
    call.on('error', (err: unknown) =>
      emit({
        type: 'error',
        messageKey: 'softphone:notice.callError',
        details: { message: (err as Error)?.message },
      }),
    );
    return id;
  };

  const get = (id: string) => {
    const call = calls.get(id);
    if (!call) throw new Error(`no call ${id}`);
    return call;
  };

  return {
    kind: 'twilio',
    async register() {
      device = options.createDevice(await options.fetchToken());
      device.on('registered', () => emit({ type: 'registered' }));
      device.on('unregistered', () => emit({ type: 'unregistered' }));
      device.on('tokenWillExpire', () => void refresh());
      device.on('error', (error) =>
        emit({
          type: 'error',
          messageKey: 'softphone:notice.deviceError',
          details: { code: error.code, message: error.message },
        }),
      );
      device.on('incoming', (call) => {
        const id = track(call);
        const language = call.customParameters?.get('language');
        emit({
          type: 'incoming',
          callId: id,
          caller: {
            from: call.parameters.From ?? '',
            ...(language === 'en' || language === 'es' ? { language } : {}),
            ...(call.customParameters?.get('reason')
              ? { reason: call.customParameters.get('reason') }
              : {}),
          },
        });
      });
      await device.register();
    },
    async unregister() {
      await device?.unregister();
      device?.destroy();
      device = null;
    },
    async accept(id) {
      get(id).accept();
    },
    async reject(id) {
      const call = get(id);
      call.reject();
      // The SDK does not always emit 'reject' for the rejecting side.
      if (calls.delete(id)) emit({ type: 'ended', callId: id, by: 'agent' });
    },
    async hangup(id) {
      const call = get(id);
      calls.delete(id);
      call.disconnect();
      emit({ type: 'ended', callId: id, by: 'agent' });
      if (refreshPending) void refresh();
    },
    async mute(id, muted) {
      get(id).mute(muted);
    },
    async hold(id, held) {
      await options.hold(id, held);
    },
    async transfer(id, target) {
      const to = target.kind === 'number' ? target.to : `${target.kind}:${target.to}`;
      emit({ type: 'transfer', callId: id, outcome: 'started', target: to });
      try {
        await options.transfer(id, target);
        if (!target.warm) emit({ type: 'transfer', callId: id, outcome: 'completed', target: to });
      } catch {
        emit({ type: 'transfer', callId: id, outcome: 'failed', target: to });
      }
    },
    async sendDigits(id, digits) {
      get(id).sendDigits(digits);
    },
    async setAudioDevices({ input, output }) {
      // Applied before the next call: the SDK switches devices for calls set up after this.
      if (input) await device?.audio?.setInputDevice(input);
      if (output) {
        await device?.audio?.speakerDevices.set([output]);
        await device?.audio?.ringtoneDevices.set([output]);
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
