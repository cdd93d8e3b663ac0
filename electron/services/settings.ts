import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultSettings, type Settings, settings as settingsSchema } from '../../shared/ipc';

/**
 * The workstation's settings, one JSON file in the data folder. A file that is missing or no
 * longer valid falls back to the defaults for the bad fields only, and is never overwritten
 * until the agent changes something.
 */
export class SettingsStore {
  private current: Settings;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
    this.current = this.read();
  }

  private read(): Settings {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return { ...defaultSettings };
    }
    const merged: Record<string, unknown> = { ...defaultSettings };
    if (raw && typeof raw === 'object') {
      for (const [key, value] of Object.entries(raw)) {
        const field = settingsSchema.shape[key as keyof Settings];
        if (field?.safeParse(value).success) merged[key] = value;
      }
    }
    return settingsSchema.parse(merged);
  }

  get(): Settings {
    return { ...this.current };
  }

  set(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    this.current = next;
    return this.get();
  }
}
