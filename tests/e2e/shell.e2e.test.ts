import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

describe('the agent desktop shell in Chromium through the web host', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let ui: DeskPage;

  beforeAll(async () => {
    desk = await startDesk();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    ui = new DeskPage(page);
    await ui.open(desk.host.urlWithToken);
    await ui.signInAs(/Alex Rivera/);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('shows the frame in English, axe-clean', async () => {
    await page.getByRole('heading', { name: 'Script' }).waitFor();
    expect(await page.getByLabel('Softphone').isVisible()).toBe(true);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('shell-en');
  });

  it('switches to Spanish, keeps it across a reload, and back', async () => {
    await ui.switchLocale('es');
    await ui.heading('Guion').waitFor();
    expect(await page.getByText('Sin llamada').isVisible()).toBe(true);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('shell-es');

    await page.reload();
    await ui.heading('Guion').waitFor();
    expect(desk.services.settings.get().locale).toBe('es');

    await ui.switchLocale('en');
    await ui.heading('Script').waitFor();
    expect(desk.services.settings.get().locale).toBe('en');
  });

  it('switches language with Ctrl+Alt+L from inside a text field', async () => {
    await ui.search.focus();
    await ui.press('Control+Alt+KeyL');
    await ui.heading('Guion').waitFor();
    await ui.press('Control+Alt+KeyL');
    await ui.heading('Script').waitFor();
  });

  it('opens the shortcut overlay with ? and F1, and closes it with Escape', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await ui.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.getByText('Ctrl+Alt+L').isVisible()).toBe(true);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('shortcuts-en');
    await ui.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await ui.press('F1');
    await dialog.waitFor();
    await ui.press('F1');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('lists every shortcut in Spanish, Ctrl+Alt+P too, with Spanish keycaps', async () => {
    await ui.switchLocale('es');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await ui.press('?');
    const dialog = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await dialog.waitFor();
    expect(await dialog.getByText('Ctrl+Alt+P').isVisible()).toBe(true);
    expect(await dialog.getByText('Intro', { exact: true }).count()).toBe(1);
    expect(await dialog.getByText('Enter', { exact: true }).count()).toBe(0);
    await ui.expectNoViolations();
    await ui.screenshot('shortcuts-es');
    await ui.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await ui.switchLocale('en');
  });

  it('does not treat ? typed in the search field as a shortcut', async () => {
    const search = ui.search;
    await search.fill('');
    await search.type('why?');
    expect(await search.inputValue()).toBe('why?');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
