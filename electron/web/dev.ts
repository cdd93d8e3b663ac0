import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchWebDesktop, openBrowser } from './launch';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm run dev`: the renderer from Vite's dev server, with hot reload, against the web host. The
 * web host serves only the bridge's socket; Vite serves `renderer/` and passes `/ipc` on to it,
 * so the page, its modules and the socket share one origin, and a saved panel shows at once.
 */
async function main(): Promise<void> {
  const desktop = await launchWebDesktop({
    root,
    staticDir: null,
    // The browser talks to Vite only: the host takes any free port unless told one.
    port: Number(process.env.TAPLINE_WEB_PORT ?? 0),
  });
  const vite = await createServer({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'renderer'),
    logLevel: 'warn',
    server: {
      host: '127.0.0.1',
      port: Number(process.env.TAPLINE_DEV_PORT ?? 5173),
      proxy: { '/ipc': { target: `ws://127.0.0.1:${desktop.host.port}`, ws: true } },
    },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  desktop.host.allowOrigin(`http://127.0.0.1:${port}`);
  desktop.host.allowOrigin(`http://localhost:${port}`);
  const url = `http://127.0.0.1:${port}/#token=${desktop.host.token}`;
  console.log(`Tapline dev: ${url}`);
  console.log(`Data folder: ${desktop.dataDir}`);
  openBrowser(url);

  const stop = async () => {
    await vite.close();
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
