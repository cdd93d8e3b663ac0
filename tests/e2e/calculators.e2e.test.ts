import { statSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountHeader } from '../../shared/cis';
import { Temporal } from '../../shared/dates';
import { formatMoney } from '../../shared/i18n/format';
import { ARTIFACTS, DeskPage } from './pages/desk-page';
import { launchChromium } from './support/browser';
import { pinClocks, type RunningDesk, startDesk, unpinClocks } from './support/host';

/** The desk's day, so the seed and every rule decided on it are the same on each run. */
const PINNED = '2026-06-09';

/**
 * The calculators at work on a Philadelphia desk: an arrangement refused then made, with its
 * schedule printed and copied; the bill calculator and the high-usage view in Spanish; an
 * adjustment above the agent's limit approved by a lead and seen by the agent; assistance with
 * enrolment; and, Philadelphia's disconnection rules not being loaded, the menu saying so and
 * the panel offering a reminder notice and a referral instead.
 */
describe('calculators and approvals in Chromium through the web host', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: DeskPage;
  let account: AccountHeader;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await pinClocks(context, PINNED);
    desk = await startDesk({ accounts: 60, ownCis: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    ui = new DeskPage(page);
    await ui.open(desk.host.urlWithToken);
    await ui.signInAs(/Alex Rivera/);
    await page
      .getByTestId('sync')
      .filter({ hasText: /Online/ })
      .waitFor();
    // The most past due: after 25% down, six installments stay above Philadelphia's $10.00.
    account = desk.services.cis.cache
      .search('PA-10000', 100)
      .map((h) => h.header)
      .filter((h) => h.status === 'active' && !h.activeArrangement)
      .sort((a, b) => b.pastDueCents - a.pastDueCents)[0];
    expect(account.pastDueCents).toBeGreaterThanOrEqual(8_000);
    await ui.openAccount(account);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    unpinClocks();
  });

  it('shows the calculators at 1366×768 in English and Spanish, axe-clean', async () => {
    await ui.everyPanelInBothLanguages([
      'arrangement',
      'bill-calculator',
      'high-usage',
      'adjustment',
      'assistance',
      'meter-read',
    ]);
    await ui.press('Escape');
  });

  it('refuses an arrangement beyond the policy with the rule, then makes the nearest plan', async () => {
    await ui.openPanel('a', 'Payment arrangement');
    const pastDue = formatMoney(account.pastDueCents, 'en');
    await page.getByText(`Past due ${pastDue} for ${account.pastDueDays} days;`).first().waitFor();
    await ui.panel.getByLabel('Months').fill('6');
    await page.getByText(`${pastDue} in all`).first().waitFor();
    await ui.panel.getByLabel('Months').fill('13');
    await page.getByText('The policy does not accept this offer.').waitFor();
    await page.getByText('13 months is beyond the maximum of 12 months.').first().waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('arrangement-refused-en');
    await page.getByRole('button', { name: 'Use this plan' }).click();
    await page.getByText('The policy does not accept this offer.').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Make this arrangement' }).click();
    await page.getByText('The arrangement is in place.').waitFor({ timeout: 20_000 });
    const { rows } = await desk.services.ownCis!.db.query<{ total_cents: number }>(
      "select total_cents from arrangements where account_number = $1 and status = 'active'",
      [account.number],
    );
    expect(rows.map((r) => Number(r.total_cents))).toEqual([account.pastDueCents]);
    await ui.screenshot('arrangement-en');
  });

  it('prints the schedule in both languages and copies it for an email', async () => {
    await page.getByRole('button', { name: 'Copy the email text' }).click();
    await page.getByText('Copied.').waitFor();
    // The email is in the customer's language.
    const email = await page.evaluate(() => navigator.clipboard.readText());
    const [subject, greeting] =
      account.language === 'es'
        ? [`su acuerdo de pago de la cuenta ${account.number}`, `Estimado(a) ${account.name}:`]
        : [`your payment arrangement for account ${account.number}`, `Dear ${account.name},`];
    expect(email).toContain(`Philadelphia Water Department: ${subject}`);
    expect(email).toContain(greeting);
    await page.emulateMedia({ media: 'print' });
    const printed = page.locator('.printable');
    await printed.getByText(`Dear ${account.name},`).waitFor();
    await printed.getByText(`Estimado(a) ${account.name}:`).waitFor();
    expect(await page.getByRole('button', { name: 'Make this arrangement' }).isVisible()).toBe(
      false,
    );
    await page.screenshot({ path: `${ARTIFACTS}/arrangement-print.png` });
    const pdf = `${ARTIFACTS}/arrangement-schedule.pdf`;
    await page.pdf({ path: pdf, format: 'Letter' });
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('prices the use the caller asks about, and explains it in Spanish', async () => {
    await ui.switchLocale('es');
    await ui.openPanel('b', 'Calculadora de factura');
    await ui.panel.getByLabel('Consumo (Mcf)').fill('0.5');
    await ui.panel.getByLabel('Días del período').fill('30');
    // Philadelphia's published typical bill: 0.5 Mcf on a 5/8" meter is $69.15.
    await page.getByText('Con 0.5 Mcf la factura sería de $69.15.').waitFor();
    await page.getByRole('button', { name: 'Español' }).first().click();
    await page
      .getByText(/^Su factura/)
      .first()
      .waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('bill-calculator-es');
  });

  it('compares this period with last year and the average, and books a reread in one click', async () => {
    await ui.openPanel('u', 'Investigación de consumo alto');
    await page.getByText('Mismo período del año pasado').waitFor();
    await page.getByRole('button', { name: 'Pedir una nueva lectura' }).click();
    await page.getByText(/^Nueva lectura programada:/).waitFor({ timeout: 20_000 });
    await ui.expectNoViolations();
    await ui.screenshot('high-usage-es');
  });

  it('screens a household for assistance, gives the referral in both languages and enrols it', async () => {
    await ui.openPanel('e', 'Evaluación de asistencia');
    await ui.panel.getByLabel('Personas en el hogar').fill('3');
    await ui.panel.getByLabel('Ingreso del hogar (dólares)').fill('20000');
    const tap = page.getByRole('region', {
      name: /Tiered Assistance Program|Programa de Asistencia/,
    });
    await tap.getByText('Califica', { exact: true }).waitFor();
    expect(await tap.locator('figure[lang="en"] blockquote').textContent()).toContain(
      'You may qualify for the Tiered Assistance Program',
    );
    expect(await tap.locator('figure[lang="es"] blockquote').textContent()).toContain(
      'Programa de Asistencia',
    );
    await tap.getByRole('button', { name: /^Inscribir en/ }).click();
    await tap.getByText(/^Inscrito en/).waitFor({ timeout: 20_000 });
    await ui.expectNoViolations();
    await ui.screenshot('assistance-es');

    // $49,513.20 for 4 is 150.04% of the guideline: a tenth would read the limit itself.
    await ui.panel.getByLabel('Personas en el hogar').fill('4');
    await ui.panel.getByLabel('Ingreso del hogar (dólares)').fill('49513.20');
    await tap.getByText(/^No califica: el ingreso del hogar está apenas por encima/).waitFor();
    await ui.panel.getByText(/^Apenas por encima del 150 %/).waitFor();
    await ui.screenshot('assistance-just-above-es');
    await ui.switchLocale('en');
    await tap.getByText(/^Does not qualify: household income is just above/).waitFor();
    await ui.panel.getByText(/^Just above 150%/).waitFor();
    await ui.screenshot('assistance-just-above-en');
    await ui.switchLocale('es');
  });

  it('sends an adjustment above the agent’s limit to a lead, who approves it; the agent sees it', async () => {
    // The latest bill carries a $150.00 late fee, charged on a payment made on time.
    const today = Temporal.Now.plainDateISO();
    const db = desk.services.ownCis!.db;
    await db.query(
      `insert into bills (account_number, period_from, period_to, usage, unit, total_cents, due_on, lines)
       values ($1, $2, $3, 0.5, 'mcf', 15000, $4, $5)`,
      [
        account.number,
        today.subtract({ months: 1 }).toString(),
        today.toString(),
        today.add({ days: 25 }).toString(),
        JSON.stringify([['late-fee', 'lines.lateFee', '1', 'bill', '150.00', 15000, 0, {}]]),
      ],
    );
    await db.query(
      "insert into change_log (account_number, kind, entity) values ($1, 'detail', 'bill')",
      [account.number],
    );
    await desk.services.cis.sync.syncNow();
    await ui.switchLocale('en');
    await ui.openAccount(account);
    await ui.openPanel('j', 'Adjustment');
    await ui.panel.getByLabel('Kind').selectOption('late-fee-reversal');
    await page
      .getByLabel('Reason (the lead reads it)')
      .fill('Fee charged on a payment made on time');
    // The new bill reaches the desk through the change log; on a loaded machine that can take
    // longer than a click.
    await page
      .getByText('Above your limit: it goes to a team lead for approval.')
      .waitFor({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByText("Waiting for a team lead's approval", { exact: false }).first().waitFor();
    await ui.screenshot('adjustment-en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await ui.signInAs(/Jordan Lee/);
    await ui.press('Control+Alt+KeyQ');
    const request = page.getByRole('listitem', {
      name: `Late-fee reversal of $150.00 for ${account.name}`,
    });
    await request.getByRole('button', { name: 'Approve' }).click();
    await request.getByText('Write the reason for the decision (at least 3 characters).').waitFor();
    await request.getByLabel(/Reason for the decision/).fill('Payment date checked: on time');
    await ui.expectNoViolations();
    await ui.screenshot('approvals-en');
    await request.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByRole('status')
      .getByText(
        `Done: your approval is recorded — Late-fee reversal of $150.00 for ${account.name}.`,
      )
      .waitFor({ timeout: 20_000 });
    await request.waitFor({ state: 'detached' });
    await ui.screenshot('approvals-done-en');
    await ui.press('Escape');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await ui.signInAs(/Alex Rivera/);
    const outcome = page
      .getByRole('status')
      .filter({ hasText: 'Decisions on your adjustment requests' });
    await outcome
      .getByText(
        `Late-fee reversal of $150.00 on ${account.number}: approved by Jordan Lee — Payment date checked: on time`,
      )
      .waitFor({ timeout: 20_000 });
    await ui.screenshot('adjustment-approved-en');
    await outcome.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('says before the panel opens that Philadelphia’s disconnection rules are not loaded, and sends a reminder instead', async () => {
    // The approved credit cleared the first account's past due: another one still owes.
    const owing = desk.services.cis.cache
      .search('PA-10000', 100)
      .map((h) => h.header)
      .find(
        (h) =>
          h.status === 'active' &&
          h.pastDueCents > 0 &&
          h.openNotices === 0 &&
          h.number !== account.number,
      )!;
    await ui.openAccount(owing);
    await ui.press('Control+Alt+KeyP');
    const menu = page.getByRole('menu');
    await menu
      .getByRole('menuitem', { name: /Disconnection eligibility.*rules not loaded/ })
      .waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('menu-without-disconnection-rules-en');
    await ui.press('d');
    await page.getByRole('heading', { name: 'Disconnection eligibility', level: 3 }).waitFor();
    await page
      .getByText(
        'Tapline cannot decide this: the disconnection rules of Philadelphia Water Department are not loaded.',
      )
      .waitFor();
    expect(
      await page.getByRole('button', { name: 'Schedule the field disconnection' }).count(),
    ).toBe(0);
    await page.getByRole('button', { name: 'Issue a reminder notice' }).click();
    await page.getByText('The notice is issued.').waitFor({ timeout: 20_000 });
    await ui.expectNoViolations();
    await ui.screenshot('disconnection-without-rules-en');
    await ui.switchLocale('es');
    await page.getByRole('button', { name: 'Evaluar la asistencia' }).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('disconnection-without-rules-es');
    await page.getByRole('button', { name: 'Evaluar la asistencia' }).click();
    await page.getByRole('heading', { name: 'Evaluación de asistencia', level: 3 }).waitFor();
    await ui.switchLocale('en');
  });
});
