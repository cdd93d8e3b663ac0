// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/app/App';
import { registerShortcuts } from '../../../renderer/app/shortcuts';
import { useAppStore } from '../../../renderer/store';
import { IpcFailure, ipcError, type SessionView } from '../../../shared/ipc';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const store = () => useAppStore.getState();
const MINUTE = 60_000;
const caller = { from: '+12155550142', language: 'es' as const, reason: 'high-bill' };

function session(over: Partial<SessionView> = {}): SessionView {
  return {
    principal: {
      userId: 'u-agent',
      name: 'Alex Rivera',
      role: 'agent',
      languages: ['en', 'es'],
      team: 'care-a',
    },
    training: false,
    demoUsers: [],
    cisUrl: '',
    identityProvider: null,
    signedInWith: 'password',
    lockAfterMinutes: 15,
    ...over,
  };
}

/** The desk's content (not the lock) is on screen and can be worked. */
const deskShown = () => !document.querySelector('.shell')?.hasAttribute('hidden');
const lock = () => screen.queryByRole('dialog', { name: /locked|bloqueado/ });
/** Time passes with nobody at the keyboard or the pointer. */
const idle = (ms: number) => act(() => vi.advanceTimersByTime(ms));

async function openDesk(locale: 'en' | 'es' = 'en', over: Partial<SessionView> = {}) {
  answers['app.info'] = () => ({
    name: 'Tapline',
    version: '0.0.0',
    host: 'web',
    platform: 'linux',
    dataDir: '/tmp/tapline',
    role: 'agent',
  });
  answers['auth.session'] = () => session(over);
  answers['auth.unlock'] = (req) => {
    if ((req as { password: string }).password !== 'right-one')
      throw new IpcFailure(ipcError('bad_credentials'));
    return { ok: true };
  };
  answers['auth.signOut'] = () => ({ ...session(over), principal: null, signedInWith: null });
  await renderWith(<App />, { locale });
  act(() => store().receiveSession(session(over)));
}

describe('the idle desk (PCI DSS 8.2.8)', () => {
  beforeEach(() => {
    // The clock and the idle check are fake; promises and React's own timers run as usual.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    tidy();
    vi.useRealTimers();
    useAppStore.setState({ locked: false, unlockError: null });
  });

  it('locks after 15 minutes without keyboard or pointer; each touch starts the 15 again', async () => {
    await openDesk();
    idle(10 * MINUTE);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    idle(10 * MINUTE);
    act(() => {
      window.dispatchEvent(new Event('pointermove'));
    });
    idle(15 * MINUTE - 2000);
    expect(lock()).toBeNull();
    expect(deskShown()).toBe(true);
    idle(2000);
    expect(lock()).not.toBeNull();
    expect(deskShown()).toBe(false);
    expect(screen.getByText('Locked for Alex Rivera')).toBeTruthy();
    // The keyboard starts in the password field.
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
  });

  it('runs no shortcut of the desk under the lock', async () => {
    const run = vi.fn();
    const off = registerShortcuts([{ id: 'test.x', keys: ['Ctrl+Alt+X'], labelKey: 'x', run }]);
    await openDesk();
    idle(15 * MINUTE);
    act(() => {
      window.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'x', code: 'KeyX', ctrlKey: true, altKey: true }),
      );
    });
    expect(run).not.toHaveBeenCalled();
    off();
  });

  it('never locks while a call rings, is live, on hold or in wrap-up; locks once it is done', async () => {
    await openDesk();
    act(() => store().deskEvent({ type: 'choose', state: 'available' }));
    act(() => store().deskEvent({ type: 'incoming', callId: 'CA1', caller }));
    idle(20 * MINUTE);
    expect(lock()).toBeNull();
    act(() => store().deskEvent({ type: 'accept', callId: 'CA1' }));
    idle(20 * MINUTE);
    act(() => store().deskEvent({ type: 'hold' }));
    idle(20 * MINUTE);
    expect(lock()).toBeNull();
    act(() => store().deskEvent({ type: 'resume' }));
    act(() => store().deskEvent({ type: 'hangup' }));
    expect(store().desk.wrapUp).not.toBeNull();
    idle(20 * MINUTE);
    expect(lock()).toBeNull();
    act(() => store().deskEvent({ type: 'wrap-up-code', code: 'billing-question' }));
    act(() => store().finishWrapUp());
    const stateBefore = store().desk.state;
    // The call is done and nobody touched the desk for the last 15 minutes: it locks now.
    idle(1000);
    expect(lock()).not.toBeNull();
    // The agent's state is kept under the lock, and the desk's clock still runs.
    expect(store().desk.state).toBe(stateBefore);
    expect(store().desk.state).toBe('available');
  });

  it('shows a call ringing under the lock, so the agent unlocks to answer it', async () => {
    await openDesk();
    act(() => store().deskEvent({ type: 'choose', state: 'available' }));
    idle(15 * MINUTE);
    act(() => store().deskEvent({ type: 'incoming', callId: 'CA2', caller }));
    expect(screen.getByRole('status').textContent).toBe('A call is ringing: unlock to answer it.');
    expect(store().desk.active?.state).toBe('ringing');
  });

  it('unlocks with the right password only, checked at the server', async () => {
    await openDesk();
    idle(15 * MINUTE);
    const field = screen.getByLabelText('Password');
    fireEvent.change(field, { target: { value: 'wrong-one' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('Wrong password.');
    expect(lock()).not.toBeNull();
    fireEvent.change(field, { target: { value: 'right-one' } });
    await act(async () => {
      fireEvent.submit(field.closest('form')!);
    });
    expect(lock()).toBeNull();
    expect(deskShown()).toBe(true);
    expect(callsTo('auth.unlock')).toEqual([{ password: 'wrong-one' }, { password: 'right-one' }]);
  });

  it('says so when the throttle holds the user back', async () => {
    await openDesk();
    answers['auth.unlock'] = () => {
      throw new IpcFailure(ipcError('too_many_attempts'));
    };
    idle(15 * MINUTE);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    });
    expect(screen.getByRole('alert').textContent).toMatch(/^Too many failed attempts/);
  });

  it('offers to sign out instead', async () => {
    await openDesk();
    idle(15 * MINUTE);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    });
    expect(callsTo('auth.signOut')).toHaveLength(1);
    expect(lock()).toBeNull();
    expect(screen.getByRole('heading', { name: 'Sign in to Tapline' })).toBeTruthy();
  });

  it('takes the lock’s minutes from the session, and speaks Spanish', async () => {
    await openDesk('es', { lockAfterMinutes: 5 });
    idle(5 * MINUTE);
    expect(screen.getByRole('heading', { name: 'Tapline está bloqueado' })).toBeTruthy();
    expect(screen.getByText(/inactivo 5 minutos/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Desbloquear' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cerrar sesión' })).toBeTruthy();
  });

  it('asks the identity provider again of a user who signed in through it', async () => {
    await openDesk('en', { identityProvider: 'Utility Sign-In', signedInWith: 'identityProvider' });
    answers['auth.providerSignIn'] = () => session({ identityProvider: 'Utility Sign-In' });
    idle(15 * MINUTE);
    expect(screen.queryByLabelText('Password')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in with Utility Sign-In' }));
    });
    expect(lock()).toBeNull();
    expect(callsTo('auth.providerSignIn')).toHaveLength(1);
  });
});
