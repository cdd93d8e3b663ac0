import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * `npm run dev` as a developer runs it: Vite's dev server (its client, hot reload) serving the
 * renderer's sources, and the web host's bridge reached through it at `/ipc`, then stopped.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'tapline-dev-'));
let dev: ChildProcess | null = null;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Ends the process group `npm run dev` started (npm, tsx, node). */
async function stop(child: ChildProcess): Promise<void> {
  if (!running(child) || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

afterAll(async () => {
  if (dev) await stop(dev);
  rmSync(dataDir, { recursive: true, force: true });
});

function started(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const url = /Tapline dev: (\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr?.on('data', (chunk) => {
      out += String(chunk);
    });
    child.once('exit', (code) => reject(new Error(`npm run dev ended (${code}):\n${out}`)));
  });
}

function ping(url: URL, token: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}/ipc?token=${encodeURIComponent(token)}`, {
      origin: url.origin,
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ id: 1, channel: 'app.ping', payload: { nonce: 'dev-loop' } })),
    );
    ws.once('message', (data) => {
      resolve(JSON.parse(String(data)));
      ws.close();
    });
    ws.once('error', reject);
  });
}

describe('npm run dev', () => {
  it('serves the renderer through Vite, with its client, the bridge behind it, and stops', {
    timeout: 180_000,
  }, async () => {
    dev = spawn('npm', ['run', 'dev'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TAPLINE_DATA_DIR: dataDir,
        TAPLINE_NO_OPEN: '1',
        TAPLINE_SEED_ACCOUNTS: '5',
        TAPLINE_TRAINING_FLOOR: '0',
      },
    });
    const printed = new URL(await started(dev));
    const token = new URLSearchParams(printed.hash.slice(1)).get('token') ?? '';

    const page = await (await fetch(printed.origin)).text();
    expect(page).toContain('<div id="root"></div>');
    expect(page).toContain('/@vite/client');
    expect(page).toContain('/@react-refresh');
    // The sources, compiled on request: what hot reload swaps in when a panel is saved.
    const app = await (await fetch(`${printed.origin}/app/App.tsx`)).text();
    expect(app).toContain('import.meta.hot');
    expect(await ping(printed, token)).toMatchObject({
      id: 1,
      ok: true,
      value: { nonce: 'dev-loop' },
    });

    await stop(dev);
    await expect(fetch(printed.origin)).rejects.toThrow();
  });
});
