import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HubSettings } from '../../../shared/hub/settings';

/** What the worker is started with (its workerData): plain data, copied into the thread. */
export interface EmbeddedCisStart {
  /** PGlite keeps the CIS's data in `<dataDir>/cis`. */
  dataDir: string;
  /** 0: any free port; a restart asks for the port it had. */
  port: number;
  /** Seeded on first start (an empty database); an unfinished seed is continued. */
  seed: { utilityId: string; accounts: number };
  hub?: HubSettings;
}

/** The desktop's messages to the worker. */
export type ToEmbeddedCis = { type: 'stop' };

/** The worker's messages to the desktop. */
export type FromEmbeddedCis =
  | { type: 'log'; message: string }
  | { type: 'ready'; url: string; port: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

export interface EmbeddedCis {
  /** Settles with the server's address once it answers (after its first seed, if any). */
  ready: Promise<{ url: string; port: number }>;
  /** The worker thread, for what it reports (its exit). */
  worker: Worker;
  /**
   * Closes the server (its database flushed), then ends the thread. A server still starting is
   * not waited for: the thread ends at once, and an unfinished seed continues on the next start.
   */
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** A closed server answers within this; a thread that does not is ended all the same. */
const STOP_GRACE_MS = 10_000;

/**
 * The worker's entry: `embedded-cis-worker.cjs` beside the bundled main process (build-electron
 * emits it into out/main), or the TypeScript source through tsx when running from the sources
 * (the web host, tests).
 */
function spawnWorker(start: EmbeddedCisStart): Worker {
  const built = join(here, 'embedded-cis-worker.cjs');
  if (existsSync(built)) return new Worker(built, { workerData: start });
  const source = pathToFileURL(join(here, 'embedded-cis-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: start });
}

/**
 * Starts the reference CIS in a worker thread, so its start and a long first seed never hold up
 * the main thread: the window and the IPC stay responsive while the seed runs. The main thread
 * only talks to it — start, its URL, log lines, stop — and never imports the server.
 */
export function startEmbeddedCis(
  start: EmbeddedCisStart,
  log: (message: string) => void = () => {},
): EmbeddedCis {
  const worker = spawnWorker(start);
  let answering = false;
  let stopped: () => void = () => {};
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Promise<{ url: string; port: number }>((resolve, reject) => {
    worker.on('message', (m: FromEmbeddedCis) => {
      if (m.type === 'log') log(m.message);
      else if (m.type === 'ready') {
        answering = true;
        resolve({ url: m.url, port: m.port });
      } else if (m.type === 'stopped') stopped();
      else {
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.once('error', reject);
    void exited.then(() => reject(new Error('the embedded CIS stopped before it was ready')));
  });
  return {
    ready,
    worker,
    async stop() {
      if (answering) {
        const closed = new Promise<void>((resolve) => {
          stopped = resolve;
        });
        worker.postMessage({ type: 'stop' } satisfies ToEmbeddedCis);
        const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
        await Promise.race([closed, grace, exited]);
      }
      await worker.terminate();
    },
  };
}
