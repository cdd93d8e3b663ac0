import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { AccountHeader } from '../../shared/cis';
import { DeskPage } from './pages/desk-page';
import { ScriptPanel } from './pages/script-panel';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

describe('call scripts in Chromium through the web host', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let ui: DeskPage;
  let script: ScriptPanel;
  let caller: AccountHeader;

  beforeAll(async () => {
    desk = await startDesk({ accounts: 40 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(15_000);
    ui = new DeskPage(page);
    script = new ScriptPanel(page);
    await ui.open(desk.host.urlWithToken);
    await ui.signInAs(/Marisol Vega/);
    await page
      .getByTestId('sync')
      .filter({ hasText: /Online/ })
      .waitFor();
    // A Spanish-speaking customer of the synthetic utility, to ring as the caller.
    const cache = desk.services.cis.cache;
    for (let i = 0; i < 100 && cache.headerCount() < 40; i++) await page.waitForTimeout(100);
    const headers = [...Array(200).keys()].map((i) => cache.randomHeader(() => i / 200)!);
    caller = headers.find((h) => h?.language === 'es' && h.phones.length > 0)!;
    expect(caller).toBeDefined();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('a Spanish-speaking caller: the flow in Spanish, the screen in English, both switched mid-call, the suggested wrap-up code', async () => {
    expect(await page.getByRole('button', { name: 'Load a flow…' }).count()).toBe(0);
    await page.getByTestId('agent-state').selectOption('available');
    const rung = await desk.services.registry.call(
      'softphone.simulator.ring',
      { accountNumber: caller.number, reason: 'leak' },
      desk.services.session,
    );
    expect(rung.ok).toBe(true);
    await page.getByRole('button', { name: /^Answer/ }).waitFor();
    await ui.press('Control+Alt+KeyA');

    await script.flowTitle.filter({ hasText: 'Leak or no-water emergency' }).waitFor();
    await script
      .prompt('es')
      .filter({
        hasText: 'Gracias por llamar a Philadelphia Water Department. Mi nombre es Marisol Vega.',
      })
      .waitFor();
    expect(await script.beside('en').textContent()).toContain(
      'Thank you for calling Philadelphia Water Department.',
    );
    expect(await page.getByTestId('prompt-es').getAttribute('aria-pressed')).toBe('true');
    await ui.expectNoSeriousViolations();
    await ui.screenshot('script-caller-es-screen-en');

    await script.focus();
    await ui.press('Enter');
    await script.waitForStep('safety');
    await ui.press('2');
    await script.waitForStep('what');

    // Mid-call: the screen goes to Spanish, the prompt stays Spanish, the place is kept.
    await ui.press('Control+Alt+KeyL');
    await ui.heading('Guion').waitFor();
    await script.flowTitle.filter({ hasText: 'Fuga o emergencia sin agua' }).waitFor();
    expect(await script.step()).toBe('what');
    expect(await script.prompt('es').textContent()).toBe('¿Me puede decir qué está viendo?');
    // Then the prompt goes to English, the screen stays Spanish, the place is kept.
    await ui.press('Control+Alt+KeyI');
    await script.prompt('en').filter({ hasText: "Can you tell me what you're seeing?" }).waitFor();
    expect(await script.beside('es').textContent()).toBe('¿Me puede decir qué está viendo?');
    expect(await script.step()).toBe('what');
    expect(await page.getByRole('button', { name: /Atrás/ }).isVisible()).toBe(true);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('script-caller-en-screen-es');

    await ui.press('3');
    await script.waitForStep('meter-leak');
    await ui.press('Enter');
    // The workspace opens the service order of that type, on the caller's account.
    await ui.panel.getByRole('heading', { name: 'Orden de servicio', level: 3 }).waitFor();
    expect(await ui.panel.getByLabel('Tipo de orden').inputValue()).toBe('leak-investigation');
    await script.waitForStep('closing');
    await script.focus();
    await ui.press('Enter');
    await page.getByText('Guion terminado.').waitFor();
    await page
      .getByText('La llamada sigue en curso: el código se fija al empezar el cierre.')
      .waitFor();

    await ui.press('Control+Alt+KeyH');
    await page.getByText('Código de cierre fijado: Fuga o emergencia.').waitFor();
    expect(await page.locator('#wrap-up-code').inputValue()).toBe('leak-emergency');
    await ui.screenshot('script-wrap-up-es');
    await ui.press('Control+Alt+KeyW');
    await ui.press('Control+Alt+KeyW');
    await page.getByText('El guion empieza cuando se contesta una llamada.').waitFor();

    // The interaction carries the code and the script's answers.
    let recorded: { wrapUpCode: string; language: string; notes: string } | undefined;
    for (let i = 0; i < 50 && !recorded; i++) {
      const item = desk.services.cis.cache
        .outbox({ accountNumber: caller.number })
        .find((o) => o.command.type === 'recordInteraction');
      recorded = item?.command as typeof recorded;
      if (!recorded) await page.waitForTimeout(100);
    }
    expect(recorded).toMatchObject({ wrapUpCode: 'leak-emergency', language: 'es' });
    expect(recorded!.notes.split('\n')).toEqual([
      'Script: Leak or no-water emergency (version 1)',
      'Danger to people or near electricity: No',
      'What the caller sees: A leak at the meter or meter box',
      'Done: Request a leak investigation at the meter',
      'Suggested wrap-up code: Leak or emergency',
    ]);
    await ui.switchLocale('en');
  });

  it('lists the script’s keys in the shortcut overlay, none taken twice', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await ui.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const text of [
      'Ctrl+Alt+I',
      'Switch the prompt language (the screen language stays)',
      '1–9',
    ])
      expect(await dialog.getByText(text, { exact: true }).count()).toBeGreaterThan(0);
    // No two shortcuts claim the same keys.
    const keys = await dialog.locator('tbody kbd').allTextContents();
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    await ui.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('a team lead loads a new version, sees its problems, previews it in both languages, and it is in use without restarting', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await ui.signInAs(/Jordan Lee/);
    const flow = parse(readFileSync('shared/flows/library/high-bill.yaml', 'utf8'));
    flow.version = 2;
    flow.steps[0].text.en =
      'Good morning, and thank you for calling {{utility.name}}. This is {{agent.name}}.';
    delete flow.steps[0].text.es;

    await page.getByRole('button', { name: 'Load a flow…' }).click();
    const dialog = page.getByRole('dialog', {
      name: /^(Load a call flow|Cargar un flujo de llamada)$/,
    });
    await dialog.getByLabel('Or paste the flow here').fill(stringify(flow));
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    const issues = page.getByTestId('flow-issues');
    await issues.getByText('1 problem to fix before this flow can be used:').waitFor();
    expect(await issues.locator('li').textContent()).toMatch(
      /^Line \d+ · Step “greeting” · field text: The Spanish text is missing\.$/,
    );
    await ui.screenshot('authoring-problems-en');

    flow.steps[0].text.es =
      'Buenos días, y gracias por llamar a {{utility.name}}. Le atiende {{agent.name}}.';
    await dialog.getByLabel('Or paste the flow here').fill(stringify(flow));
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    await dialog
      .getByText(/No problems found: “High bill investigation”, version 2, \d+ steps\./)
      .waitFor();
    await dialog.getByLabel('Sample account').selectOption('pa-high-bill-leak');
    const preview = dialog.locator('.preview');
    await preview
      .locator('.prompt[lang="en"]')
      .filter({
        hasText:
          'Good morning, and thank you for calling Philadelphia Water Department. This is Jordan Lee.',
      })
      .waitFor();
    expect(await preview.locator('.prompt-beside[lang="es"]').textContent()).toBe(
      'Buenos días, y gracias por llamar a Philadelphia Water Department. Le atiende Jordan Lee.',
    );
    await preview.getByRole('button', { name: /^Next/ }).click();
    await preview.getByRole('button', { name: /^1 Yes/ }).click();
    await preview
      .locator('.prompt[lang="en"]')
      .filter({ hasText: /^Your latest bill is \$[\d,]+\.\d\d, for 1\.4 Mcf used from / })
      .waitFor();
    expect(await preview.locator('.prompt-beside[lang="es"]').textContent()).toMatch(
      /^Su última factura es de \$[\d,]+\.\d\d, por 1\.4 Mcf consumidos del \d+ de \w+ de \d{4} al /,
    );
    await preview.getByText('verified: case 1').waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('authoring-preview-en');

    await dialog.getByRole('button', { name: 'Save and use' }).click();
    await dialog
      .getByText('Version 2 of “High bill investigation” is saved: calls from now on use it.')
      .waitFor();
    await dialog
      .locator('.in-use li')
      .filter({ hasText: /High bill investigation · version 2 · loaded by Jordan Lee/ })
      .waitFor();
    expect(existsSync(join(desk.dataDir, 'flows/high-bill/2.yaml'))).toBe(true);

    await ui.press('Control+Alt+KeyL');
    await dialog.getByRole('heading', { name: 'Cargar un flujo de llamada' }).waitFor();
    await preview.getByRole('heading', { name: 'Vista previa' }).waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('authoring-preview-es');
    await ui.press('Control+Alt+KeyL');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // In use at once, in this window, without a restart.
    await script.pickFlow('High bill investigation');
    await script
      .prompt('en')
      .filter({ hasText: 'Good morning, and thank you for calling' })
      .waitFor();
    expect(await script.flowTitle.textContent()).toContain('version 2');
  });
});
