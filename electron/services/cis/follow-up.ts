import type { LocalCache } from '../../../db/cache';
import { IpcFailure, ipcError } from '../../../shared/ipc';
import type { HandlerRegistry } from '../registry';
import { queueCommand } from './actions';
import { type CisClient, OfflineError, ServerRefusal } from './client';
import type { SyncEngine } from './sync';

/**
 * The follow-up channels: the caller's open tasks (online only: the list is the CIS's, across
 * accounts) and a lead's closing of a case (queued in the outbox; the server checks the role).
 */
export function registerFollowUpHandlers(o: {
  registry: HandlerRegistry;
  cache: LocalCache;
  client: CisClient;
  sync: SyncEngine;
}): void {
  const online = async <T>(request: () => Promise<T>): Promise<T> => {
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
  };
  o.registry.handle('tasks.mine', () => online(() => o.client.myTasks()));
  o.registry.handle('cases.byTeam', () => online(() => o.client.casesByTeam()));
  o.registry.handle('cases.close', (close, session) =>
    queueCommand(o.cache, o.sync, session, { type: 'closeCase', ...close }),
  );
}
