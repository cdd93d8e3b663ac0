import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/services/settings';
import { defaultSettings } from '../../../shared/ipc';

const dir = () => mkdtempSync(join(tmpdir(), 'tapline-settings-'));

describe('the settings store', () => {
  it('starts on the defaults and persists a change', () => {
    const d = dir();
    expect(new SettingsStore(d).get()).toEqual(defaultSettings);
    new SettingsStore(d).set({ locale: 'es' });
    expect(new SettingsStore(d).get().locale).toBe('es');
    expect(JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8')).locale).toBe('es');
  });

  it('keeps the valid fields of a damaged file and defaults the rest', () => {
    const d = dir();
    writeFileSync(
      join(d, 'settings.json'),
      JSON.stringify({
        locale: 'es',
        promptLocale: 'klingon',
        audioOutput: 'head-usb',
        audioInput: 7,
      }),
    );
    expect(new SettingsStore(d).get()).toEqual({
      ...defaultSettings,
      locale: 'es',
      audioOutput: 'head-usb',
    });
  });

  it('falls back to the defaults when the file is not JSON, without overwriting it', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), '{not json');
    expect(new SettingsStore(d).get().locale).toBe('en');
    expect(readFileSync(join(d, 'settings.json'), 'utf8')).toBe('{not json');
  });

  it('refuses an invalid value', () => {
    const store = new SettingsStore(dir());
    expect(() => store.set({ locale: 'de' as never })).toThrow();
    expect(store.get().locale).toBe('en');
  });
});
