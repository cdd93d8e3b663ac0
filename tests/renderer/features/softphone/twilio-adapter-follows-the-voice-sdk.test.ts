import { beforeEach, describe, expect, it } from 'vitest';
import {
  TOKEN_LAST_MOMENT_MS,
  TOKEN_REFRESH_AHEAD_MS,
  twilioSoftphone,
} from '../../../../renderer/features/softphone/twilio-adapter';
import type { Softphone, SoftphoneEvent, TransferTarget } from '../../../../shared/telephony';
import { FakeClock } from '../../../support/fake-clock';
import { FakeDevice } from './fake-voice-sdk';

const TTL = 3600;

describe('the Twilio softphone over the Voice SDK', () => {
  let clock: FakeClock;
  let device: FakeDevice;
  let phone: Softphone;
  let events: SoftphoneEvent[];
  let issued: number;
  const server: string[] = [];
  const failTransfer = new Set<string>();

  beforeEach(async () => {
    clock = new FakeClock();
    events = [];
    issued = 0;
    server.length = 0;
    phone = twilioSoftphone({
      edges: ['ashburn', 'umatilla', 'roaming'],
      fetchToken: async () => ({ token: `token-${++issued}`, ttlSeconds: TTL }),
      createDevice: (token, options) => {
        device = new FakeDevice(token, options);
        return device;
      },
      hold: async (sid, held) => {
        server.push(`hold ${sid} ${held}`);
      },
      transfer: async (sid, target: TransferTarget) => {
        if (failTransfer.has(target.to)) throw new Error('transfer_failed');
        server.push(`transfer ${sid} ${target.kind}:${target.to}${target.warm ? ' warm' : ''}`);
      },
      endTransfer: async (sid, handOver) => {
        server.push(`${handOver ? 'complete' : 'cancel'} ${sid}`);
      },
      clock: {
        now: () => clock.now,
        setTimeout: clock.setTimeout,
        clearTimeout: clock.clearTimeout,
      },
    });
    phone.on((e) => events.push(e));
    await phone.register();
  });

  const types = () => events.map((e) => e.type);
  const ring = (sid = 'CA1') =>
    device.ring(sid, '+12155550000', { caller: '+12675550142', language: 'es' });

  it('registers with a token from the server and the edges to fall back along', () => {
    expect(device.tokens).toEqual(['token-1']);
    expect(device.options).toMatchObject({
      edge: ['ashburn', 'umatilla', 'roaming'],
      maxCallSignalingTimeoutMs: 30_000,
      tokenRefreshMs: TOKEN_REFRESH_AHEAD_MS,
      allowIncomingWhileBusy: true,
    });
    expect([device.state, types()]).toEqual(['registered', ['registered']]);
  });

  it('refreshes the token when it will expire, at once between calls', async () => {
    device.tokenWillExpire();
    await expect.poll(() => device.tokens).toEqual(['token-1', 'token-2']);
  });

  it('waits for the call to end before refreshing, rather than cut into the audio', async () => {
    const call = ring();
    await phone.accept('CA1');
    clock.advance(TTL * 1000 - TOKEN_REFRESH_AHEAD_MS);
    device.tokenWillExpire();
    clock.advance(60_000);
    await Promise.resolve();
    expect(device.tokens).toEqual(['token-1']);
    call.callerHangsUp();
    await expect.poll(() => device.tokens).toEqual(['token-1', 'token-2']);
    clock.advance(TOKEN_REFRESH_AHEAD_MS);
    await Promise.resolve();
    expect(device.tokens).toEqual(['token-1', 'token-2']);
  });

  it('refreshes mid-call at the last moment when the call outlasts the token', async () => {
    ring();
    await phone.accept('CA1');
    clock.advance(TTL * 1000 - TOKEN_REFRESH_AHEAD_MS);
    device.tokenWillExpire();
    clock.advance(TOKEN_REFRESH_AHEAD_MS - TOKEN_LAST_MOMENT_MS - 1);
    await Promise.resolve();
    expect(device.tokens).toEqual(['token-1']);
    clock.advance(1);
    await expect.poll(() => device.tokens).toEqual(['token-1', 'token-2']);
    await phone.hangup('CA1');
    await Promise.resolve();
    expect(device.tokens).toEqual(['token-1', 'token-2']);
  });

  it('refreshes at once when Twilio says the token has expired, and tells the agent', async () => {
    device.fail(20104, 'AccessTokenExpired');
    await expect.poll(() => device.tokens.length).toBe(2);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      messageKey: 'softphone:notice.deviceError',
    });
  });

  it('rings with the caller’s own number and language, and answers', async () => {
    ring();
    expect(events.at(-1)).toEqual({
      type: 'incoming',
      callId: 'CA1',
      caller: { from: '+12675550142', language: 'es' },
    });
    await phone.accept('CA1');
    expect(events.at(-1)).toEqual({ type: 'accepted', callId: 'CA1' });
  });

  it('names the caller’s own call when the server passes its CallSid (the hub counts the call under it)', () => {
    device.ring('CA7', '+12155550000', {
      caller: '+12675550142',
      language: 'en',
      call: 'CA0123456789abcdef0123456789abcdef',
    });
    expect(events.at(-1)).toEqual({
      type: 'incoming',
      callId: 'CA7',
      caller: {
        from: '+12675550142',
        language: 'en',
        networkCallId: 'CA0123456789abcdef0123456789abcdef',
      },
    });
  });

  it('tells who ended a call: the agent by declining or hanging up, the caller by giving up or hanging up', async () => {
    ring('CA1');
    await phone.reject('CA1');
    const c2 = ring('CA2');
    c2.callerHangsUp();
    ring('CA3');
    await phone.accept('CA3');
    await phone.hangup('CA3');
    const c4 = ring('CA4');
    await phone.accept('CA4');
    c4.callerHangsUp();
    expect(events.filter((e) => e.type === 'ended')).toEqual([
      { type: 'ended', callId: 'CA1', by: 'agent' },
      { type: 'ended', callId: 'CA2', by: 'caller' },
      { type: 'ended', callId: 'CA3', by: 'agent' },
      { type: 'ended', callId: 'CA4', by: 'caller' },
    ]);
    await expect(phone.hangup('CA4')).rejects.toThrow(/no call/);
  });

  it('uses the chosen microphone for each call, set before it is answered and released after', async () => {
    await phone.setAudioDevices({ input: 'mic-usb', output: null });
    const call = ring();
    expect(device.audio.input).toBeNull();
    await phone.accept('CA1');
    expect(call.inputAtAccept).toBe('mic-usb');
    call.callerHangsUp();
    await expect.poll(() => device.audio.input).toBeNull();
  });

  it('answers on the default microphone, saying so, when the chosen one is unplugged', async () => {
    await phone.setAudioDevices({ input: 'mic-gone', output: null });
    const call = ring();
    await phone.accept('CA1');
    expect([call.status(), call.inputAtAccept]).toEqual(['open', null]);
    expect(events.map((e) => (e.type === 'error' ? e.messageKey : e.type))).toContain(
      'softphone:notice.inputDeviceMissing',
    );
  });

  it('plays the ringtone, the call and its keypad tones on the chosen headset', async () => {
    await phone.setAudioDevices({ input: null, output: 'head-usb' });
    expect([device.audio.speakers, device.audio.ringtoneDevices.current]).toEqual([
      ['head-usb'],
      ['head-usb'],
    ]);
    const call = ring();
    await phone.accept('CA1');
    await phone.sendDigits('CA1', '12#');
    expect(call.digitsSent).toEqual(['12#']);
    expect(device.audio.played).toEqual([
      { tone: '1', on: ['head-usb'] },
      { tone: '2', on: ['head-usb'] },
      { tone: '#', on: ['head-usb'] },
    ]);
    await expect(phone.sendDigits('CA1', '12a')).rejects.toThrow(/Illegal character/);
    await expect(phone.setAudioDevices({ input: null, output: 'head-gone' })).rejects.toThrow(
      /not found/,
    );
  });

  it('lists the workstation’s microphones and headsets', async () => {
    expect(await phone.audioDevices()).toEqual({
      inputs: [
        { id: 'mic-usb', label: 'Jabra Evolve2 65 (microphone)' },
        { id: 'mic-laptop', label: 'Built-in microphone' },
      ],
      outputs: [
        { id: 'head-usb', label: 'Jabra Evolve2 65 (headset)' },
        { id: 'speakers', label: 'Built-in speakers' },
      ],
    });
  });

  it('mutes, and holds through the server with the agent’s leg silenced but not shown muted', async () => {
    const call = ring();
    await phone.accept('CA1');
    await phone.mute('CA1', true);
    await phone.mute('CA1', false);
    await phone.hold('CA1', true);
    expect([server, call.isMuted()]).toEqual([['hold CA1 true'], true]);
    await phone.hold('CA1', false);
    expect([server, call.isMuted()]).toEqual([['hold CA1 true', 'hold CA1 false'], false]);
    expect(
      events.filter((e) => e.type === 'muted').map((e) => e.type === 'muted' && e.muted),
    ).toEqual([true, false, false, false]);
  });

  it('surfaces the SDK’s call-quality warnings, and clears them', async () => {
    const call = ring();
    await phone.accept('CA1');
    call.warn('high-rtt');
    call.warn('high-packet-loss');
    call.warn('some-future-warning');
    call.warn('high-rtt', false);
    call.emit('reconnecting', { code: 53405 });
    call.emit('reconnected');
    expect(events.filter((e) => e.type === 'quality')).toEqual([
      { type: 'quality', callId: 'CA1', warning: 'high-rtt', active: true },
      { type: 'quality', callId: 'CA1', warning: 'high-packet-loss', active: true },
      { type: 'quality', callId: 'CA1', warning: 'high-rtt', active: false },
      { type: 'quality', callId: 'CA1', warning: 'reconnecting', active: true },
      { type: 'quality', callId: 'CA1', warning: 'reconnecting', active: false },
    ]);
  });

  it('transfers cold through the server, and brings a refused transfer back held, the agent’s leg silenced until resumed', async () => {
    ring();
    await phone.accept('CA1');
    await phone.transfer('CA1', { kind: 'agent', to: 'u-lead', warm: false });
    failTransfer.add('+12155550404');
    const second = ring('CA2');
    await phone.accept('CA2');
    await phone.transfer('CA2', { kind: 'number', to: '+12155550404', warm: false });
    expect(second.isMuted()).toBe(true);
    await phone.hold('CA2', false);
    expect(second.isMuted()).toBe(false);
    expect(
      events
        .filter((e) => e.type === 'transfer')
        .map((e) => e.type === 'transfer' && [e.callId, e.outcome]),
    ).toEqual([
      ['CA1', 'started'],
      ['CA1', 'completed'],
      ['CA2', 'started'],
      ['CA2', 'failed'],
    ]);
    expect(server).toEqual(['transfer CA1 agent:u-lead', 'hold CA2 false']);
    // The silencing is the hold's, not the agent's mute: the bar never shows it as muted.
    expect(events.filter((e) => e.type === 'muted' && e.muted)).toEqual([]);
  });

  it('transfers warm: consults first, then hands over or keeps the caller, held', async () => {
    const call = ring();
    await phone.accept('CA1');
    await phone.transfer('CA1', { kind: 'number', to: '+12155550123', warm: true });
    expect([events.at(-1), call.isMuted()]).toEqual([
      expect.objectContaining({ type: 'transfer', outcome: 'started' }),
      false,
    ]);
    await phone.endTransfer('CA1', false);
    expect([events.at(-1), call.isMuted()]).toEqual([
      expect.objectContaining({ type: 'transfer', outcome: 'failed' }),
      true,
    ]);
    await phone.hold('CA1', false);
    expect(call.isMuted()).toBe(false);
    await phone.transfer('CA1', { kind: 'agent', to: 'u-lead', warm: true });
    await phone.endTransfer('CA1', true);
    expect(events.at(-1)).toMatchObject({ type: 'transfer', outcome: 'completed' });
    expect(server).toEqual([
      'transfer CA1 number:+12155550123 warm',
      'cancel CA1',
      'hold CA1 false',
      'transfer CA1 agent:u-lead warm',
      'complete CA1',
    ]);
  });

  it('unregisters and lets the Device go', async () => {
    await phone.unregister();
    expect([device.state, types().at(-1)]).toEqual(['destroyed', 'unregistered']);
  });
});
