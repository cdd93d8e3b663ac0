import { parentPort, workerData } from 'node:worker_threads';
import { startCisServer } from '../../../server/start';
import type { EmbeddedCisStart, FromEmbeddedCis, ToEmbeddedCis } from './embedded-cis';

/**
 * The desktop's one door to the server (a dependency-cruiser rule lets no other file under
 * electron/ import server/): the embedded reference CIS, started in this worker thread by
 * embedded-cis.ts. Its migration, its first seed and every request it answers run here, off
 * the main thread; the main thread hears only log lines, its URL, and that it stopped.
 */
const channel = parentPort;
if (!channel) throw new Error('embedded-cis-worker runs in a worker thread: see embedded-cis.ts');
const post = (m: FromEmbeddedCis) => channel.postMessage(m);
const start = workerData as EmbeddedCisStart;

const running = startCisServer({
  mode: 'training',
  dataDir: start.dataDir,
  port: start.port,
  seed: start.seed,
  hub: start.hub,
  log: (message) => post({ type: 'log', message }),
});
running.then(
  (server) => post({ type: 'ready', url: server.url, port: server.port }),
  (err: Error) => post({ type: 'failed', message: err.message }),
);

channel.on('message', async (m: ToEmbeddedCis) => {
  if (m.type !== 'stop') return;
  const server = await running.catch(() => null);
  await server?.close();
  post({ type: 'stopped' });
});
