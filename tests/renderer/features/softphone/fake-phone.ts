import { act } from '@testing-library/react';
import { useAppStore } from '../../../../renderer/store';
import {
  defaultTeamSettings,
  type Softphone,
  type SoftphoneEvent,
} from '../../../../shared/telephony';
import { answers } from '../../support/fake-bridge';

/**
 * A softphone that answers as a carrier would: accepting a call connects it, hanging up or
 * declining ends it. What the desk asked of it is kept in `asked`.
 */
export class CarrierPhone implements Softphone {
  readonly kind = 'simulator';
  readonly asked: string[] = [];
  private listener: (e: SoftphoneEvent) => void = () => {};
  say(e: SoftphoneEvent) {
    act(() => this.listener(e));
  }
  ring(callId: string) {
    this.say({
      type: 'incoming',
      callId,
      caller: { from: '+12155550142', language: 'en', reason: 'high-bill' },
    });
  }
  async register() {}
  async unregister() {}
  async accept(id: string) {
    this.asked.push(`accept ${id}`);
    this.say({ type: 'accepted', callId: id });
  }
  async reject(id: string) {
    this.asked.push(`reject ${id}`);
    this.say({ type: 'ended', callId: id, by: 'agent' });
  }
  async hangup(id: string) {
    this.asked.push(`hangup ${id}`);
    this.say({ type: 'ended', callId: id, by: 'agent' });
  }
  async mute() {}
  async hold() {}
  async transfer() {}
  async endTransfer() {}
  async sendDigits() {}
  async audioDevices() {
    return { inputs: [], outputs: [] };
  }
  async setAudioDevices() {}
  on(listener: (e: SoftphoneEvent) => void) {
    this.listener = listener;
    return () => {
      this.listener = () => {};
    };
  }
}

/** Starts the desk on this phone in training mode, the agent Available; no caller's number is on file. */
export async function startOn(phone: CarrierPhone) {
  answers['account.byPhone'] = () => ({ results: [] });
  answers['account.search'] = () => ({ results: [] });
  answers['softphone.config'] = () => ({
    mode: 'simulator',
    team: defaultTeamSettings,
    simulator: { callsPerHour: 0, failingTransferSuffix: '0000' },
    twilio: { edges: [] },
  });
  await act(() => useAppStore.getState().startSoftphone(phone));
  act(() => useAppStore.getState().chooseState('available'));
}

/** Ctrl+Alt and a letter key, as a US keyboard sends them. */
export const press = (letter: string) =>
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
