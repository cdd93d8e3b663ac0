import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCisServer } from '../../../../server/start';
import { testServices } from '../../../support/desk';

/**
 * The embedded CIS seeds in a worker thread, so the desktop's main thread (the window, the IPC)
 * keeps answering during a first start. Proved by a timer's lateness on this thread while the
 * desk's own CIS seeds, against the same seed run on this thread: a ratio of the two, never an
 * absolute time (the machine is shared and busy).
 */
const ACCOUNTS = 80;
const TICK_MS = 10;

/** How late each tick of a 10 ms timer fires while `work` runs, in milliseconds. */
async function lateness(work: () => Promise<unknown>): Promise<number[]> {
  const late: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(Math.max(0, now - last - TICK_MS));
    last = now;
  }, TICK_MS);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return late;
}

const worst = (late: number[]) => Math.max(0, ...late);

describe('the embedded CIS', () => {
  it("seeds without holding up the desktop's main thread", { timeout: 240_000 }, async () => {
    let desk: Awaited<ReturnType<typeof testServices>> | null = null;
    const onWorker = await lateness(async () => {
      desk = await testServices({ accounts: ACCOUNTS });
      await desk.cis.ready;
    });
    const answered = (await fetch(`${desk!.cis.client.baseUrl}/health`)).ok;
    await desk!.dispose();

    const dir = mkdtempSync(join(tmpdir(), 'tapline-on-thread-'));
    const onThisThread = await lateness(async () => {
      const server = await startCisServer({
        mode: 'training',
        dataDir: dir,
        seed: { utilityId: 'philadelphia-water-pa', accounts: ACCOUNTS },
      });
      await server.close();
    });
    rmSync(dir, { recursive: true, force: true });

    expect(answered).toBe(true);
    // Seeding on this thread stalls its timers far longer than the same seed in the worker.
    expect(worst(onThisThread)).toBeGreaterThan(5 * worst(onWorker));
  });

  it('stops its worker when the desktop stops, and a desktop closed mid-seed ends it at once', {
    timeout: 120_000,
  }, async () => {
    const desk = await testServices({ accounts: 20 });
    await desk.cis.ready;
    const worker = desk.cis.embedded()!.worker;
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const url = desk.cis.client.baseUrl;
    expect((await fetch(`${url}/health`)).ok).toBe(true);
    await desk.dispose();
    await exited;
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    // Closed during its first seed: the worker is ended, not waited for.
    const seeding = await testServices({ accounts: 2000 });
    const early = seeding.cis.embedded()!.worker;
    const ended = new Promise<number>((resolve) => early.once('exit', resolve));
    await seeding.dispose();
    await ended;
    await expect(seeding.cis.ready).rejects.toThrow();
  });
});
