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
  /** Signed in with a temporary password an administrator set: the user chooses their own. */
  passwordChange: { username: string; password: string } | null;
  loadSession(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  changePassword(newPassword: string): Promise<void>;
  cancelPasswordChange(): void;
  signOut(): Promise<void>;
  receiveSession(session: SessionView): void;
}

export const createAuthSlice: StateCreator<AppState, [], [], AuthSlice> = (set, get, store) => ({
  session: null,
  signingIn: false,
  signInError: null,
  passwordChange: null,
  async loadSession() {
    try {
      get().receiveSession(await call('auth.session', {}));
    } catch (err) {
      set({ signInError: messageKeyOf(err) });
    }
  },
  async signIn(username, password) {
    set({ signingIn: true, signInError: null });
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
  },
});
