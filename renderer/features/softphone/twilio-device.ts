import { Call, Device } from '@twilio/voice-sdk';
import type { Softphone } from '../../../shared/telephony/port';
import { call } from '../../bridge';
import { type DeskDeviceOptions, twilioSoftphone, type VoiceDevice } from './twilio-adapter';

/** The real Voice SDK Device with the desk's options: Opus first, PCMU where Opus cannot go. */
function createDevice(token: string, options: DeskDeviceOptions): VoiceDevice {
  return new Device(token, {
    ...options,
    codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU],
    logLevel: 'warn',
  });
}

/**
 * Twilio mode: the Softphone port over @twilio/voice-sdk, with tokens, hold and transfer through
 * the central server. Loaded only in Twilio mode (the simulator never fetches the SDK).
 */
export function twilioSoftphoneOverBridge(edges: string[]): Softphone {
  return twilioSoftphone({
    edges,
    createDevice,
    fetchToken: () => call('softphone.twilioToken', {}),
    hold: async (callSid, hold) => {
      await call('softphone.twilio.hold', { callSid, hold });
    },
    transfer: async (callSid, target) => {
      await call('softphone.twilio.transfer', { callSid, ...target });
    },
    endTransfer: async (callSid, handOver) => {
      await call('softphone.twilio.transferOutcome', {
        callSid,
        outcome: handOver ? 'complete' : 'cancel',
      });
    },
  });
}
