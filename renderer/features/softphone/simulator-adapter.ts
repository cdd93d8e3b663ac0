import type { Softphone, SoftphoneEvent, TransferTarget } from '../../../shared/telephony/port';
import { bridge, call } from '../../bridge';

/** The training simulator behind the Softphone port: commands over the bridge, events back. */
export function simulatorSoftphone(): Softphone {
  const command = async (cmd: Parameters<typeof call<'softphone.command'>>[1]) => {
    await call('softphone.command', cmd);
  };
  return {
    kind: 'simulator',
    async register() {},
    async unregister() {},
    accept: (callId) => command({ action: 'accept', callId }),
    reject: (callId) => command({ action: 'reject', callId }),
    hangup: (callId) => command({ action: 'hangup', callId }),
    mute: (callId, muted) => command({ action: muted ? 'mute' : 'unmute', callId }),
    hold: (callId, held) => command({ action: held ? 'hold' : 'resume', callId }),
    transfer: (callId, target: TransferTarget) =>
      command({
        action: 'transfer',
        callId,
        target: target.kind === 'number' ? target.to : `${target.kind}:${target.to}`,
        warm: target.warm && target.kind !== 'queue',
      }),
    endTransfer: (callId, handOver) =>
      command({ action: handOver ? 'transfer-complete' : 'transfer-cancel', callId }),
    sendDigits: (callId, digits) => command({ action: 'digits', callId, digits }),
    // Simulated calls carry no audio: there is no device to list or to switch.
    audioDevices: async () => ({ inputs: [], outputs: [] }),
    async setAudioDevices() {},
    on(listener) {
      return bridge.on('softphone.event', (event) => listener(event as SoftphoneEvent));
    },
  };
}
