import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../services/app-services';
import { fileCacheKey } from '../services/cache-key';
import { cisConfigFromEnv } from '../services/config';
import { defaultDataDir } from '../services/paths';
import { telephonyFromEnv, telephonySources } from '../services/softphone/telephony-config';
import { readAppVersion } from '../services/version';
import { startWebHost } from './host';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function openBrowser(url: string): void {
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

async function main(): Promise<void> {
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error('The renderer is not built: run `npm run build:renderer` (npm run web does it).');
    process.exit(1);
  }
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
    version: readAppVersion(join(root, 'package.json')),
    cacheKey: key,
    ...cisConfigFromEnv(),
    telephony: telephony.mode,
    twilioEdges: telephony.edges,
    log: (m) => console.log(m),
  });
  const requested = Number(process.env.TAPLINE_WEB_PORT ?? 4871);
  const host = await startWebHost({
    registry: services.registry,
    // One agent per workstation: every tab shares the desktop's session, as the window does.
    session: services.session,
    staticDir,
    port: requested,
    telephonySources: telephonySources(telephony),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      console.error(
        `Port ${requested} is in use (another Tapline?). Set TAPLINE_WEB_PORT to another port.`,
      );
      process.exit(1);
    }
    throw err;
  });
  console.log(`Tapline web host: ${host.urlWithToken}`);
  console.log(`Data folder: ${dataDir}`);
  openBrowser(host.urlWithToken);

  const stop = async () => {
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
