import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../shared/ipc';
import { call } from '../bridge';
import type { AppState } from './index';

export interface ConnectionSlice {
  connection: 'open' | 'closed';
  appInfo: AppInfo | null;
  setConnection(state: 'open' | 'closed'): void;
  loadAppInfo(): Promise<void>;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: 'closed',
  appInfo: null,
  setConnection(connection) {
    set({ connection });
  },
  async loadAppInfo() {
    set({ appInfo: await call('app.info', {}) });
  },
});
