import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../e2e/support/browser';

/**
 * From spawning `tsx electron/web/main.ts` (which starts the embedded CIS on PGlite) to the
 * first screen rendered in Chromium.
 */
async function coldStart(
  browserPage: import('playwright-core').Page,
  dataDir: string,
): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts'], {
    env: {
      ...process.env,
      TAPLINE_DATA_DIR: dataDir,
      TAPLINE_WEB_PORT: '0',
      TAPLINE_NO_OPEN: '1',
      TAPLINE_CIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(/(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`web host exited ${code}`)));
  });
  await browserPage.goto(url);
  await browserPage
    .getByRole('heading', { name: /Sign in to Tapline|Script/ })
    .waitFor({ timeout: 120_000 });
  const elapsed = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return elapsed;
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    return sum + (s.isDirectory() ? folderBytes(path) : s.size);
  }, 0);
}

export async function run(): Promise<void> {
  const browser = await launchChromium();
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapline-bench-'));
    const first = await (await browser.newContext()).newPage();
    const firstStart = await coldStart(first, dataDir);
    await first.context().close();
    console.log(
      `first start (creates the embedded CIS and seeds 2,000 accounts): ${(firstStart / 1000).toFixed(1)} s`,
    );
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await (await browser.newContext()).newPage();
      times.push(await coldStart(page, dataDir));
      await page.context().close();
    }
    rmSync(dataDir, { recursive: true, force: true });
    times.sort((a, b) => a - b);
    console.log(
      `web host cold start to first render (embedded CIS on PGlite included): median ${times[2].toFixed(0)} ms of 5 (${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
    const js = readdirSync('out/renderer/assets').filter((f) => f.endsWith('.js'));
    const first2 = js.find((f) => f.startsWith('index')) ?? js[0];
    console.log(
      `renderer first-load JavaScript: ${(statSync(join('out/renderer/assets', first2)).size / 1024).toFixed(1)} KiB (the chart loads on demand)`,
    );
  } finally {
    await browser.close();
  }
  const js = readdirSync('out/renderer/assets').filter((f) => f.endsWith('.js'));
  const jsBytes = js.reduce((s, f) => s + statSync(join('out/renderer/assets', f)).size, 0);
  console.log(
    `renderer bundle: ${(folderBytes('out/renderer') / 1024).toFixed(1)} KiB in all, JavaScript ${(jsBytes / 1024).toFixed(1)} KiB in ${js.length} file(s)`,
  );
}
