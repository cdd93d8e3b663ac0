/** What the data folder's place depends on: the caller passes Node's values in. */
export interface DataFolderPlace {
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  home: string;
  join: (...parts: string[]) => string;
}

/**
 * The user's data folder, where Electron's `app.getPath('userData')` puts it, so the desktop,
 * the web host, `npm run server` and the seed command share settings, cache and the embedded
 * CIS (PGlite in `<folder>/cis`). TAPLINE_DATA_DIR overrides it (tests, several instances).
 */
export function dataFolder({ env, platform, home, join }: DataFolderPlace): string {
  if (env.TAPLINE_DATA_DIR) return env.TAPLINE_DATA_DIR;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Tapline');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Tapline');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Tapline');
  }
}
