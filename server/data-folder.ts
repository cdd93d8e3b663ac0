import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's data folder, where Electron's `app.getPath('userData')` puts it, so the desktop,
 * the web host, `npm run server` and the seed command share settings, cache and the embedded
 * CIS (PGlite in `<folder>/cis`). TAPLINE_DATA_DIR overrides it (tests, several instances).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TAPLINE_DATA_DIR) return env.TAPLINE_DATA_DIR;
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tapline');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Tapline');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tapline');
  }
}
