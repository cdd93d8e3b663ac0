import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AppServices, createAppServices } from '../services/app-services';
import { fileCacheKey } from '../services/cache-key';
import { cisConfigFromEnv } from '../services/config';
import { defaultDataDir } from '../services/paths';
import { telephonyFromEnv, telephonySources } from '../services/softphone/telephony-config';
import { readAppVersion } from '../services/version';
import { startWebHost, type WebHost } from './host';

export interface WebDesktop {
  services: AppServices;
  host: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The desktop's services and the web host, from the environment: what `npm run web` serves with
 * the built renderer and `npm run dev` behind Vite's dev server (`staticDir` null: the socket
 * only). Exits with a sentence when the port is taken.
 */
export async function launchWebDesktop(o: {
  root: string;
  staticDir: string | null;
  port: number;
}): Promise<WebDesktop> {
  const dataDir = defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { key, source } = fileCacheKey(dataDir);
  if (source === 'file') {
    console.log(
      'Cache key: kept in the data folder (training setup; set TAPLINE_CACHE_KEY to supply your own).',
    );
  }
  const telephony = telephonyFromEnv();
  const services = await createAppServices({
    host: 'web',
    dataDir,
    version: readAppVersion(join(o.root, 'package.json')),
    cacheKey: key,
    ...cisConfigFromEnv(),
    telephony: telephony.mode,
    twilioEdges: telephony.edges,
    log: (m) => console.log(m),
  });
  const host = await startWebHost({
    registry: services.registry,
    // One agent per workstation: every tab shares the desktop's session, as the window does.
    session: services.session,
    staticDir: o.staticDir,
    port: o.port,
    telephonySources: telephonySources(telephony),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      console.error(
        `Port ${o.port} is in use (another Tapline?). Set TAPLINE_WEB_PORT to another port.`,
      );
      process.exit(1);
    }
    throw err;
  });
  return {
    services,
    host,
    dataDir,
    async stop() {
      await host.close();
      await services.close();
    },
  };
}

/** Opens the desktop in the user's browser, where there is one (TAPLINE_NO_OPEN=1: never). */
export function openBrowser(url: string): void {
  if (process.env.TAPLINE_NO_OPEN === '1') return;
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the URL is printed above.
  }
}
