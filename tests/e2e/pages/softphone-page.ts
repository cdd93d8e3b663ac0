import type { Page } from 'playwright-core';

/** The call bar as an agent uses it: state, caller, timers, controls, wrap-up, the simulator. */
export class SoftphonePage {
  constructor(readonly page: Page) {}

  get bar() {
    return this.page.getByRole('region', { name: /^(Softphone|Teléfono)$/ });
  }

  get state() {
    return this.page.getByTestId('agent-state');
  }

  /** Waits until the desk says it is in this state (in the screen's language). */
  async inState(name: RegExp | string): Promise<void> {
    await this.page
      .getByTestId('desk-state')
      .filter({ hasText: name })
      .waitFor({ state: 'attached' });
  }

  async choose(value: string): Promise<void> {
    await this.state.selectOption(value);
  }

  async ringNow(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Ring me now|Llamarme ahora)$/ }).click();
  }

  timer(which: 'state' | 'talk' | 'hold' | 'wrap-up') {
    return this.page.getByTestId(`timer-${which}`);
  }

  get callerAccount() {
    return this.page.getByTestId('caller-account');
  }

  get wrapUpCode() {
    return this.page.getByRole('combobox', { name: /^(Wrap-up code|Código de cierre)/ });
  }

  /** The page is no wider than the window: a long name is cut, the bar never scrolls sideways. */
  async fitsTheWindow(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  }
}
