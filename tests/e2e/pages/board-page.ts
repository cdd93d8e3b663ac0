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

  /**
   * The board's cells (queues, teams, agents) whose text is cut, and its side cards whose
   * content is: wider than the box shows (scrollWidth past clientWidth), each with its text.
   */
  async clippedCells(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('section.board :is(table :is(th, td), .card)')]
        .filter((box) => box.scrollWidth > box.clientWidth)
        .map((box) => `${box.className}: ${box.textContent?.trim().slice(0, 60)}`),
    );
  }

  /** How many agents' rows are wholly in view in the agent table, below its sticky header. */
  async agentsInView(): Promise<number> {
    return this.page.evaluate(() => {
      const scroller = document.querySelector('.agent-scroll')!.getBoundingClientRect();
      const head = document.querySelector('table.agent-table thead')!.getBoundingClientRect();
      const top = Math.max(scroller.top, head.bottom);
      const bottom = Math.min(scroller.bottom, window.innerHeight);
      return [...document.querySelectorAll('table.agent-table tbody tr')].filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
      }).length;
    });
  }

  /** The approval queue's card beside the board. */
  get approvalCard(): Locator {
    return this.page.locator('[data-slot="approval-queue"]');
  }

  /**
   * What of the approval card is cut: its content wider than the card, or the card reaching
   * past the side column or the window. Empty when the whole card shows.
   */
  async approvalCardCut(): Promise<string[]> {
    return this.approvalCard.evaluate((card) => {
      const cut: string[] = [];
      if (card.scrollWidth > card.clientWidth)
        cut.push(`content ${card.scrollWidth}px wide in ${card.clientWidth}px`);
      for (const el of card.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        const c = card.getBoundingClientRect();
        if (r.width && (r.right > c.right + 0.5 || r.left < c.left - 0.5))
          cut.push(
            `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 30)}" past the card's edge`,
          );
      }
      const box = card.getBoundingClientRect();
      const side = card.parentElement!.getBoundingClientRect();
      if (box.bottom > side.bottom + 0.5 || box.bottom > window.innerHeight)
        cut.push(`card's bottom ${box.bottom} below the column's ${side.bottom}`);
      if (box.right > side.right + 0.5) cut.push(`card's right ${box.right} past ${side.right}`);
      return cut;
    });
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
