import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const ARTIFACTS = 'tests/e2e/artifacts';

/** The agent desktop as a page model: what an agent sees and does, not selectors in tests. */
export class DeskPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page
      .getByTestId('connection')
      .filter({ hasText: /Connected|Conectado/ })
      .waitFor();
  }

  /** Signs in as one of the training system's demo users (the buttons fill the form). */
  async signInAs(name: RegExp): Promise<void> {
    await this.page.getByRole('button', { name }).click();
    await this.page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
    await this.search.waitFor();
  }

  get search() {
    return this.page.getByRole('combobox', { name: /Find an account|Buscar una cuenta/ });
  }

  get results() {
    return this.page.getByRole('listbox', { name: /Search results|Resultados de la búsqueda/ });
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.results.getByRole('option').first().waitFor();
  }

  /** Finds an account by its number and opens it with Enter; waits for its details. */
  async openAccount(account: { number: string; name: string }): Promise<void> {
    await this.press('Control+Alt+KeyF');
    await this.searchFor(account.number);
    await this.press('Enter');
    await this.page.getByRole('heading', { name: account.name, exact: true }).waitFor();
    await this.page.getByText(/^Details as of|^Detalles al/).waitFor();
  }

  /** Opens an action panel by keyboard: the actions menu, then the panel's letter. */
  async openPanel(letter: string, title: string | RegExp): Promise<void> {
    await this.press('Control+Alt+KeyP');
    await this.page.getByRole('menu').waitFor();
    await this.press(letter);
    await this.page.getByRole('heading', { name: title, level: 3 }).waitFor();
  }

  /** The open action panel: its fields, apart from the softphone's and the header's. */
  get panel() {
    return this.page.locator('section.panel');
  }

  heading(name: RegExp | string) {
    return this.page.getByRole('heading', { name });
  }

  async switchLocale(locale: 'en' | 'es'): Promise<void> {
    await this.page.getByTestId('locale-switch').selectOption(locale);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, locale);
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  async seriousAccessibilityViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = `${ARTIFACTS}/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  async expectNoSeriousViolations(): Promise<void> {
    expect(await this.seriousAccessibilityViolations()).toEqual([]);
  }
}
