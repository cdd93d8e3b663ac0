import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerSession } from '../../../../electron/services/registry';
import type { UserSummary } from '../../../../shared/cis';
import { TRAINING_PASSWORD } from '../../../../shared/cis/training-users';
import type { IpcResult } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

/**
 * The Users screen's channels against a real CIS: only an administrator may call them (the
 * registry refuses a lead before the server is asked), each change reaches the server and is
 * seen in the list, and each refusal of the server arrives as its own typed error.
 */
describe('an administrator manages users through the desk', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const session = (): CallerSession => desk.session;
  const call = <T = unknown>(name: string, request: unknown) =>
    desk.registry.dispatch(name, request, session()) as Promise<IpcResult<T>>;
  const code = (r: IpcResult<unknown>) => (r.ok ? 'ok' : r.error.code);
  const signIn = async (username: string, password = TRAINING_PASSWORD) => {
    await call('auth.signOut', {});
    expect(code(await call('auth.signIn', { username, password }))).toBe('ok');
  };
  const listed = async (username: string) => {
    const list = await call<{ users: UserSummary[] }>('users.list', {});
    if (!list.ok) throw new Error(list.error.code);
    return list.value.users.find((u) => u.username === username);
  };

  beforeAll(async () => {
    desk = await testServices({ accounts: 5, ownCis: true });
    await desk.cis.ready;
  }, 120_000);
  afterAll(async () => desk?.dispose());

  it('refuses every users channel to a lead and to nobody signed in', async () => {
    await call('auth.signOut', {});
    expect(code(await call('users.list', {}))).toBe('unauthenticated');
    await signIn('lead');
    expect(code(await call('users.list', {}))).toBe('forbidden');
    expect(code(await call('users.disable', { user: 'agent', reason: 'a lead tries' }))).toBe(
      'forbidden',
    );
    await signIn('agent');
    expect(
      code(await call('users.changeRole', { user: 'agent', role: 'admin', reason: 'mine' })),
    ).toBe('forbidden');
    await signIn('admin');
    expect((await listed('agent'))?.role).toBe('agent');
  });

  it('adds, disables, enables, resets and promotes a user, each seen in the list', async () => {
    await signIn('admin');
    const added = await call<UserSummary>('users.add', {
      username: 'Maria.Ochoa',
      name: 'María Ochoa',
      role: 'agent',
      languages: ['en', 'es'],
      team: 'care-a',
      temporaryPassword: 'Given-By-Admin-01',
      reason: 'new hire HR-114',
    });
    expect(added).toMatchObject({
      ok: true,
      value: { username: 'maria.ochoa', mustChangePassword: true, disabled: false },
    });
    expect(await listed('maria.ochoa')).toMatchObject({ name: 'María Ochoa', team: 'care-a' });

    const disabled = await call<UserSummary>('users.disable', {
      user: 'maria.ochoa',
      reason: 'left the company',
    });
    expect(disabled).toMatchObject({ ok: true, value: { disabled: true } });
    expect((await listed('maria.ochoa'))?.disabled).toBe(true);
    expect(await call('users.enable', { user: 'maria.ochoa', reason: 'rehired' })).toMatchObject({
      ok: true,
      value: { disabled: false },
    });
    expect(
      await call('users.resetPassword', {
        user: 'maria.ochoa',
        temporaryPassword: 'Another-Given-02',
        reason: 'forgot it',
      }),
    ).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    expect(
      await call('users.changeRole', { user: 'maria.ochoa', role: 'lead', reason: 'promoted' }),
    ).toMatchObject({ ok: true, value: { role: 'lead' } });
  });

  it('says each refusal of the server as its own error', async () => {
    await signIn('admin');
    const base = {
      name: 'Ann Other',
      role: 'agent',
      languages: ['en'],
      team: 'care',
      reason: 'new hire',
    };
    expect(
      code(
        await call('users.add', {
          ...base,
          username: 'maria.ochoa',
          temporaryPassword: 'Given-By-Admin-01',
        }),
      ),
    ).toBe('username_taken');
    const weak = await call('users.add', {
      ...base,
      username: 'ann',
      temporaryPassword: 'ann-is-new-here',
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'weak_password', details: { problem: 'sameAsUsername' } },
    });
    expect(await listed('ann')).toBeUndefined();
    expect(code(await call('users.disable', { user: 'nobody.here', reason: 'x' }))).toBe(
      'no_such_user',
    );
    expect(code(await call('users.disable', { user: 'admin', reason: 'myself' }))).toBe(
      'own_account',
    );
  });

  it('refuses a bad body before the server is asked', async () => {
    await signIn('admin');
    expect(code(await call('users.disable', { user: 'agent' }))).toBe('bad_request');
    expect(
      code(await call('users.changeRole', { user: 'agent', role: 'owner', reason: 'why' })),
    ).toBe('bad_request');
    expect(code(await call('users.disable', { user: 'agent', reason: 'x', extra: true }))).toBe(
      'bad_request',
    );
    expect((await listed('agent'))?.disabled).toBe(false);
  });
});
