import type { DeskDeviceOptions } from '../../../../renderer/features/softphone/twilio-adapter';

/**
 * A stand-in for @twilio/voice-sdk that behaves as its documentation says: Device emits
 * registering/registered/unregistered/incoming/tokenWillExpire/error; Call emits accept, cancel,
 * disconnect, reject, mute (isMuted, call), warning (name, data), warning-cleared (name),
 * reconnecting (error), reconnected; sendDigits refuses characters other than 0-9 * # w and plays
 * each tone on the speaker devices; setInputDevice and speakerDevices.set refuse unknown devices.
 */
class EventEmitter {
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  on(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const l of list) l(...args);
    return list.length > 0;
  }
}

export class FakeCall extends EventEmitter {
  private state: 'pending' | 'open' | 'closed' = 'pending';
  private muted = false;
  readonly digitsSent: string[] = [];
  readonly customParameters: Map<string, string>;
  /** The microphone in use when the call was accepted. */
  inputAtAccept: string | null = null;

  constructor(
    private readonly device: FakeDevice,
    readonly parameters: Record<string, string>,
    custom: Record<string, string> = {},
  ) {
    super();
    this.customParameters = new Map(Object.entries(custom));
  }

  status() {
    return this.state;
  }
  accept() {
    if (this.state !== 'pending') return;
    this.state = 'open';
    this.inputAtAccept = this.device.audio.input;
    this.emit('accept', this);
  }
  reject() {
    if (this.state !== 'pending') return;
    this.state = 'closed';
    this.emit('reject');
  }
  disconnect() {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.emit('disconnect', this);
  }
  mute(shouldMute = true) {
    if (this.muted === shouldMute) return;
    this.muted = shouldMute;
    this.emit('mute', shouldMute, this);
  }
  isMuted() {
    return this.muted;
  }
  sendDigits(digits: string) {
    if (/[^0-9*#w]/.test(digits)) throw new Error('Illegal character passed into sendDigits');
    this.digitsSent.push(digits);
    for (const d of digits.replace(/w/g, ''))
      this.device.audio.played.push({ tone: d, on: [...this.device.audio.speakers] });
  }

  // What the other side and the network do.
  callerHangsUp() {
    if (this.state === 'pending') {
      this.state = 'closed';
      this.emit('cancel');
    } else this.disconnect();
  }
  warn(name: string, active = true) {
    if (active) this.emit('warning', name, { name, threshold: { name: 'max' } });
    else this.emit('warning-cleared', name);
  }
}

class FakeOutputCollection {
  current: string[] = ['default'];
  constructor(private readonly available: Map<string, MediaDeviceLike>) {}
  async set(ids: string | string[]) {
    const list = Array.isArray(ids) ? ids : [ids];
    for (const id of list) if (!this.available.has(id)) throw new Error(`Devices not found: ${id}`);
    this.current = list;
  }
}

interface MediaDeviceLike {
  deviceId: string;
  label: string;
}

export class FakeAudioHelper {
  readonly availableInputDevices = new Map<string, MediaDeviceLike>();
  readonly availableOutputDevices = new Map<string, MediaDeviceLike>();
  readonly isOutputSelectionSupported = true;
  readonly speakerDevices = new FakeOutputCollection(this.availableOutputDevices);
  readonly ringtoneDevices = new FakeOutputCollection(this.availableOutputDevices);
  input: string | null = null;
  readonly played: { tone: string; on: string[] }[] = [];

  constructor() {
    for (const [id, label] of [
      ['default', 'Default'],
      ['mic-usb', 'Jabra Evolve2 65 (microphone)'],
      ['mic-laptop', 'Built-in microphone'],
    ])
      this.availableInputDevices.set(id, { deviceId: id, label });
    for (const [id, label] of [
      ['default', 'Default'],
      ['head-usb', 'Jabra Evolve2 65 (headset)'],
      ['speakers', 'Built-in speakers'],
    ])
      this.availableOutputDevices.set(id, { deviceId: id, label });
  }
  get speakers() {
    return this.speakerDevices.current;
  }
  async setInputDevice(id: string) {
    if (!this.availableInputDevices.has(id)) throw new Error(`Device not found: ${id}`);
    this.input = id;
  }
  async unsetInputDevice() {
    this.input = null;
  }
}

export class FakeDevice extends EventEmitter {
  state: 'unregistered' | 'registering' | 'registered' | 'destroyed' = 'unregistered';
  readonly audio = new FakeAudioHelper();
  readonly tokens: string[];
  readonly calls: FakeCall[] = [];

  constructor(
    token: string,
    readonly options: DeskDeviceOptions,
  ) {
    super();
    this.tokens = [token];
  }

  async register() {
    this.state = 'registering';
    this.emit('registering');
    await Promise.resolve();
    this.state = 'registered';
    this.emit('registered');
  }
  async unregister() {
    this.state = 'unregistered';
    this.emit('unregistered');
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  destroy() {
    this.state = 'destroyed';
    this.emit('destroyed');
  }

  // What Twilio does.
  ring(callSid: string, from: string, custom: Record<string, string> = {}): FakeCall {
    const call = new FakeCall(this, { CallSid: callSid, From: from, To: 'client:u-agent' }, custom);
    this.calls.push(call);
    this.emit('incoming', call);
    return call;
  }
  tokenWillExpire() {
    this.emit('tokenWillExpire', this);
  }
  fail(code: number, message: string) {
    this.emit('error', { code, message });
  }
}
