import type { SyncStatusView } from '../../../shared/ipc';

/**
 * The three links the status bar reports, each named for what it reaches, so that none can
 * read as contradicting another:
 * - `service`: this window's link to Tapline's own service on the workstation (the web host's
 *   WebSocket; always up under Electron). While it is down, nothing else is known.
 * - `phone`: telephony — whether the softphone can ring (Twilio registered, or the simulator).
 * - `central`: the central system (the CIS) — reached only for a signed-in agent, by sync.
 */
export interface DeskStatus {
  service: 'connected' | 'reconnecting';
  phone: 'unknown' | 'signedOut' | 'connecting' | 'ready' | 'training';
  central:
    | 'unknown'
    | 'signedOut'
    | 'checking'
    | 'online'
    | 'offline'
    | 'serverError'
    | 'sessionEnded';
}

export interface DeskStatusInput {
  connection: 'open' | 'closed';
  signedIn: boolean;
  phoneMode: 'simulator' | 'twilio' | null;
  registered: boolean;
  sync: SyncStatusView | null;
}

/** One source for every pill: what the store knows, with the service link deciding first. */
export function deskStatus(s: DeskStatusInput): DeskStatus {
  if (s.connection !== 'open')
    return { service: 'reconnecting', phone: 'unknown', central: 'unknown' };
  if (!s.signedIn) return { service: 'connected', phone: 'signedOut', central: 'signedOut' };
  return {
    service: 'connected',
    phone: !s.registered ? 'connecting' : s.phoneMode === 'simulator' ? 'training' : 'ready',
    central: centralOf(s.sync),
  };
}

function centralOf(sync: SyncStatusView | null): DeskStatus['central'] {
  if (!sync) return 'checking';
  if (sync.error === 'unauthenticated') return 'sessionEnded';
  if (sync.error === 'server-error') return 'serverError';
  return sync.online ? 'online' : 'offline';
}

/** A pill's colour: green when the link works, red when it does not, plain when not asked yet. */
export function toneOf(state: string): 'ok' | 'bad' | '' {
  if (state === 'connected' || state === 'ready' || state === 'training' || state === 'online')
    return 'ok';
  return state === 'signedOut' || state === 'checking' ? '' : 'bad';
}
