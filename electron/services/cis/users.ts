import { IpcFailure, ipcError, userRefusalCodes } from '../../../shared/ipc';
import type { HandlerRegistry } from '../registry';
import { type CisClient, OfflineError, ServerRefusal } from './client';

type Refusal = (typeof userRefusalCodes)[number];
const isRefusal = (code: unknown): code is Refusal =>
  typeof code === 'string' && (userRefusalCodes as readonly string[]).includes(code);

/**
 * A user change sent to the CIS; its refusal (no such user, the name taken, the last
 * administrator, the administrator's own account, a weak password with the rule it breaks)
 * becomes the IPC error of that name, which the screen says in the administrator's language.
 */
async function sent<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
    if (!(err instanceof ServerRefusal)) throw err;
    const body = (err.body ?? {}) as { error?: unknown; field?: unknown };
    if (err.status === 401) throw new IpcFailure(ipcError('unauthenticated'));
    if (err.status === 403) throw new IpcFailure(ipcError('forbidden'));
    if (isRefusal(body.error))
      throw new IpcFailure(
        ipcError(body.error, typeof body.field === 'string' ? { problem: body.field } : undefined),
      );
    if (err.status === 400) throw new IpcFailure(ipcError('bad_request'));
    throw new IpcFailure(ipcError('rejected'));
  }
}

/**
 * The Users screen's channels: list, add, disable, enable, reset a password, change a role. The
 * registry lets only an administrator call them; the CIS checks the role again and audits each
 * change with who made it and the reason given.
 */
export function registerUserHandlers(o: { registry: HandlerRegistry; client: CisClient }): void {
  const r = o.registry;
  const c = o.client;
  r.handle('users.list', () => sent(() => c.listUsers()));
  r.handle('users.add', (body) => sent(() => c.addUser(body)));
  r.handle('users.disable', ({ user, reason }) =>
    sent(() => c.changeUser(user, 'disable', { reason })),
  );
  r.handle('users.enable', ({ user, reason }) =>
    sent(() => c.changeUser(user, 'enable', { reason })),
  );
  r.handle('users.resetPassword', ({ user, ...body }) =>
    sent(() => c.changeUser(user, 'password', body)),
  );
  r.handle('users.changeRole', ({ user, ...body }) => sent(() => c.changeUser(user, 'role', body)));
}
