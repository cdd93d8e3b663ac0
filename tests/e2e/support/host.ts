import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  telephonyFromEnv,
  telephonySources,
} from '../../../electron/services/softphone/telephony-config';
import { startWebHost, type WebHost } from '../../../electron/web/host';
import { testServices } from '../../support/desk';
import { DeskPage } from '../pages/desk-page';
import { launchChromium } from './browser';

export interface RunningDesk {
  services: Awaited<ReturnType<typeof testServices>>;
  host: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

export type DeskOptions = Parameters<typeof testServices>[0];

const RealDate = Date;

/**
 * This process's Date, shifted to start at `at` and run at the real rate. Not vitest's fake
 * timers: their Date moves in ticks of a real interval, which fall behind on a busy machine, and
 * the sync engine's backoff, measured in Date, then waits far longer than it says. Every Date it
 * makes is a real one (`instanceof Date` holds either way).
 */
function shiftProcessDate(at: number): void {
  const offset = at - RealDate.now();
  const now = () => RealDate.now() + offset;
  function ShiftedDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0
      ? new RealDate(now())
      : new RealDate(...(args as ConstructorParameters<DateConstructor>));
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}

/**
 * Pins both clocks of an end-to-end run to `today` (YYYY-MM-DD) at 11 a.m. Eastern (8 a.m.
 * Pacific: the same day in every utility's time zone), time flowing on from there: the browser's
 * (the panels decide on it) and this process's Date (the test's own CIS, `ownCis`, seeds, stamps
 * and decides on it; the desktop's sync too), so every rule meets the same accounts in the same
 * state on each run. The embedded CIS runs in a worker thread on the real date: a test that pins
 * the day starts its own CIS. Call it with the browser launched and before starting the desk: Playwright's own server
 * runs in this process and stamps the browser clock's start with this process's Date.
 * `unpinClocks` puts this process's Date back.
 */
export async function pinClocks(context: BrowserContext, today: string): Promise<void> {
  const at = RealDate.parse(`${today}T15:00:00Z`);
  await context.clock.install({ time: at });
  shiftProcessDate(at);
}

export function unpinClocks(): void {
  globalThis.Date = RealDate;
}

/**
 * Starts the desktop's services (embedded CIS included) and the web host, on a fresh data folder.
 * Waits for the CIS to be seeded, so every test starts from the same seeded accounts.
 */
export async function startDesk(options: DeskOptions = {}): Promise<RunningDesk> {
  const services = await testServices(options);
  await services.cis.ready;
  const host = await startWebHost({
    registry: services.registry,
    session: services.session,
    staticDir: resolve('out/renderer'),
    port: 0,
    telephonySources: telephonySources(
      telephonyFromEnv({ TAPLINE_TELEPHONY: options.telephony ?? 'simulator' }),
    ),
  });
  return {
    services,
    host,
    dataDir: services.dataDir,
    async stop() {
      await host.close();
      await services.dispose();
    },
  };
}

export interface SignedInDesk {
  desk: RunningDesk;
  browser: Browser;
  page: Page;
  ui: DeskPage;
  stop(): Promise<void>;
}

/**
 * A desk, Chromium at the common 1366×768 screen, and a training user signed in with the first
 * sync done: what most end-to-end files start from (one browser and one desk per file).
 */
export async function signedInDesk(
  options: DeskOptions & { user: RegExp; today?: string },
): Promise<SignedInDesk> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (options.today) await pinClocks(context, options.today);
  const desk = await startDesk(options);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const ui = new DeskPage(page);
  await ui.open(desk.host.urlWithToken);
  await ui.signInAs(options.user);
  await page
    .getByTestId('sync')
    .filter({ hasText: /Online/ })
    .waitFor();
  return {
    desk,
    browser,
    page,
    ui,
    async stop() {
      await browser.close();
      await desk.stop();
      if (options.today) unpinClocks();
    },
  };
}
