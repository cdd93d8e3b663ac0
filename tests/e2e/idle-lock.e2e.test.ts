import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

/**
 * The locked desk in Chromium through the web host, the browser's clock Playwright's (page.clock):
 * 15 idle minutes pass in a moment, never in real time.
 */
describe('the idle desk locks (PCI DSS 8.2.8)', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let ui: DeskPage;
  const lock = () =>
    page.getByRole('dialog', { name: /^(Tapline is locked|Tapline está bloqueado)$/ });

  beforeAll(async () => {
    desk = await startDesk();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.clock.install();
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    ui = new DeskPage(page);
    await ui.open(desk.host.urlWithToken);
    await ui.signInAs(/Alex Rivera/);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('locks after 15 idle minutes, hides the desk, and unlocks with the password only (English)', async () => {
    await page.clock.fastForward('14:00');
    expect(await lock().count()).toBe(0);
    await page.clock.fastForward('01:02');
    await lock().waitFor();
    expect(await ui.search.isVisible()).toBe(false);
    expect(await page.getByLabel('Softphone').isVisible()).toBe(false);
    // The keyboard starts in the password field.
    const field = page.getByLabel('Password');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await ui.expectNoViolations();
    await ui.screenshot('lock-en');
    // Reloading the window does not lift the lock: the desktop's main side holds it.
    await page.reload();
    await lock().waitFor();
    expect(await ui.search.isVisible()).toBe(false);
    await field.waitFor();
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong password.' }).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('lock-wrong-password-en');
    await field.fill('tapline-training');
    await page.keyboard.press('Enter');
    await lock().waitFor({ state: 'hidden' });
    await ui.search.waitFor();
  });

  it('locks in Spanish too, and offers to sign out', async () => {
    await ui.switchLocale('es');
    await page.clock.fastForward('15:02');
    await lock().waitFor();
    expect(await page.getByText(/inactivo 15 minutos/).isVisible()).toBe(true);
    await ui.expectNoViolations();
    await ui.screenshot('lock-es');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await lock().waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Iniciar sesión en Tapline' }).waitFor();
    await ui.switchLocale('en');
  });
});
