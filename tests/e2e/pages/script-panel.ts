import type { Page } from 'playwright-core';

/** The call script beside the workspace, as the agent works it. */
export class ScriptPanel {
  constructor(readonly page: Page) {}

  get root() {
    return this.page.locator('#script-panel');
  }

  get flowTitle() {
    return this.page.getByTestId('flow-title');
  }

  /** The step on screen (its id in the flow file). */
  async step(): Promise<string | null> {
    return this.root.locator('.step').getAttribute('data-step');
  }

  async waitForStep(id: string): Promise<void> {
    await this.root.locator(`.step[data-step="${id}"]`).waitFor();
  }

  /** What is read to the caller, in the language it is read in. */
  prompt(lang: 'en' | 'es') {
    return this.root.locator(`.read-aloud .prompt[lang="${lang}"]`);
  }

  /** The same prompt in the other language, beside it. */
  beside(lang: 'en' | 'es') {
    return this.root.locator(`.read-aloud .prompt-beside[lang="${lang}"]`);
  }

  get noted() {
    return this.page.getByTestId('noted');
  }

  async pickFlow(title: string): Promise<void> {
    await this.page.getByTestId('flow-picker').selectOption({ label: title });
  }

  /** Ctrl+Alt+S: the script takes the keys (Enter, Backspace, 1–9). */
  async focus(): Promise<void> {
    await this.page.keyboard.press('Control+Alt+KeyS');
  }
}
