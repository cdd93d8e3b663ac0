import type { StateCreator } from 'zustand';
import type { SessionView } from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';

export interface AuthSlice {
  session: SessionView | null;
  signingIn: boolean;
  signInError: string | null;
  loadSession(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  receiveSession(session: SessionView): void;
}

export const createAuthSlice: StateCreator<AppState, [], [], AuthSlice> = (set, get) => ({
  session: null,
  signingIn: false,
  signInError: null,
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
      set({ signInError: messageKeyOf(err) });
    } finally {
      set({ signingIn: false });
    }
  },
  async signOut() {
    await get().stopSoftphone();
    get().receiveSession(await call('auth.signOut', {}));
    get().closeAccount();
    get().closePanel();
  },
  receiveSession(session) {
    set({ session });
  },
});
