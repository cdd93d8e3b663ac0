import type { Caller } from './types';

/**
 * The softphone as the desk drives it, whatever carries the audio: Twilio Voice in production, the
 * training simulator by default. Commands go down; events come up and feed the desk's machine.
 */
export interface Softphone {
  readonly kind: 'twilio' | 'simulator';
  register(): Promise<void>;
  unregister(): Promise<void>;
  accept(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
  hold(callId: string, held: boolean): Promise<void>;
  transfer(callId: string, target: TransferTarget): Promise<void>;
  sendDigits(callId: string, digits: string): Promise<void>;
  setAudioDevices(devices: { input?: string; output?: string }): Promise<void>;
  on(listener: (event: SoftphoneEvent) => void): () => void;
}

export type TransferTarget = { kind: 'agent' | 'queue' | 'number'; to: string; warm: boolean };

/** Call-quality warnings with Twilio's documented thresholds (reference: contact-center-metrics). */
export type QualityWarning =
  | 'high-rtt'
  | 'high-jitter'
  | 'high-packet-loss'
  | 'low-mos'
  | 'constant-audio-input-level'
  | 'ice-connectivity-lost';

export type SoftphoneEvent =
  | { type: 'registered' }
  | { type: 'unregistered' }
  | { type: 'incoming'; callId: string; caller: Caller }
  | { type: 'accepted'; callId: string }
  | { type: 'ended'; callId: string; by: 'agent' | 'caller' }
  | {
      type: 'transfer';
      callId: string;
      outcome: 'started' | 'failed' | 'completed';
      target: string;
    }
  | { type: 'quality'; callId: string; warning: QualityWarning; active: boolean }
  | { type: 'digits'; callId: string; digits: string }
  | { type: 'error'; messageKey: string; details?: unknown };

export const QUALITY_THRESHOLDS = {
  rttMs: 400,
  jitterMs: 30,
  packetLossPercent: 3,
  mos: 3.5,
} as const;
