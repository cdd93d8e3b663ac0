import { CardNumberRefused, type LocalCache, type OutboxItem } from '../../../db/cache';
import type { Command } from '../../../shared/cis';
import { IpcFailure, ipcError } from '../../../shared/ipc';
import type { CallerSession, HandlerRegistry } from '../registry';
import { type CisClient, OfflineError, ServerRefusal } from './client';
import type { SyncEngine } from './sync';

/** Every account a command names must be one the desktop knows (in its cache). */
function accountsOf(command: Command): string[] {
  const numbers =
    'accountNumber' in command && command.accountNumber ? [command.accountNumber] : [];
  if (command.type === 'transferService') numbers.push(command.destinationAccountNumber);
  return numbers;
}

/**
 * Queues a command in the outbox and starts a sync round: it reaches the central system now, or
 * when it is back. A command carrying a card number is refused before anything is written.
 */
export function queueCommand(
  cache: LocalCache,
  sync: SyncEngine,
  session: CallerSession,
  command: Command,
): OutboxItem {
  for (const number of accountsOf(command)) {
    if (!cache.header(number))
      throw new IpcFailure(ipcError('not_found', { accountNumber: number }));
  }
  try {
    const item = cache.enqueue(command, new Date().toISOString(), session.userId);
    void sync.syncNow();
    return item;
  } catch (err) {
    if (err instanceof CardNumberRefused) throw new IpcFailure(ipcError('card_number'));
    throw err;
  }
}

async function online<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
    if (err instanceof ServerRefusal && err.status === 403)
      throw new IpcFailure(ipcError('forbidden'));
    if (err instanceof ServerRefusal && err.status === 401)
      throw new IpcFailure(ipcError('unauthenticated'));
    throw err;
  }
}

/**
 * The channels of the calculators and action panels: commands through the outbox (agents), the
 * approval queue and decisions (leads), and an agent's own requests with their outcome. The
 * registry checks each channel's role; the server checks each command's again.
 */
export function registerActionHandlers(o: {
  registry: HandlerRegistry;
  cache: LocalCache;
  client: CisClient;
  sync: SyncEngine;
}): void {
  const r = o.registry;
  r.handle('account.command', ({ command }, session) =>
    queueCommand(o.cache, o.sync, session, command),
  );
  r.handle('approvals.decide', (decision, session) =>
    queueCommand(o.cache, o.sync, session, { type: 'decideAdjustment', ...decision }),
  );
  r.handle('payments.receiptPdf', async ({ accountNumber, receiptNumber, lang }) => {
    try {
      const pdf = await online(() => o.client.receiptPdf(accountNumber, receiptNumber, lang));
      return { base64: pdf.toString('base64') };
    } catch (err) {
      if (err instanceof ServerRefusal && err.status === 404)
        throw new IpcFailure(ipcError('not_found', { receiptNumber }));
      throw err;
    }
  });
  r.handle('approvals.pending', () => online(() => o.client.pendingAdjustments()));
  r.handle('approvals.mine', () => online(() => o.client.requestedAdjustments()));
}
