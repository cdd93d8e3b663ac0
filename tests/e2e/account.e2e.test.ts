import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTypo } from '../support/typo';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

describe('the account workspace in Chromium through the web host', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let ui: DeskPage;
  let number: string;
  let name: string;

  beforeAll(async () => {
    desk = await startDesk({ accounts: 60, ownCis: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(15_000);
    ui = new DeskPage(page);
    await ui.open(desk.host.urlWithToken);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('signs in with a training user and refuses a wrong password', async () => {
    await page.getByLabel('User name').fill('agent');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('sign-in-en');
    await ui.signInAs(/Alex Rivera/);
    await page
      .getByTestId('sync')
      .filter({ hasText: /Online/ })
      .waitFor();
  });

  it('finds an account as the agent types a name with a typo, and opens it with Enter', async () => {
    const header = desk.services.cis.cache.search('PA-1000007')[0].header;
    number = header.number;
    name = header.name;
    const typo = withTypo(name);
    expect(typo).not.toBe(name);
    await ui.searchFor(typo);
    expect(await ui.results.getByRole('option', { name: new RegExp(number) }).count()).toBe(1);
    await ui.search.focus();
    for (let i = 0; i < 10; i++) {
      if (
        (await ui.results.getByRole('option', { selected: true }).textContent())?.includes(number)
      )
        break;
      await ui.press('ArrowDown');
    }
    await ui.press('Enter');
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await page.getByRole('tab', { name: /Bills/ }).waitFor();
    await page.getByRole('button', { name: /–/ }).first().waitFor();
    // The six tabs on one row at 1366×768, in English here and in Spanish below.
    expect(await ui.tabRows()).toHaveLength(1);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('account-en');
  });

  it('explains a bill, and reads it in Spanish on request', async () => {
    await page
      .getByText(/^Your bill from/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Read it in Spanish' }).first().click();
    await page
      .getByText(/^Su factura del/)
      .first()
      .waitFor();
  });

  it('shows the usage chart with its flags, and works by keyboard', async () => {
    await ui.press('Control+Alt+Digit2');
    await page.getByRole('heading', { name: 'Use per billing period' }).waitFor();
    await page.getByRole('figure', { name: 'Bar chart of use per billing period' }).waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('usage-en');
  });

  it('adds a note offline, shows it waiting, and sends it when the central system is back', async () => {
    await desk.services.ownCis!.stop();
    await page
      .getByTestId('sync')
      .filter({ hasText: /Offline/ })
      .waitFor({ timeout: 20_000 });
    await ui.press('Control+Alt+KeyN');
    await page.getByLabel('Add a note').fill('Caller will pay Friday; offline note.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText('Waiting to send', { exact: false }).first().waitFor();
    await page
      .getByTestId('sync')
      .filter({ hasText: /1 waiting to send/ })
      .waitFor();
    await ui.screenshot('note-offline-en');
    await desk.services.ownCis!.start();
    await page
      .getByTestId('sync')
      .filter({ hasText: /Online/ })
      .waitFor({ timeout: 20_000 });
    await page
      .getByText(/Alex Rivera, /)
      .filter({ hasText: '' })
      .first()
      .waitFor();
    await page.getByText('Caller will pay Friday; offline note.').first().waitFor();
    const server = desk.services.ownCis!;
    const rows = await server.db.query<{ n: number }>(
      "select count(*)::int as n from notes where text = 'Caller will pay Friday; offline note.'",
    );
    expect(rows.rows[0].n).toBe(1);
    expect(desk.services.cis.cache.pendingCount()).toBe(0);
  });

  it('refuses a card number in a note, in the agent’s language', async () => {
    await ui.switchLocale('es');
    expect(await ui.tabRows()).toHaveLength(1);
    const note = page.getByLabel('Agregar una nota');
    await note.fill('Tarjeta 4111 1111 1111 1111');
    const save = page.getByRole('button', { name: 'Guardar nota' });
    const noteBefore = (await note.boundingBox())!;
    await save.click();
    const refusal = page.getByRole('alert').filter({ hasText: 'número de tarjeta' });
    await refusal.waitFor();
    // At the field: the box is marked invalid and reads the refusal as its description, the
    // refusal sits right under it, and the text stays there to correct.
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await note.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await refusal.getAttribute('id')).toBe(describedBy);
    expect(await note.inputValue()).toBe('Tarjeta 4111 1111 1111 1111');
    const box = (await note.boundingBox())!;
    const shown = (await refusal.boundingBox())!;
    expect(shown.y).toBeGreaterThanOrEqual(box.y + box.height);
    expect(shown.y - (box.y + box.height)).toBeLessThan(24);
    // Nothing above the field moved: the box is where the agent typed.
    expect(box.y).toBe(noteBefore.y);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('account-es');
    await ui.switchLocale('en');
  });

  it('opens the account whose number is typed when Enter follows the last key at once', async () => {
    const numbers = desk.services.cis.cache.search('PA-10000', 60).map((h) => h.header.number);
    for (const wanted of [numbers[numbers.length - 1], numbers[5], numbers[17]]) {
      // Another query's list is on screen; the agent types over it and presses Enter.
      await ui.press('Control+Alt+KeyF');
      await ui.searchFor('PA-10000');
      await ui.search.selectText();
      await page.keyboard.type(wanted);
      await ui.press('Enter');
      await ui.openedAccount.filter({ hasText: wanted }).waitFor();
      expect(await ui.openedAccount.textContent()).toBe(wanted);
      expect(await ui.search.inputValue()).toBe(wanted);
    }
  });

  it('offers recent accounts on an empty field and pages long results, at 1366×768 in both languages', async () => {
    const opened = await ui.openedAccount.textContent();
    for (const locale of ['en', 'es'] as const) {
      await ui.switchLocale(locale);
      await ui.press('Control+Alt+KeyF');
      await ui.search.fill('');
      await ui.recentAccounts.getByRole('option').first().waitFor();
      expect(await ui.recentAccounts.getByRole('option').first().textContent()).toContain(opened);
      await ui.expectNoViolations();
      await ui.screenshot(`search-recent-${locale}`);

      await ui.searchFor('PA-10000');
      await page.getByText(/^(More than 20 accounts|Más de 20 cuentas)/).waitFor();
      expect(await ui.results.getByRole('option').count()).toBe(20);
      expect(await ui.wrappedAccountNumbers()).toEqual([]);
      await ui.expectNoViolations();
      await ui.screenshot(`search-more-${locale}`);
      await ui.showMore.click();
      await page.getByText(/^(More than 40 accounts|Más de 40 cuentas)/).waitFor();
      expect(await ui.results.getByRole('option').count()).toBe(40);
      await ui.search.fill('');
    }
    await ui.switchLocale('en');
  });
});
