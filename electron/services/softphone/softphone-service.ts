import type { LocalCache } from '../../../db/cache';
import { CardNumberRefused } from '../../../db/cache';
import type { AccountHeader } from '../../../shared/cis';
import { IpcFailure, ipcError } from '../../../shared/ipc';
import { defaultTeamSettings, type TeamSettings } from '../../../shared/telephony';
import type { CisService } from '../cis/cis-service';
import { OfflineError, ServerRefusal } from '../cis/client';
import type { HandlerRegistry } from '../registry';
import {
  type CallerSource,
  type SimulatedCaller,
  TrainingSimulator,
} from '../simulator/training-simulator';

const GENERAL_REASONS = [
  'high-bill',
  'billing-question',
  'leak',
  'start-service',
  'stop-service',
  'assistance',
];

/** A reason to call that fits the account: a notice, a past-due balance, or the usual questions. */
export function reasonFor(header: AccountHeader, random: () => number): string {
  if (header.openNotices > 0) return 'disconnection-notice';
  if (header.pastDueCents > 0 && random() < 0.7) return 'past-due';
  if (header.status === 'inactive') return 'start-service';
  return GENERAL_REASONS[Math.floor(random() * GENERAL_REASONS.length)];
}

function callerOf(h: AccountHeader | null, random: () => number): SimulatedCaller | null {
  if (!h?.phones[0]) return null;
  return {
    phone: h.phones[0],
    name: h.name,
    language: h.language,
    accountNumber: h.number,
    reason: reasonFor(h, random),
  };
}

/** Callers drawn from the cache's synthetic customers. */
export function cacheCallerSource(cache: LocalCache): CallerSource {
  return {
    next: (random) => callerOf(cache.randomHeader(random), random),
  };
}

export interface SoftphoneServiceOptions {
  registry: HandlerRegistry;
  cis: CisService;
  mode: 'simulator' | 'twilio';
  team?: TeamSettings;
}

/** The softphone channels: the training simulator (default) or Twilio tokens, and call records. */
export function registerSoftphoneHandlers(o: SoftphoneServiceOptions): {
  simulator: TrainingSimulator;
} {
  const r = o.registry;
  const team = o.team ?? defaultTeamSettings;
  const simulator = new TrainingSimulator(cacheCallerSource(o.cis.cache), (event) =>
    r.emit('softphone.event', event),
  );
  const config = () => ({
    mode: o.mode,
    team,
    simulator: {
      callsPerHour: simulator.current().callsPerHour,
      failingTransferSuffix: simulator.current().failingTransferSuffix,
    },
  });

  r.handle('softphone.config', () => config());
  r.handle('softphone.simulator.configure', ({ callsPerHour }) => {
    simulator.configure({ callsPerHour });
    return config();
  });
  r.handle('softphone.simulator.ring', ({ accountNumber, reason }) => {
    if (!accountNumber && !reason) return { callId: simulator.ring() };
    const caller = accountNumber
      ? callerOf(o.cis.cache.header(accountNumber), Math.random)
      : cacheCallerSource(o.cis.cache).next(Math.random);
    if (!caller && accountNumber) throw new IpcFailure(ipcError('not_found', { accountNumber }));
    return { callId: caller ? simulator.ring(reason ? { ...caller, reason } : caller) : null };
  });
  r.handle('softphone.command', (cmd) => {
    try {
      switch (cmd.action) {
        case 'accept':
          simulator.accept(cmd.callId);
          break;
        case 'reject':
          simulator.reject(cmd.callId);
          break;
        case 'hangup':
          simulator.hangup(cmd.callId);
          break;
        case 'hold':
        case 'resume':
          simulator.hold(cmd.callId, cmd.action === 'hold');
          break;
        case 'mute':
        case 'unmute':
          break;
        case 'transfer':
          simulator.transfer(cmd.callId, cmd.target);
          break;
        case 'digits':
          simulator.digits(cmd.callId, cmd.digits);
          break;
      }
    } catch {
      throw new IpcFailure(ipcError('not_found', { callId: cmd.callId }));
    }
    return { ok: true };
  });
  r.handle('softphone.twilioToken', async () => {
    await o.cis.ready;
    try {
      return await o.cis.client.twilioToken();
    } catch (err) {
      if (err instanceof ServerRefusal) throw new IpcFailure(ipcError('telephony_not_configured'));
      if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
      throw err;
    }
  });
  const twilioCall = async <T>(fn: () => Promise<T>) => {
    await o.cis.ready;
    try {
      await fn();
      return { ok: true };
    } catch (err) {
      if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
      if (err instanceof ServerRefusal)
        throw new IpcFailure(
          ipcError(err.status === 503 ? 'telephony_not_configured' : 'rejected', err.body),
        );
      throw err;
    }
  };
  r.handle('softphone.twilio.hold', ({ callSid, hold }) =>
    twilioCall(() => o.cis.client.twilioHold(callSid, hold)),
  );
  r.handle('softphone.twilio.transfer', ({ callSid, ...target }) =>
    twilioCall(() => o.cis.client.twilioTransfer(callSid, target)),
  );
  r.handle('softphone.availability', ({ available }) =>
    o.mode === 'twilio' ? twilioCall(() => o.cis.client.availability(available)) : { ok: true },
  );
  r.handle('interaction.record', (rec) => {
    try {
      const item = o.cis.cache.enqueue(
        { type: 'recordInteraction', channel: 'phone', ...rec },
        new Date().toISOString(),
      );
      void o.cis.sync.syncNow();
      return item;
    } catch (err) {
      if (err instanceof CardNumberRefused) throw new IpcFailure(ipcError('card_number'));
      throw err;
    }
  });
  return { simulator };
}
