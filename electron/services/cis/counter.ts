import { IpcFailure, ipcError } from '../../../shared/ipc';
import { utilities } from '../../../shared/utilities';
import type { HandlerRegistry } from '../registry';
import { type CisClient, OfflineError, ServerRefusal } from './client';

/** The utilities that run a walk-in counter, whose drawers a cashier may open. */
const counterUtilities = utilities.filter((u) => u.payments.counter?.walkIn).map((u) => u.id);

/**
 * A counter request sent to the CIS; a command it refuses (409, with its reason key of the `cis`
 * namespace and the details) becomes the error `rejected` carrying that key, which the screen
 * says in the user's language.
 */
async function sent<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
    if (!(err instanceof ServerRefusal)) throw err;
    if (err.status === 401) throw new IpcFailure(ipcError('unauthenticated'));
    if (err.status === 403) throw new IpcFailure(ipcError('forbidden'));
    if (err.status === 404) throw new IpcFailure(ipcError('not_found'));
    const body = (err.body ?? {}) as { status?: unknown; reasonKey?: unknown; details?: unknown };
    if (err.status === 409 && typeof body.reasonKey === 'string')
      throw new IpcFailure({
        code: 'rejected',
        messageKey: body.reasonKey,
        details: body.details ?? {},
      });
    if (err.status === 400) throw new IpcFailure(ipcError('bad_request'));
    throw new IpcFailure(ipcError('rejected'));
  }
}

/** The Counter screen's channels: the drawers, one drawer, and a counter command applied at once. */
export function registerCounterHandlers(o: { registry: HandlerRegistry; client: CisClient }): void {
  const r = o.registry;
  const c = o.client;
  r.handle('counter.drawers', async ({ status }) => ({
    ...(await sent(() => c.counterDrawers(status))),
    counterUtilities,
  }));
  r.handle('counter.drawer', ({ drawerId }) => sent(() => c.counterDrawer(drawerId)));
  r.handle('counter.command', ({ command }) => sent(() => c.applyNow(command)));
}
