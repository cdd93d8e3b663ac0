import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

/** Starts the desktop's services (embedded CIS included) and the web host, on a fresh data folder. */
export async function startDesk(
  options: Parameters<typeof testServices>[0] = {},
): Promise<RunningDesk> {
  const services = await testServices(options);
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
  options: Parameters<typeof testServices>[0] & { user: RegExp },
): Promise<SignedInDesk> {
  const desk = await startDesk(options);
  const browser = await launchChromium();
  const page = await (
    await browser.newContext({ viewport: { width: 1366, height: 768 } })
  ).newPage();
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
    },
  };
}
