import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../shared/cis/training-users';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

/**
 * The administrator's Users screen in Chromium, against a real central system: signed in as the
 * practice administrator, they add a user and disable them, each with a reason; the screen is
 * axe-clean and read in English and Spanish.
 */
describe('the administrator’s Users screen', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let admin: DeskPage;

  beforeAll(async () => {
    desk = await startDesk({ accounts: 10, ownCis: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(15_000);
    admin = new DeskPage(page);
    await admin.open(desk.host.urlWithToken);
    await admin.signInWithPassword('admin', TRAINING_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  const users = () => page.getByRole('table', { name: /^(Users|Usuarios)$/ });
  const row = (name: string) =>
    users()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  it('opens with Ctrl+Alt+U, adds a user and disables them, axe-clean', async () => {
    await admin.press('Control+Alt+KeyU');
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await row('Sam Whitaker').waitFor();

    const add = page.getByRole('form', { name: 'Add a user' });
    await add.getByLabel('User name', { exact: true }).fill('maria.ochoa');
    await add.getByLabel('Full name', { exact: true }).fill('María Ochoa');
    await add.getByLabel('Spanish', { exact: true }).check();
    await add.getByLabel('Team', { exact: true }).fill('care-a');
    await add.getByLabel('Temporary password', { exact: true }).fill('maria.ochoa-1');
    await add.getByText('The temporary password must not contain the user name.').waitFor();
    await add.getByLabel('Temporary password', { exact: true }).fill('Given-By-Admin-01');
    await add.getByLabel(/^Reason/).fill('new hire HR-114');
    await add.getByRole('button', { name: 'Add the user' }).click();
    await page
      .getByText('María Ochoa was added. Give them the temporary password in person.')
      .waitFor();
    expect(await row('María Ochoa').textContent()).toMatch(
      /maria\.ochoaagentCare AEnglish, SpanishEnabledYes/,
    );

    const change = page.getByRole('form', { name: 'Change a user' });
    await change
      .getByRole('combobox', { name: /^User\b/ })
      .selectOption({ label: 'María Ochoa (maria.ochoa)' });
    await change.getByRole('combobox', { name: /^What to do/ }).selectOption('disable');
    await change.getByLabel(/^Reason/).fill('left the company');
    await change.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('María Ochoa is disabled: their sessions ended.').waitFor();
    await row('María Ochoa').getByRole('cell', { name: 'Disabled' }).waitFor();
    await admin.expectNoViolations();
    // The table and what the last change did, at the top of the screen.
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await admin.screenshot('users-screen-en');
  });

  it('says a refusal of the server, and reads in Spanish, axe-clean', async () => {
    const change = page.getByRole('form', { name: 'Change a user' });
    await change
      .getByRole('combobox', { name: /^User\b/ })
      .selectOption({ label: 'Sam Whitaker (admin)' });
    await change.getByRole('combobox', { name: /^What to do/ }).selectOption('disable');
    await change.getByLabel(/^Reason/).fill('testing myself');
    await admin.switchLocale('es');
    const cambio = page.getByRole('form', { name: 'Cambiar un usuario' });
    await cambio.getByRole('button', { name: 'Aplicar' }).click();
    await page
      .getByText(/Un administrador no puede deshabilitar ni bajar de rol su propia cuenta/)
      .waitFor();
    await row('María Ochoa').getByRole('cell', { name: 'Deshabilitado' }).waitFor();
    await admin.expectNoViolations();
    // The table and what the last change did, at the top of the screen.
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await admin.screenshot('users-screen-es');
  });
});
