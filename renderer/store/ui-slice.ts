import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface UiSlice {
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  shortcutsOpen: false,
  setShortcutsOpen(shortcutsOpen) {
    set({ shortcutsOpen });
  },
});
