import type { StateCreator } from 'zustand';
import { IpcFailure, type SessionView } from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';
import { agentStateAtStart } from '../../store/sign-out';

export interface AuthSlice {
  session: SessionView | null;
  signingIn: boolean;
  signInError: string | null;
  /** Signing in through the identity provider: its page is open in a browser. */
  providerSigningIn: boolean;
  /** The desk sat idle: its screen is hidden until the user proves who they are again. */
  locked: boolean;
  unlocking: boolean;
  unlockError: string | null;
  loadSession(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  providerSignIn(): Promise<void>;
  /** Signed in with a temporary password an administrator set: the user chooses their own. */
  passwordChange: { username: string; password: string } | null;
  changePassword(newPassword: string): Promise<void>;
  cancelPasswordChange(): void;
  signOut(): Promise<void>;
  receiveSession(session: SessionView): void;
  lock(): void;
  unlock(password: string): Promise<void>;
  /** Unlocks through the identity provider, for a user who signed in through it. */
  unlockWithProvider(): Promise<void>;
}

/** The latest sign-in through the provider: an earlier one, given up, leaves the screen alone. */
let providerAttempt = 0;

export const createAuthSlice: StateCreator<AppState, [], [], AuthSlice> = (set, get, store) => ({
  session: null,
  signingIn: false,
  signInError: null,
  providerSigningIn: false,
  locked: false,
  unlocking: false,
  unlockError: null,
  passwordChange: null,
  async loadSession() {
    try {
      get().receiveSession(await call('auth.session', {}));
    } catch (err) {
      set({ signInError: messageKeyOf(err) });
    }
  },
  async signIn(username, password) {
    providerAttempt++;
    set({ signingIn: true, signInError: null, providerSigningIn: false });
    try {
      get().receiveSession(await call('auth.signIn', { username, password }));
    } catch (err) {
      if (err instanceof IpcFailure && err.error.code === 'password_change_required')
        set({ passwordChange: { username, password } });
      else set({ signInError: messageKeyOf(err) });
    } finally {
      set({ signingIn: false });
    }
  },
  async changePassword(newPassword) {
    const asked = get().passwordChange;
    if (!asked) return;
    set({ signingIn: true, signInError: null });
    try {
      get().receiveSession(await call('auth.changePassword', { ...asked, newPassword }));
      set({ passwordChange: null });
    } catch (err) {
      set({ signInError: messageKeyOf(err) });
    } finally {
      set({ signingIn: false });
    }
  },
  cancelPasswordChange() {
    set({ passwordChange: null, signInError: null });
  },
  async providerSignIn() {
    const mine = ++providerAttempt;
    set({ providerSigningIn: true, signInError: null });
    try {
      const session = await call('auth.providerSignIn', {});
      if (mine === providerAttempt) get().receiveSession(session);
    } catch (err) {
      if (mine === providerAttempt) set({ signInError: messageKeyOf(err) });
    } finally {
      if (mine === providerAttempt) set({ providerSigningIn: false });
    }
  },
  async signOut() {
    await get().stopSoftphone();
    get().receiveSession(await call('auth.signOut', {}));
  },
  receiveSession(session) {
    const before = get().session?.principal?.userId;
    // Signed out, or another agent now: nothing of the previous agent's work stays on screen.
    if (before && before !== session.principal?.userId) {
      set({ ...agentStateAtStart(store.getInitialState()), session });
    } else {
      set({ session });
    }
    // A window opened or reloaded on a locked desk stays locked (the main side holds it).
    if (session.locked) set({ locked: true });
    if (!session.principal) set({ locked: false, unlockError: null });
  },
  lock() {
    if (!get().session?.principal) return;
    set({ locked: true, unlockError: null });
    void call('auth.lock', {}).catch(() => {});
  },
  async unlock(password) {
    set({ unlocking: true, unlockError: null });
    try {
      await call('auth.unlock', { password });
      set({ locked: false });
    } catch (err) {
      set({ unlockError: messageKeyOf(err) });
    } finally {
      set({ unlocking: false });
    }
  },
  async unlockWithProvider() {
    set({ unlocking: true, unlockError: null });
    try {
      get().receiveSession(await call('auth.providerSignIn', {}));
      set({ locked: false });
    } catch (err) {
      set({ unlockError: messageKeyOf(err) });
    } finally {
      set({ unlocking: false });
    }
  },
});
