import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';

const require = createRequire(import.meta.url);
const electronInstalled = (() => {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
})();

/** Waits for a line of the child's output that matches, and returns the match. */
function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${ms} ms:\n${seen}`)),
      ms,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${seen}`)));
  });
}

describe('npm start on a machine without the Electron binary', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapline-start-'));
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(electronInstalled)(
    'says so in one line and serves the same desktop in the browser',
    async () => {
      child = spawn(process.execPath, ['scripts/start.mjs'], {
        detached: true,
        env: {
          ...process.env,
          TAPLINE_DATA_DIR: dataDir,
          TAPLINE_WEB_PORT: '0',
          TAPLINE_NO_OPEN: '1',
          TAPLINE_SEED_ACCOUNTS: '20',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitForLine(child, /Electron is not installed here[^\n]*npm run web/, 60_000);
      const [, url] = await waitForLine(child, /Tapline web host: (\S+)/, 120_000);
      const browser = await launchChromium();
      try {
        const ui = new DeskPage(await browser.newPage());
        await ui.open(url);
        // The training users arrive with the session, just after the connection opens.
        await ui.page.getByRole('button', { name: /Alex Rivera/ }).waitFor({ timeout: 15_000 });
      } finally {
        await browser.close();
      }
    },
    180_000,
  );
});
