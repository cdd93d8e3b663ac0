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
  /** Ends a warm transfer: hand the caller over, or call it off and keep them (on hold). */
  endTransfer(callId: string, handOver: boolean): Promise<void>;
  sendDigits(callId: string, digits: string): Promise<void>;
  /** The workstation's microphones and headsets (empty where the softphone has no audio). */
  audioDevices(): Promise<AudioDevices>;
  /** The chosen microphone and headset; null is the system default. Applied before each call. */
  setAudioDevices(devices: { input: string | null; output: string | null }): Promise<void>;
  on(listener: (event: SoftphoneEvent) => void): () => void;
}

export interface AudioDevice {
  id: string;
  label: string;
}
export interface AudioDevices {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
}

export type TransferTarget = { kind: 'agent' | 'queue' | 'number'; to: string; warm: boolean };

/**
 * Call-quality warnings, named as the Voice SDK names them (the Voice SDK's own thresholds:
 * RTT over 400 ms, jitter over 30 ms, packet loss over 3%, low MOS), plus the SDK's media
 * reconnection.
 */
export const qualityWarnings = [
  'high-rtt',
  'high-jitter',
  'high-packet-loss',
  'high-packets-lost-fraction',
  'low-mos',
  'low-bytes-received',
  'low-bytes-sent',
  'constant-audio-input-level',
  'constant-audio-output-level',
  'ice-connectivity-lost',
  'reconnecting',
] as const;
export type QualityWarning = (typeof qualityWarnings)[number];

/**
 * What the far end of the line answers to keypad tones, as a phone menu does: the digits keyed
 * before `#` read back, or cleared by `*`. The training simulator's callers answer so.
 */
export const farEndReplies = ['entry-confirmed', 'entry-cleared'] as const;
export type FarEndReply = (typeof farEndReplies)[number];

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
  | { type: 'muted'; callId: string; muted: boolean }
  | { type: 'quality'; callId: string; warning: QualityWarning; active: boolean }
  | { type: 'digits'; callId: string; digits: string }
  | { type: 'far-end'; callId: string; reply: FarEndReply; entry: string }
  | { type: 'error'; messageKey: string; details?: unknown };
