import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { panels } from '../../../renderer/features/calculators/panels';
import en from '../../../shared/i18n/locales/en/calculators.json';
import es from '../../../shared/i18n/locales/es/calculators.json';

export const ARTIFACTS = 'tests/e2e/artifacts';

export type PanelId = keyof typeof en.panels;

/** The letter that opens a panel from the actions menu (Ctrl+Alt+P). */
function panelKey(id: PanelId): string {
  const spec = panels.find((p) => p.id === id);
  if (!spec) throw new Error(`no action panel ${id}`);
  return spec.key.toLowerCase();
}

/** A panel's title as the agent reads it in each language. */
export function panelTitle(id: PanelId, locale: 'en' | 'es'): string {
  return (locale === 'en' ? en : es).panels[id].title;
}

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

  /** Signs in with a user name and password (a desktop pointed at a central CIS lists no demo users). */
  async signInWithPassword(username: string, password: string): Promise<void> {
    await this.page.getByLabel(/^(User name|Nombre de usuario)$/).fill(username);
    await this.page.getByLabel(/^(Password|Contraseña)$/).fill(password);
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

  /**
   * Types an account's number in the search field and presses Enter at once, as an agent who
   * knows it does; waits until that account is the one open and its details are in.
   */
  async openAccount(account: { number: string }): Promise<void> {
    await this.press('Control+Alt+KeyF');
    await this.search.fill('');
    await this.page.keyboard.type(account.number);
    await this.press('Enter');
    await this.openedAccount.filter({ hasText: account.number }).waitFor();
    await this.page.getByText(/^Details as of|^Detalles al/).waitFor();
  }

  /** The search's list of recent accounts, offered while the field is empty. */
  get recentAccounts() {
    return this.page.getByRole('listbox', { name: /Recent accounts|Cuentas recientes/ });
  }

  get showMore() {
    return this.page.getByRole('button', { name: /^(Show more|Mostrar más)$/ });
  }

  /** The account numbers in the results that take more than one line or overflow their cell. */
  async wrappedAccountNumbers(): Promise<string[]> {
    return this.results.locator('.result-number').evaluateAll((spans) =>
      spans
        .filter((el) => {
          const text = document.createRange();
          text.selectNodeContents(el);
          const lines = new Set([...text.getClientRects()].map((r) => Math.round(r.top)));
          return lines.size > 1 || el.scrollWidth > el.clientWidth;
        })
        .map((el) => el.textContent ?? ''),
    );
  }

  /** The number in the open account's header. */
  get openedAccount() {
    return this.page.getByTestId('account-number');
  }

  /** Opens an action panel by keyboard: the actions menu, then the panel's letter. */
  async openPanel(letter: string, title: string | RegExp): Promise<void> {
    await this.press('Control+Alt+KeyP');
    await this.page.getByRole('menu').waitFor();
    await this.press(letter);
    await this.page.getByRole('heading', { name: title, level: 3 }).waitFor();
  }

  /**
   * Each panel in turn, in English then Spanish: opened by keyboard, axe-clean, and saved as
   * `panel-{id}-{locale}.png` at the viewport's size. Leaves the screen in English.
   */
  async everyPanelInBothLanguages(ids: readonly PanelId[]): Promise<string[]> {
    const saved: string[] = [];
    for (const locale of ['en', 'es'] as const) {
      await this.switchLocale(locale);
      for (const id of ids) {
        await this.openPanel(panelKey(id), panelTitle(id, locale));
        await this.expectNoViolations();
        saved.push(await this.screenshot(`panel-${id}-${locale}`));
      }
    }
    await this.switchLocale('en');
    return saved;
  }

  /** The open action panel: its fields, apart from the softphone's and the header's. */
  get panel() {
    return this.page.locator('section.panel');
  }

  /** The open account's tabs' distances from the top of the page: one value when on one row. */
  async tabRows(): Promise<number[]> {
    const tops = await this.page
      .getByRole('tablist')
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((tab) => (tab as HTMLElement).offsetTop));
    return [...new Set(tops)];
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

  /**
   * Every axe-core violation on the page, whatever its impact (minor and moderate included),
   * except the rules of ALLOWED_AXE_RULES.
   */
  async accessibilityViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => !ALLOWED_AXE_RULES.has(v.id))
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
  }

  /**
   * A screenshot of what the agent sees: the 1366×768 viewport, not the whole scrolled page,
   * saved under tests/e2e/artifacts (git-ignored).
   */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = `${ARTIFACTS}/${name}.png`;
    await this.page.screenshot({ path, fullPage: false });
    return path;
  }

  /** axe-clean: no violation of any impact. */
  async expectNoViolations(): Promise<void> {
    expect(await this.accessibilityViolations()).toEqual([]);
  }

  /** The name the other end-to-end files call: the same check, every impact. */
  async expectNoSeriousViolations(): Promise<void> {
    await this.expectNoViolations();
  }
}

/** Rules axe-core may report without failing a test, each with why. None so far. */
const ALLOWED_AXE_RULES: ReadonlySet<string> = new Set<string>([]);
