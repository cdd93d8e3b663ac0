import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEMO_USERS, TRAINING_PASSWORD } from '../../server/seed/synthetic';
import type { AccountHeader } from '../../shared/cis';
import { allUtilityFacts } from '../../shared/flows';
import { resources } from '../../shared/i18n';
import type { FlowsList } from '../../shared/ipc';
import { DeskPage } from './pages/desk-page';
import { ScriptPanel } from './pages/script-panel';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

type Tree = { [key: string]: string | Tree };
const stringsOf = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : stringsOf(v)));
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`),
  );

/**
 * What an English screen says and a Spanish one must not: each piece of an English resource
 * between its placeholders, unless Spanish uses the same words somewhere (Total, Plan, TAP) or
 * it is a code, a number or a unit (no lowercase word of three letters).
 */
function englishOnlyPhrases(): string[] {
  const spanish = Object.values(resources.es)
    .flatMap((ns) => stringsOf(ns as Tree))
    .join('\n');
  const phrases = new Set<string>();
  for (const text of Object.values(resources.en).flatMap((ns) => stringsOf(ns as Tree))) {
    for (const piece of text.split(/\{\{[^}]*\}\}|\$t\([^)]*\)|[\n…]/)) {
      const phrase = piece
        .trim()
        .replace(/^[\s.,:;·()–—/+?!“”"'‘’]+|[\s.,:;·()–—/+?!“”"'‘’]+$/g, '');
      if (!/\p{Ll}{3}/u.test(phrase)) continue;
      if (wholePhrase(phrase).test(spanish)) continue;
      phrases.add(phrase);
    }
  }
  return [...phrases];
}

/**
 * A key shown as it is written (`tabs.usage`): what the screen shows when a language lacks it
 * (the desktop falls back to no other language).
 */
const RESOURCE_KEYS = Object.values(resources.en)
  .flatMap((ns) => keysOf(ns as Tree))
  .map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ''))
  .filter((k) => k.includes('.'));

function wholePhrase(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}.-])${escaped}(?![\\p{L}\\p{N}-])`, 'u');
}

/** Names on screen that are no one's language: the utilities and the training users. */
const PROPER_NOUNS = [
  ...Object.values(allUtilityFacts()).map((u) => u.name),
  ...DEMO_USERS.map((u) => u.name),
];

/**
 * The text a Spanish screen shows: visible, and not marked as another language (the prompt read
 * to an English-speaking caller); what was typed or pasted is the user's, not the screen's.
 */
async function visibleSpanishText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const spanish = (el: Element) =>
      (el.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('es');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('script, style, textarea') || !spanish(el)) continue;
      if (!el.checkVisibility() && !el.closest('select')?.checkVisibility()) continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!el.checkVisibility() || !spanish(el)) continue;
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out.join('\n');
  });
}

describe('call scripts in Chromium through the web host', () => {
  let desk: RunningDesk;
  let leadDesk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let leadPage: Page;
  let ui: DeskPage;
  let lead: DeskPage;
  let script: ScriptPanel;
  let caller: AccountHeader;
  const englishOnly = englishOnlyPhrases();

  /** The English (or the bare keys) left on a Spanish screen, as `screen: text`. */
  const englishOn = async (on: Page, screen: string, names: string[] = []): Promise<string[]> => {
    let text = await visibleSpanishText(on);
    for (const name of [...PROPER_NOUNS, ...names]) text = text.split(name).join(' ');
    return [...englishOnly, ...RESOURCE_KEYS]
      .filter((p) => wholePhrase(p).test(text))
      .map((p) => `${screen}: ${p}`);
  };

  beforeAll(async () => {
    // The agent's desktop runs the central system; the lead's, in another browser context, is
    // pointed at it, as two workstations of one utility are.
    desk = await startDesk({ accounts: 40 });
    await desk.services.cis.ready;
    leadDesk = await startDesk({ cisUrl: desk.services.cis.client.baseUrl });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    leadPage = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 } })
    ).newPage();
    for (const p of [page, leadPage]) p.setDefaultTimeout(15_000);
    ui = new DeskPage(page);
    lead = new DeskPage(leadPage);
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
    await leadDesk?.stop();
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
    expect(await englishOn(page, 'call', [caller.name, caller.serviceAddress])).toEqual([]);

    await ui.press('3');
    await script.waitForStep('meter-leak');
    await ui.press('Enter');
    // The workspace opens the service order of that type, on the caller's account.
    await ui.panel.getByRole('heading', { name: 'Orden de servicio', level: 3 }).waitFor();
    expect(await ui.panel.getByLabel('Tipo de orden').inputValue()).toBe('leak-investigation');
    await script.waitForStep('closing');
    // The "Finish the script" button's Enter keycap reads dark on light, as every keycap does.
    await ui.expectNoViolations();
    await ui.screenshot('script-finish-es');
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

  it('a team lead publishes a new version from another desk: problems shown, previewed in both languages, in use on the agent’s desk without a restart', async () => {
    await lead.open(leadDesk.host.urlWithToken);
    await lead.signInWithPassword('lead', TRAINING_PASSWORD);
    const flow = parse(readFileSync('shared/flows/library/high-bill.yaml', 'utf8'));
    flow.version = 2;
    flow.steps[0].text.en =
      'Good morning, and thank you for calling {{utility.name}}. This is {{agent.name}}.';
    delete flow.steps[0].text.es;

    await leadPage.getByRole('button', { name: 'Load a flow…' }).click();
    const dialog = leadPage.getByRole('dialog', {
      name: /^(Load a call flow|Cargar un flujo de llamada)$/,
    });
    await dialog.getByLabel('Or paste the flow here').fill(stringify(flow));
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    const issues = leadPage.getByTestId('flow-issues');
    await issues.getByText('1 problem to fix before this flow can be used:').waitFor();
    expect(await issues.locator('li').textContent()).toMatch(
      /^Line \d+ · Step “greeting” · field text: The Spanish text is missing\.$/,
    );
    await lead.screenshot('authoring-problems-en');

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
    await lead.expectNoSeriousViolations();
    await lead.screenshot('authoring-preview-en');

    // The agent's desk hears of the new version by itself.
    const reachesAgent = new Promise<void>((resolve) => {
      const off = desk.services.registry.onEvent((event, payload) => {
        const highBill = (payload as FlowsList).flows?.find((e) => e.flow.id === 'high-bill');
        if (event !== 'flows.changed' || highBill?.flow.version !== 2) return;
        off();
        resolve();
      });
    });
    await dialog.getByRole('button', { name: 'Publish to every desk' }).click();
    await dialog
      .getByText(
        'Version 2 of “High bill investigation” is published: every desk uses it from its next call.',
      )
      .waitFor();
    await dialog
      .locator('.in-use li')
      .filter({ hasText: /High bill investigation · version 2 · published by Jordan Lee/ })
      .waitFor();
    expect(existsSync(join(leadDesk.dataDir, 'flows/high-bill/2.yaml'))).toBe(true);

    await lead.press('Control+Alt+KeyL');
    await dialog.getByRole('heading', { name: 'Cargar un flujo de llamada' }).waitFor();
    await preview.getByRole('heading', { name: 'Vista previa' }).waitFor();
    await lead.expectNoSeriousViolations();
    await lead.screenshot('authoring-preview-es');
    expect(await englishOn(leadPage, 'authoring')).toEqual([]);
    await lead.press('Control+Alt+KeyL');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // On the agent's desk, still open since the first call: the new version, no restart.
    await reachesAgent;
    expect(existsSync(join(desk.dataDir, 'flows/high-bill/2.yaml'))).toBe(true);
    let title = '';
    for (let i = 0; i < 20 && !title.includes('version 2'); i++) {
      // Until the screen has the new list, picking the flow starts the old version: go again.
      if (i > 0) await script.pickFlow('Leak or no-water emergency');
      await script.pickFlow('High bill investigation');
      title = (await script.flowTitle.textContent()) ?? '';
      if (!title.includes('version 2')) await page.waitForTimeout(250);
    }
    expect(title).toContain('version 2');
    // Read in the open account's language (the Spanish-speaking caller's), the new greeting.
    await script
      .prompt('es')
      .filter({
        hasText:
          'Buenos días, y gracias por llamar a Philadelphia Water Department. Le atiende Marisol Vega.',
      })
      .waitFor();
    expect(await script.beside('en').textContent()).toBe(
      'Good morning, and thank you for calling Philadelphia Water Department. This is Marisol Vega.',
    );
    await ui.screenshot('agent-desk-uses-published-flow');
  });

  it('leaves no English on the main screens in Spanish', async () => {
    const found: string[] = [];
    const names = [caller.name, caller.serviceAddress];
    await ui.switchLocale('es');
    await ui.heading('Guion').waitFor();
    found.push(...(await englishOn(page, 'script', names)));

    await ui.openAccount(caller);
    // The first call's service order is still open over the account's sections.
    if (await ui.panel.count()) await ui.panel.getByRole('button', { name: /^Cerrar/ }).click();
    for (const tab of ['bills', 'usage', 'payments', 'orders', 'history', 'pending'] as const) {
      const name = resources.es.account.tabs[tab];
      await page.getByRole('tab', { name: new RegExp(`${name}$`) }).click();
      found.push(...(await englishOn(page, `account ${tab}`, names)));
    }
    await ui.press('Control+Alt+KeyP');
    await page.getByRole('menu').waitFor();
    found.push(...(await englishOn(page, 'actions menu', names)));
    await ui.press('Escape');
    for (const [letter, id] of [
      ['a', 'arrangement'],
      ['b', 'bill-calculator'],
      ['u', 'high-usage'],
      ['j', 'adjustment'],
      ['d', 'disconnection'],
      ['n', 'notice'],
      ['o', 'service-order'],
      ['s', 'start-service'],
      ['t', 'stop-service'],
      ['m', 'transfer-service'],
      ['h', 'change-holder'],
      ['e', 'assistance'],
    ] as const) {
      await ui.openPanel(letter, resources.es.calculators.panels[id].title);
      found.push(...(await englishOn(page, `panel ${id}`, names)));
    }
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await ui.press('?');
    await page.getByRole('dialog', { name: resources.es.common.shortcuts.title }).waitFor();
    found.push(...(await englishOn(page, 'shortcuts', names)));
    await ui.press('Escape');

    // The lead's views: the board, the interval reports, the desk.
    await lead.switchLocale('es');
    await lead.press('Control+Alt+KeyB');
    await leadPage.getByRole('heading', { name: resources.es.board.title, level: 1 }).waitFor();
    found.push(...(await englishOn(leadPage, 'board')));
    await lead.press('Control+Alt+KeyG');
    await leadPage.getByRole('heading', { name: resources.es.board.report.title }).waitFor();
    found.push(...(await englishOn(leadPage, 'reports')));
    await lead.press('Control+Alt+KeyD');
    await lead.search.waitFor();
    found.push(...(await englishOn(leadPage, 'lead desk')));

    expect(found).toEqual([]);
    await ui.screenshot('desk-es-no-english');
    await ui.switchLocale('en');
    await lead.switchLocale('en');
  });
});
