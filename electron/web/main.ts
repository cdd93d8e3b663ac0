import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWebDesktop, openBrowser } from './launch';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error('The renderer is not built: run `npm run build:renderer` (npm run web does it).');
    process.exit(1);
  }
  const desktop = await launchWebDesktop({
    root,
    staticDir,
    port: Number(process.env.TAPLINE_WEB_PORT ?? 4871),
  });
  console.log(`Tapline web host: ${desktop.host.urlWithToken}`);
  console.log(`Data folder: ${desktop.dataDir}`);
  openBrowser(desktop.host.urlWithToken);

  const stop = async () => {
    await desktop.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
