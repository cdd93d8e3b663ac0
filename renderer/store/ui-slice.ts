import type { StateCreator } from 'zustand';
import type { PanelId } from '../../shared/workspace/panels';
import type { AppState } from './index';

/** The calculators and action panels of the account workspace (shared with the call flows). */
export { type PanelId, panelIds } from '../../shared/workspace/panels';

/**
 * A request to open a panel, with values filled in. The script panel and shortcuts ask for a
 * panel; the workspace opens it. `at` makes a repeated request for the same panel a new one.
 */
export interface PanelRequest {
  panel: PanelId;
  prefill: Record<string, string | number | boolean>;
  at: number;
}

export interface UiSlice {
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
  panelRequest: PanelRequest | null;
  openPanel(panel: PanelId, prefill?: PanelRequest['prefill']): void;
  closePanel(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  shortcutsOpen: false,
  setShortcutsOpen(shortcutsOpen) {
    set({ shortcutsOpen });
  },
  panelRequest: null,
  openPanel(panel, prefill = {}) {
    set({ panelRequest: { panel, prefill, at: Date.now() } });
  },
  closePanel() {
    set({ panelRequest: null });
  },
});
