import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CisServer } from '../../server/start';
import { cisWithTestProvider } from '../support/identity-provider/central-cis';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

/**
 * A desk pointed at a central CIS that signs in through the identity provider: Chromium clicks
 * through the provider's own login page (a real oidc-provider process), and the desk signs in.
 */
describe('signing in through the identity provider in Chromium', () => {
  let cis: CisServer;
  let central: Awaited<ReturnType<typeof cisWithTestProvider>>;
  let desk: RunningDesk;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: DeskPage;

  beforeAll(async () => {
    central = await cisWithTestProvider();
    cis = central.cis;
    desk = await startDesk({ cisUrl: cis.url });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    ui = new DeskPage(page);
    await ui.open(desk.host.urlWithToken);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await central?.stop();
  });

  it('offers the provider on the sign-in screen, axe-clean, in both languages', async () => {
    await page.getByRole('button', { name: 'Sign in with Utility Sign-In' }).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('sign-in-identity-provider-en');
    await ui.switchLocale('es');
    await page.getByRole('button', { name: 'Iniciar sesión con Utility Sign-In' }).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('sign-in-identity-provider-es');
    await ui.switchLocale('en');
  });

  it('signs a lead in through the provider’s own login page', async () => {
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with Utility Sign-In' }).click();
    await page.getByText('Finish signing in on the Utility Sign-In page').waitFor();
    const provider = await opened;
    await provider.getByPlaceholder('Enter any login').fill('ana.lead');
    await provider.getByPlaceholder('and password').fill('any');
    await provider.getByRole('button', { name: 'Sign-in' }).click();
    await provider.getByRole('heading', { name: 'Tapline: signed in' }).waitFor();
    await ui.search.waitFor();
    expect(
      await page
        .getByText(/Ana Lead/)
        .first()
        .isVisible(),
    ).toBe(true);
    await provider.close();
  });
});
