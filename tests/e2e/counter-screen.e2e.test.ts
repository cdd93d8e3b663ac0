import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../shared/cis/training-users';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

/**
 * The Counter screen in Chromium, against a real central system: a cashier opens their drawer
 * with Ctrl+Alt+X, counts it one cent short and sees the over/short; axe-clean and read in
 * English and Spanish at 1366×768.
 */
describe('the Counter screen', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let cashier: DeskPage;

  beforeAll(async () => {
    desk = await startDesk({ accounts: 10, ownCis: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(15_000);
    cashier = new DeskPage(page);
    await cashier.open(desk.host.urlWithToken);
    await cashier.signInWithPassword('agent', TRAINING_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('opens a drawer, counts it a cent short, axe-clean in English and Spanish', async () => {
    await cashier.press('Control+Alt+KeyX');
    await page.getByRole('heading', { name: 'Counter', level: 1 }).waitFor();
    const open = page.getByRole('form', { name: 'Open your drawer' });
    await open.getByLabel('Utility').selectOption('santa-margarita-ca');
    await open.getByLabel('Float in cash (dollars)').fill('150.00');
    await open.getByRole('button', { name: 'Open the drawer' }).click();
    await page.getByRole('heading', { name: /^Take a payment into drawer / }).waitFor();
    await page.getByLabel('$100.00 pieces').fill('1');
    await page.getByLabel('$20.00 pieces').fill('2');
    await page.getByLabel('$5.00 pieces').fill('1');
    await page.getByLabel('$1.00 pieces').fill('4');
    await page.getByLabel('$0.25 pieces').fill('3');
    await page.getByLabel('$0.10 pieces').fill('2');
    await page.getByLabel('$0.01 pieces').fill('4');
    await page.getByText('The drawer is short by $0.01.').waitFor();
    await cashier.expectNoViolations();
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await cashier.screenshot('counter-screen-en');

    await cashier.press('Control+Alt+KeyL');
    await page.getByText('La caja tiene un faltante de $0.01.').waitFor();
    await page.getByRole('button', { name: 'Cerrar la caja' }).click();
    await page.getByText('Indique un motivo de al menos 3 caracteres.').waitFor();
    await cashier.expectNoViolations();
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await cashier.screenshot('counter-screen-es');
  });
});
