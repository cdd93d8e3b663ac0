import type { Locator, Page } from 'playwright-core';

/** The team lead's board and interval reports, as a lead uses them. */
export class BoardPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+Alt+KeyB');
    await this.page.getByRole('heading', { name: /^(Team board|Tablero del equipo)$/ }).waitFor();
    await this.queues.waitFor();
  }

  get queues(): Locator {
    return this.page.getByRole('table', { name: /Queues today|Colas de hoy/ });
  }

  /** The agent filters (the locale switch is called Language too). */
  get filters(): Locator {
    return this.page.getByRole('group', { name: /^(Filter the agents|Filtrar los agentes)$/ });
  }

  get agents(): Locator {
    return this.page.getByRole('table', { name: /^(Agents|Agentes)$/ });
  }

  /** The row of an agent on the board (it appears once the agent has reported). */
  agentRow(name: string): Locator {
    return this.agents
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async waitForAgentState(name: string, state: RegExp): Promise<void> {
    await this.agentRow(name).getByRole('cell', { name: state }).first().waitFor();
  }

  /**
   * When (epoch ms) the agent's row on the board first shows the state (`available`, `break`,
   * ...), watched on every frame: start watching before the change, await after it.
   */
  async shownAt(name: string, state: string): Promise<number> {
    const handle = await this.page.waitForFunction(
      ([who, what]) => {
        for (const row of document.querySelectorAll('table.agent-table tbody tr')) {
          const named = row.querySelector('th[scope=row]')?.textContent?.trim() === who;
          if (named && row.querySelector(`td.state-${what}`)) return Date.now();
        }
        return false;
      },
      [name, state] as const,
      { polling: 'raf' },
    );
    return (await handle.jsonValue()) as number;
  }

  /** The interval report's chart: one group of bars per series, and the service level's line. */
  get chart(): Locator {
    return this.page.locator('figure.report-chart');
  }

  async filterByName(text: string): Promise<void> {
    await this.filters.getByRole('searchbox', { name: /^(Name|Nombre)$/ }).fill(text);
  }

  async changeState(name: string, state: string, reason: string): Promise<void> {
    await this.page
      .getByRole('button', { name: new RegExp(`(Change state of|Cambiar el estado de) ${name}`) })
      .click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(/^(New state|Nuevo estado)$/).selectOption({ label: state });
    await dialog.getByLabel(/^(Why|Motivo del cambio)$/).selectOption({ label: reason });
    await dialog.getByRole('button', { name: /^(Change state|Cambiar estado)$/ }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async openReports(): Promise<void> {
    await this.page.keyboard.press('Control+Alt+KeyG');
    await this.page
      .getByRole('heading', { name: /^(Interval reports|Informes por intervalo)$/ })
      .waitFor();
  }

  get reportTable(): Locator {
    return this.page.getByRole('table', { name: /intervals|intervalos/ });
  }
}
