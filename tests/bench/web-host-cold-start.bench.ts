import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/support/browser';
import { machine } from './machine';

const RENDERER = 'out/renderer';

/**
 * From spawning the command (the built web host `node out/main/web.cjs`, which starts the
 * embedded CIS on PGlite, or `npm start`'s script) to the first screen rendered in Chromium.
 * Also returns every file of out/renderer the page fetched on the way, so the first screen's
 * share of the bundle is what a browser really loaded.
 */
async function coldStart(
  browserPage: import('playwright-core').Page,
  dataDir: string,
  command: string[] = ['out/main/web.cjs'],
): Promise<{ ms: number; fetched: Set<string> }> {
  const fetched = new Set<string>();
  browserPage.on('response', (response) => {
    const path = new URL(response.url()).pathname.replace(/^\/+/, '');
    if (path.startsWith('assets/')) fetched.add(path);
  });
  const started = performance.now();
  const child = spawn(process.execPath, command, {
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
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, fetched };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface Sized {
  files: number;
  bytes: number;
  gzipped: number;
}

function measure(paths: readonly string[]): Sized {
  return paths.reduce<Sized>(
    (sum, path) => {
      const body = readFileSync(path);
      return {
        files: sum.files + 1,
        bytes: sum.bytes + body.length,
        gzipped: sum.gzipped + gzipSync(body).length,
      };
    },
    { files: 0, bytes: 0, gzipped: 0 },
  );
}

const kib = (bytes: number) =>
  `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;
const line = (label: string, s: Sized) =>
  `${label}: ${kib(s.bytes)} in ${s.files} file(s), ${kib(s.gzipped)} gzipped`;

/**
 * The whole of out/renderer: everything, the JavaScript, what index.html loads before the first
 * screen (its script, its module preloads, its stylesheet), what Chromium actually fetched for the
 * first screen, and the largest chunks. Sizes on disk and gzipped (the default level).
 */
function bundle(fetchedAtFirstScreen: ReadonlySet<string>): void {
  const all = filesUnder(RENDERER);
  const js = all.filter((f) => f.endsWith('.js'));
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) =>
    join(RENDERER, m[1]),
  );
  console.log(line('renderer bundle, all of out/renderer', measure(all)));
  console.log(line('  JavaScript', measure(js)));
  console.log(
    line('  loaded by index.html (entry script, preloads, stylesheet)', measure(referenced)),
  );
  const initialJs = referenced.filter((f) => f.endsWith('.js'));
  console.log(line('  the initial JavaScript chunk', measure(initialJs)));
  const fetched = [...fetchedAtFirstScreen].map((p) => join(RENDERER, p));
  console.log(line('  fetched by Chromium up to the first screen', measure(fetched)));
  console.log('  largest chunks:');
  for (const file of js.sort((a, b) => statSync(b).size - statSync(a).size).slice(0, 5)) {
    console.log(`    ${line(relative(RENDERER, file), measure([file]))}`);
  }
}

export async function run(): Promise<void> {
  console.log(`machine: ${machine()}`);
  // The bundles the web host starts from, built if anything changed since the last build.
  const build = spawnSync(process.execPath, ['scripts/build-if-changed.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const browser = await launchChromium();
  const fetched = new Set<string>();
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapline-bench-'));
    const first = await (await browser.newContext()).newPage();
    const firstStart = await coldStart(first, dataDir);
    await first.context().close();
    console.log(
      `first start (creates the embedded CIS and seeds 2,000 accounts): ${(firstStart.ms / 1000).toFixed(1)} s`,
    );
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await (await browser.newContext()).newPage();
      const start = await coldStart(page, dataDir);
      times.push(start.ms);
      for (const path of start.fetched) fetched.add(path);
      await page.context().close();
    }
    times.sort((a, b) => a - b);
    console.log(
      `web host cold start to first render (embedded CIS on PGlite included): median ${times[2].toFixed(0)} ms of 5 (${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
    // The same start from the TypeScript sources compiled at run time by tsx, as the web host
    // started before it was bundled: the ratio of the two medians, within one run, is the gain.
    const fromSources: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await (await browser.newContext()).newPage();
      fromSources.push(
        (await coldStart(page, dataDir, ['--import', 'tsx', 'electron/web/main.ts'])).ms,
      );
      await page.context().close();
    }
    fromSources.sort((a, b) => a - b);
    console.log(
      `  the same from the TypeScript sources through tsx: median ${fromSources[2].toFixed(0)} ms of 5 (${fromSources.map((t) => t.toFixed(0)).join(', ')}); bundled/sources ${(times[2] / fromSources[2]).toFixed(2)}`,
    );
    // npm start again with nothing changed since the last build (here, without Electron: the
    // web host): the stamp check, then the same start.
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await (await browser.newContext()).newPage();
      starts.push((await coldStart(page, dataDir, ['scripts/start.mjs'])).ms);
      await page.context().close();
    }
    starts.sort((a, b) => a - b);
    console.log(
      `npm start (scripts/start.mjs) to the first screen, nothing changed since the last build: median ${starts[1].toFixed(0)} ms of 3 (${starts.map((t) => t.toFixed(0)).join(', ')})`,
    );
    rmSync(dataDir, { recursive: true, force: true });
  } finally {
    await browser.close();
  }
  bundle(fetched);
}
