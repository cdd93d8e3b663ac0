import type { LocalCache } from '../../../db/cache';
import { CardNumberRefused } from '../../../db/cache';
import type { AccountHeader } from '../../../shared/cis';
import { IpcFailure, ipcError } from '../../../shared/ipc';
import {
  billTrend,
  callReasonFor,
  defaultTeamSettings,
  type TeamSettings,
} from '../../../shared/telephony';
import type { CisService } from '../cis/cis-service';
import { OfflineError, ServerRefusal } from '../cis/client';
import type { HandlerRegistry } from '../registry';
import {
  type CallerSource,
  type SimulatedCaller,
  SimulatorRefusal,
  TrainingSimulator,
} from '../simulator/training-simulator';
import { loadTeamSettings } from './team-settings';
import { DEFAULT_TWILIO_EDGES } from './telephony-config';

/**
 * The customer of an account as a simulated caller, calling for a reason that fits it: about a
 * high bill only when the account's bills, as the cache holds them, show one.
 */
function callerOf(
  cache: LocalCache,
  h: AccountHeader | null,
  random: () => number,
): SimulatedCaller | null {
  if (!h?.phones[0]) return null;
  const bills = cache.detail(h.number)?.detail.bills;
  return {
    phone: h.phones[0],
    name: h.name,
    language: h.language,
    accountNumber: h.number,
    reason: callReasonFor(h, random, bills ? billTrend(bills) : null),
  };
}

/** Callers drawn from the cache's synthetic customers. */
export function cacheCallerSource(cache: LocalCache): CallerSource {
  return {
    next: (random) => callerOf(cache, cache.randomHeader(random), random),
  };
}

export interface SoftphoneServiceOptions {
  registry: HandlerRegistry;
  cis: CisService;
  mode: 'simulator' | 'twilio';
  /** Twilio edges in order of preference (edge fallback): TAPLINE_TWILIO_EDGES. */
  twilioEdges?: string[];
  /** The team's settings; without them, `team.json` in the data folder or the defaults. */
  team?: TeamSettings;
  dataDir?: string;
  log?: (message: string) => void;
}

/** The softphone channels: the training simulator (default) or Twilio tokens, and call records. */
export function registerSoftphoneHandlers(o: SoftphoneServiceOptions): {
  simulator: TrainingSimulator;
} {
  const r = o.registry;
  const team = o.team ?? (o.dataDir ? loadTeamSettings(o.dataDir, o.log) : defaultTeamSettings);
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
    twilio: { edges: o.twilioEdges ?? DEFAULT_TWILIO_EDGES },
  });

  r.handle('softphone.config', () => config());
  const simulatorOnly = () => {
    if (o.mode !== 'simulator')
      throw new IpcFailure({
        code: 'conflict',
        messageKey: 'softphone:notice.simulatorOff',
        details: { mode: o.mode },
      });
  };
  r.handle('softphone.simulator.configure', ({ callsPerHour }) => {
    simulatorOnly();
    simulator.configure({ callsPerHour });
    return config();
  });
  r.handle('softphone.simulator.ring', ({ accountNumber, reason }) => {
    simulatorOnly();
    if (!accountNumber && !reason) return { callId: simulator.ring() };
    const caller = accountNumber
      ? callerOf(o.cis.cache, o.cis.cache.header(accountNumber), Math.random)
      : cacheCallerSource(o.cis.cache).next(Math.random);
    if (!caller && accountNumber) throw new IpcFailure(ipcError('not_found', { accountNumber }));
    return { callId: caller ? simulator.ring(reason ? { ...caller, reason } : caller) : null };
  });
  r.handle('softphone.command', (cmd) => {
    simulatorOnly();
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
          // No audio in training: muting is the desk's own state.
          break;
        case 'transfer':
          simulator.transfer(cmd.callId, cmd.target, cmd.warm);
          break;
        case 'transfer-complete':
        case 'transfer-cancel':
          simulator.endTransfer(cmd.callId, cmd.action === 'transfer-complete');
          break;
        case 'digits':
          simulator.digits(cmd.callId, cmd.digits);
          break;
      }
    } catch (err) {
      if (err instanceof SimulatorRefusal)
        throw new IpcFailure({
          code: err.code,
          messageKey:
            err.code === 'not_found'
              ? 'softphone:notice.callGone'
              : 'softphone:notice.callNotReady',
          details: { callId: cmd.callId },
        });
      throw err;
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
  r.handle('softphone.twilio.transferOutcome', ({ callSid, outcome }) =>
    twilioCall(() => o.cis.client.twilioTransferOutcome(callSid, outcome)),
  );
  // The server rings this agent's softphone for the team's ring time: one setting for both sides.
  r.handle('softphone.availability', ({ available }) =>
    o.mode === 'twilio'
      ? twilioCall(() => o.cis.client.availability(available, team.ringSeconds))
      : { ok: true },
  );
  r.handle('interaction.record', (rec, session) => {
    try {
      // The call is the signed-in agent's: only their session sends it to the CIS.
      const item = o.cis.cache.enqueue(
        { type: 'recordInteraction', channel: 'phone', ...rec },
        new Date().toISOString(),
        session.userId,
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
