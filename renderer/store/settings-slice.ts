import type { StateCreator } from 'zustand';
import type { Locale, Settings } from '../../shared/ipc';
import { call } from '../bridge';
import { applyLocale, i18n } from '../i18n';
import type { AppState } from './index';

export interface SettingsSlice {
  settings: Settings | null;
  settingsError: string | null;
  loadSettings(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  toggleLocale(): Promise<void>;
  receiveSettings(settings: Settings): void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settings: null,
  settingsError: null,
  async loadSettings() {
    try {
      get().receiveSettings(await call('settings.get', {}));
    } catch (err) {
      set({
        settingsError:
          (err as { error?: { messageKey?: string } }).error?.messageKey ?? 'errors:internal',
      });
    }
  },
  async setLocale(locale) {
    applyLocale(locale);
    try {
      get().receiveSettings(await call('settings.set', { locale }));
    } catch (err) {
      set({
        settingsError:
          (err as { error?: { messageKey?: string } }).error?.messageKey ?? 'errors:internal',
      });
    }
  },
  async toggleLocale() {
    // The screen's language changes at once; the saved setting follows. Reading the screen's
    // language (not the setting, still on its way) keeps two quick presses from cancelling out.
    await get().setLocale(i18n.language === 'es' ? 'en' : 'es');
  },
  receiveSettings(settings) {
    applyLocale(settings.locale);
    set({ settings, settingsError: null });
  },
});
