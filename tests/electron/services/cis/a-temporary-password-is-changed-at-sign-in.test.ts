import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerSession } from '../../../../electron/services/registry';
import { addUser } from '../../../../server/auth/users';
import type { IpcResult, SessionView } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

/**
 * A user an administrator added signs in at the desk with the temporary password: the desk asks
 * for their own (the server's refusals in the desk's words), and signs them in with it.
 */
describe('a temporary password at the desk', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const session = (): CallerSession => desk.session;
  const call = <T = unknown>(name: string, request: unknown) =>
    desk.registry.dispatch(name, request, session()) as Promise<IpcResult<T>>;
  const code = (r: IpcResult<unknown>) => (r.ok ? 'ok' : r.error.code);

  beforeAll(async () => {
    desk = await testServices({ accounts: 5, ownCis: true });
    await desk.cis.ready;
    await addUser(desk.ownCis!.db, 'u-admin', {
      username: 'nora',
      name: 'Nora Diaz',
      role: 'agent',
      temporaryPassword: 'Given-By-Admin-01',
      reason: 'new hire',
    });
  }, 120_000);
  afterAll(async () => desk?.dispose());

  it('answers password_change_required, refuses a weak or unchanged one, then signs in with the new', async () => {
    const signIn = await call('auth.signIn', { username: 'nora', password: 'Given-By-Admin-01' });
    expect(code(signIn)).toBe('password_change_required');
    expect(session().userId).toBeNull();
    const change = (password: string, newPassword: string) =>
      call<SessionView>('auth.changePassword', { username: 'nora', password, newPassword });
    expect(code(await change('Given-By-Admin-01', 'short'))).toBe('weak_password');
    const weak = await change('Given-By-Admin-01', 'nora-password-1');
    expect(weak).toMatchObject({ ok: false, error: { details: { problem: 'sameAsUsername' } } });
    expect(code(await change('Given-By-Admin-01', 'Given-By-Admin-01'))).toBe('same_password');
    expect(code(await change('not-the-temporary', 'a private phrase of mine'))).toBe(
      'bad_credentials',
    );
    const done = await change('Given-By-Admin-01', 'a private phrase of mine');
    expect(done).toMatchObject({
      ok: true,
      value: { principal: { name: 'Nora Diaz', role: 'agent' } },
    });
    expect(session().role).toBe('agent');
    await call('auth.signOut', {});
    expect(
      code(await call('auth.signIn', { username: 'nora', password: 'a private phrase of mine' })),
    ).toBe('ok');
  });
});
