// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../../renderer/app/shortcuts';
import { StatusBar } from '../../../../renderer/features/shell/StatusBar';
import { SoftphoneBar } from '../../../../renderer/features/softphone/SoftphoneBar';
import { useAppStore } from '../../../../renderer/store';
import { defaultSettings, type Settings } from '../../../../shared/ipc';
import {
  type AudioDevices,
  type DeskEvent,
  defaultTeamSettings,
  newDesk,
  reduce,
  type Softphone,
  type SoftphoneEvent,
} from '../../../../shared/telephony';
import { answers, callsTo } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

const team = defaultTeamSettings;
const store = () => useAppStore.getState();
const caller = { from: '+12155550142', language: 'es' as const, reason: 'high-bill' };
const other = { from: '+12675550177', language: 'en' as const, reason: 'leak' };

/** A softphone that records what the desk asks of it, and says what the test makes it say. */
class FakePhone implements Softphone {
  readonly kind = 'simulator';
  readonly asked: string[] = [];
  private listener: (e: SoftphoneEvent) => void = () => {};
  constructor(private readonly devices: AudioDevices = { inputs: [], outputs: [] }) {}
  say(e: SoftphoneEvent) {
    act(() => this.listener(e));
  }
  async register() {
    this.asked.push('register');
  }
  async unregister() {}
  async accept(id: string) {
    this.asked.push(`accept ${id}`);
  }
  async reject(id: string) {
    this.asked.push(`reject ${id}`);
  }
  async hangup(id: string) {
    this.asked.push(`hangup ${id}`);
  }
  async mute(id: string, muted: boolean) {
    this.asked.push(`mute ${id} ${muted}`);
  }
  async hold(id: string, held: boolean) {
    this.asked.push(`hold ${id} ${held}`);
  }
  async transfer() {}
  async endTransfer() {}
  async sendDigits(id: string, digits: string) {
    this.asked.push(`digits ${id} ${digits}`);
  }
  async audioDevices() {
    return this.devices;
  }
  async setAudioDevices(d: { input: string | null; output: string | null }) {
    this.asked.push(`devices ${d.input} ${d.output}`);
  }
  on(listener: (e: SoftphoneEvent) => void) {
    this.listener = listener;
    return () => {
      this.listener = () => {};
    };
  }
}

/** A desk after these events, each `after` seconds after the one before, and the time of the last. */
function deskAfter(steps: [number, DeskEvent][]) {
  let desk = newDesk(0);
  let now = 1_000_000;
  for (const [after, event] of steps) {
    now += after * 1000;
    desk = reduce(desk, event, now, team);
  }
  return { desk, now };
}

const onCall: [number, DeskEvent][] = [
  [0, { type: 'choose', state: 'available' }],
  [1, { type: 'incoming', callId: 'CA1', caller }],
  [2, { type: 'accept', callId: 'CA1' }],
];

/** The bar showing this desk at this time, as the ticker leaves it. */
function show(desk: ReturnType<typeof deskAfter>['desk'], now: number) {
  act(() => useAppStore.setState({ desk, now, team, mode: 'simulator', registered: true }));
}

/** Ctrl+Alt and a letter key, as a US keyboard sends them. */
const press = (letter: string) =>
  act(() => {
    window.dispatchEvent(
      new KeyboardEvent('keydown', {
        code: `Key${letter}`,
        key: letter.toLowerCase(),
        ctrlKey: true,
        altKey: true,
        bubbles: true,
      }),
    );
  });

async function start(phone: FakePhone, settings: Settings = defaultSettings) {
  answers['softphone.config'] = () => ({
    mode: 'simulator',
    team,
    simulator: { callsPerHour: 0, failingTransferSuffix: '0000' },
    twilio: { edges: [] },
  });
  act(() => store().receiveSettings(settings));
  await act(() => store().startSoftphone(phone));
  act(() => store().chooseState('available'));
}

describe('the softphone bar', () => {
  let offKeys: () => void;
  beforeAll(() => {
    offKeys = installShortcutListener();
  });
  afterEach(async () => {
    await act(() => store().stopSoftphone());
    tidy();
  });
  afterAll(() => offKeys());

  it('says talk time against the goal in words as well as colour: on goal, near goal at 80%, over goal after it', async () => {
    const { desk, now } = deskAfter(onCall);
    await renderWith(<SoftphoneBar />);
    const talk = () => screen.getByTestId('timer-talk');
    const level = () => [...talk().classList].find((c) => c.startsWith('level-'));
    show(desk, now + 287_000);
    expect([talk().textContent, level()]).toEqual(['Talk4:47goal 6:00', 'level-ok']);
    show(desk, now + 288_000);
    expect([talk().textContent, level()]).toEqual(['Talk4:48near goal', 'level-warning']);
    show(desk, now + 360_000);
    expect(level()).toBe('level-warning');
    show(desk, now + 361_000);
    expect([talk().textContent, level()]).toEqual(['Talk6:01over goal', 'level-over']);
  });

  it('says the levels in Spanish too', async () => {
    const { desk, now } = deskAfter(onCall);
    await renderWith(<SoftphoneBar />, { locale: 'es' });
    show(desk, now + 400_000);
    expect(screen.getByTestId('timer-talk').textContent).toBe('Conversación6:40sobre la meta');
  });

  it('mutes and unmutes the call on Ctrl+Alt+M wherever the focus is, and not on AltGr', async () => {
    const phone = new FakePhone();
    await renderWith(
      <>
        <SoftphoneBar />
        <input aria-label="notes" />
      </>,
    );
    await start(phone);
    phone.say({ type: 'incoming', callId: 'CA1', caller });
    phone.say({ type: 'accepted', callId: 'CA1' });
    screen.getByLabelText('notes').focus();
    await press('M');
    await screen.findByRole('button', { name: 'Unmute', pressed: true });
    // AltGr+M types "µ" on some layouts: a character, not the shortcut.
    const altGr = new KeyboardEvent('keydown', {
      code: 'KeyM',
      key: 'µ',
      ctrlKey: true,
      altKey: true,
    });
    Object.defineProperty(altGr, 'getModifierState', { value: (m: string) => m === 'AltGraph' });
    act(() => {
      window.dispatchEvent(altGr);
    });
    await press('M');
    await screen.findByRole('button', { name: 'Mute', pressed: false });
    expect(phone.asked.filter((a) => a.startsWith('mute'))).toEqual([
      'mute CA1 true',
      'mute CA1 false',
    ]);
  });

  it('shows the call-quality warnings while they last', async () => {
    const phone = new FakePhone();
    await renderWith(<SoftphoneBar />);
    await start(phone);
    phone.say({ type: 'incoming', callId: 'CA1', caller });
    phone.say({ type: 'accepted', callId: 'CA1' });
    const notices = screen.getByTestId('softphone-notice');
    phone.say({ type: 'quality', callId: 'CA1', warning: 'high-rtt', active: true });
    phone.say({ type: 'quality', callId: 'CA1', warning: 'high-packet-loss', active: true });
    expect(notices.textContent).toContain(
      'Call quality: high delay on the line · audio dropping out',
    );
    phone.say({ type: 'quality', callId: 'CA1', warning: 'high-rtt', active: false });
    expect(notices.textContent).toContain('Call quality: audio dropping out');
    phone.say({ type: 'quality', callId: 'CA1', warning: 'high-packet-loss', active: false });
    expect(notices.textContent).not.toContain('Call quality');
  });

  it('keeps the chosen microphone and headset in the workstation’s settings, and applies them before the next start', async () => {
    const devices = {
      inputs: [{ id: 'mic-2', label: 'Headset microphone' }],
      outputs: [{ id: 'head-1', label: 'USB headset' }],
    };
    answers['settings.set'] = (patch) => ({ ...defaultSettings, ...(patch as object) });
    const phone = new FakePhone(devices);
    await renderWith(<SoftphoneBar />);
    await start(phone);
    fireEvent.click(screen.getByRole('button', { name: 'Headset' }));
    const dialog = await screen.findByRole('dialog', { name: 'Audio devices' });
    await within(dialog).findByRole('option', { name: 'Headset microphone' });
    fireEvent.change(within(dialog).getByLabelText('Microphone'), { target: { value: 'mic-2' } });
    fireEvent.change(within(dialog).getByLabelText('Headset or speaker'), {
      target: { value: 'head-1' },
    });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save' })));
    expect(callsTo('settings.set')).toEqual([{ audioInput: 'mic-2', audioOutput: 'head-1' }]);
    expect(phone.asked).toEqual(['register', 'devices mic-2 head-1']);
    expect(store().settings).toMatchObject({ audioInput: 'mic-2', audioOutput: 'head-1' });

    const next = new FakePhone(devices);
    await act(() => store().stopSoftphone());
    await start(next, store().settings!);
    expect(next.asked).toEqual(['devices mic-2 head-1', 'register']);
  });

  it('shows a call waiting apart from the caller on the line, and the line’s answer to the keypad', async () => {
    const phone = new FakePhone();
    await renderWith(<SoftphoneBar />);
    await start(phone);
    phone.say({ type: 'incoming', callId: 'CA1', caller });
    phone.say({ type: 'accepted', callId: 'CA1' });
    phone.say({ type: 'incoming', callId: 'CA2', caller: other });
    expect(screen.getByTestId('caller').textContent).toContain('(215) 555-0142 · Spanish');
    const waiting = screen.getByTestId('waiting-call');
    expect(waiting.textContent).toContain('Another call: (267) 555-0177 · English · leak');
    expect(screen.getByRole('button', { name: 'Hang up' })).toBeTruthy();

    phone.say({ type: 'far-end', callId: 'CA1', reply: 'entry-confirmed', entry: '42' });
    expect(screen.getByTestId('far-end').textContent).toBe('The line read back: 42');

    await act(async () => fireEvent.click(within(waiting).getByRole('button', { name: 'Answer' })));
    expect(phone.asked.slice(-2)).toEqual(['hold CA1 true', 'accept CA2']);
  });
});

describe('signing out', () => {
  afterEach(tidy);

  it('is refused, saying why, while a call or its wrap-up is open; allowed once it is done', async () => {
    answers['auth.signOut'] = () => ({
      principal: null,
      training: true,
      demoUsers: [],
      cisUrl: '',
    });
    const { desk } = deskAfter([...onCall, [30, { type: 'hangup' }]]);
    await renderWith(<StatusBar />);
    act(() => useAppStore.setState({ desk }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Finish the call and its wrap-up before signing out.',
    );
    expect(callsTo('auth.signOut')).toEqual([]);

    act(() => useAppStore.setState({ desk: newDesk(0) }));
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect(callsTo('auth.signOut')).toEqual([{}]);
  });
});
