import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountHeader } from '../../shared/cis';
import type { DeskPage } from './pages/desk-page';
import { type RunningDesk, type SignedInDesk, signedInDesk } from './support/host';

/**
 * Notices and field work on a Portland Water District desk (Maine PUC Ch. 660), by a bilingual
 * agent: disconnection eligibility with every rule, a notice and the customer's rights in their
 * language, an emergency escalated, an order filed offline that reaches the CIS when it is back,
 * and start, stop and transfer of service and a change of account holder.
 */
/**
 * The desk’s day: a Tuesday with no holiday near it. The seed, the panels (the browser’s clock) and
 * the central system all decide on it, so each disconnection branch meets the same account.
 */
const PINNED = '2026-06-09';

describe('notices, service orders and service changes in Chromium through the web host', () => {
  let running: SignedInDesk;
  let desk: RunningDesk;
  let page: Page;
  let ui: DeskPage;
  const used = new Set<string>();

  const headers = () =>
    desk.services.cis.cache
      .search('ME-10000', 100)
      .map((h) => h.header)
      .filter((h) => !used.has(h.number));
  const pick = (where: (h: AccountHeader) => boolean) => {
    const h = headers().find(where);
    if (!h) throw new Error('no account matches');
    used.add(h.number);
    return h;
  };
  const db = () => desk.services.ownCis!.db;

  beforeAll(async () => {
    running = await signedInDesk({
      // Enough accounts that the pinned day's seed has one past due with a notice served, one
      // without.
      accounts: 120,
      utilityId: 'portland-water-me',
      user: /Marisol Vega/,
      today: PINNED,
      ownCis: true,
    });
    ({ desk, page, ui } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('shows the notice, order and service-change panels at 1366×768 in English and Spanish, axe-clean', async () => {
    const owing = pick((h) => h.status === 'active' && h.pastDueCents > 0);
    await ui.openAccount(owing);
    await ui.everyPanelInBothLanguages([
      'disconnection',
      'notice',
      'service-order',
      'stop-service',
      'transfer-service',
      'change-holder',
    ]);
    const vacant = pick((h) => h.status === 'inactive');
    await ui.openAccount(vacant);
    await ui.everyPanelInBothLanguages(['start-service']);
    await ui.press('Escape');
  });

  it('schedules the field turn-off when every rule allows it, and the CIS books it', async () => {
    // Served 20 days before the pinned day (the seed's notices), past the 14 days of §10(D).
    const due = pick(
      (h) =>
        h.status === 'active' &&
        h.pastDueCents > 5_000 &&
        h.openNotices > 0 &&
        !h.activeArrangement &&
        !h.protections.includes('medical'),
    );
    await ui.openAccount(due);
    await ui.openPanel('d', 'Disconnection eligibility');
    await page.getByText('Yes: every rule allows a disconnection today.').waitFor();
    await page.getByText(/^Past due \$[\d,.]+ is more than \$50\.00/).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('disconnection-allowed-en');
    await page.getByRole('button', { name: 'Schedule the field disconnection' }).click();
    await page.getByText(/^Booked:/).waitFor({ timeout: 20_000 });
    const { rows } = await db().query<{ n: number }>(
      "select count(*)::int as n from service_orders where account_number = $1 and type = 'field-disconnect'",
      [due.number],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses the turn-off before a notice is served, issues one, and reads the rights in the customer’s language', async () => {
    const owing = pick(
      (h) =>
        h.status === 'active' &&
        h.pastDueCents > 5_000 &&
        h.openNotices === 0 &&
        !h.activeArrangement &&
        !h.protections.includes('medical'),
    );
    await ui.openAccount(owing);
    await ui.openPanel('d', 'Disconnection eligibility');
    // Maine Ch. 660: more than $50.00 overdue, a notice served 14 days ahead, no forbidden day.
    // No notice yet: a notice served on the pinned Tuesday allows the 14th day after it.
    await page.getByText('Not now: the earliest date is June 23, 2026.').waitFor();
    await page.getByText('Maine PUC rules', { exact: false }).first().waitFor();
    const schedule = page.getByRole('button', { name: 'Schedule the field disconnection' });
    expect(await schedule.isDisabled()).toBe(true);

    const customer = owing.language === 'es' ? 'Spanish' : 'English';
    await page.getByRole('heading', { name: `The customer's rights (${customer})` }).waitFor();
    await page.getByRole('button', { name: 'Spanish' }).first().click();
    await page
      .getByText(/Comisión de Servicios Públicos de Maine/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'I read these rights to the customer' }).click();
    await page.getByText('Recorded.').waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Issue the notice' }).click();
    await page
      .getByText('The notice is issued; the earliest disconnection is June 23, 2026.')
      .waitFor({ timeout: 20_000 });
    const { rows } = await db().query<{ n: number }>(
      "select count(*)::int as n from audit where account_number = $1 and action in ('rightsInformed', 'noticeIssued')",
      [owing.number],
    );
    expect(rows[0].n).toBe(2);
    await ui.expectNoViolations();
    await ui.screenshot('disconnection-refused-en');

    // The central system checks the rules again: a shut-off sent around the panel is refused.
    await desk.services.registry.call(
      'account.command',
      {
        command: {
          type: 'requestServiceOrder',
          accountNumber: owing.number,
          orderType: 'field-disconnect',
          notes: '',
        },
      },
      desk.services.session,
    );
    await page
      .getByRole('alert')
      .filter({ hasText: 'The central system refused a command' })
      .getByText(/^Service order/)
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('dispatches a main break at once, told to distribution dispatch and the on-call supervisor', async () => {
    const h = pick((x) => x.status === 'active');
    await ui.openAccount(h);
    await ui.openPanel('o', 'Service order');
    await ui.panel.getByLabel('Kind of order').selectOption('emergency-main-break');
    await page.getByText('A crew within 60 minutes', { exact: false }).waitFor();
    await page
      .getByText('Told at once: distribution dispatch, the on-call supervisor.')
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Dispatch the emergency' }).click();
    await page.getByText(/^Booked: .*Emergency\./).waitFor({ timeout: 20_000 });
    await ui.expectNoViolations();
    await ui.screenshot('service-order-en');
  });

  it('files an order offline, shows it waiting, and books it when the central system is back', async () => {
    const h = pick((x) => x.status === 'active');
    await ui.openAccount(h);
    await desk.services.ownCis!.stop();
    await page
      .getByTestId('sync')
      .filter({ hasText: /Offline/ })
      .waitFor({ timeout: 20_000 });
    await ui.openPanel('o', 'Service order');
    await ui.panel.getByLabel('Kind of order').selectOption('meter-test');
    await page.getByRole('button', { name: 'File the order' }).click();
    await page
      .getByText('Saved on this workstation: it goes to the central system when it is back.')
      .waitFor();
    await ui.screenshot('offline-order-en');
    await ui.press('Control+Alt+Digit4');
    await page.getByRole('row', { name: /Meter test.*Waiting to send/ }).waitFor();
    await desk.services.ownCis!.start();
    await page
      .getByTestId('sync')
      .filter({ hasText: /Online/ })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('row', { name: /Meter test.*Scheduled/ }).waitFor({ timeout: 20_000 });
    const { rows } = await db().query<{ n: number }>(
      "select count(*)::int as n from service_orders where account_number = $1 and type = 'meter-test'",
      [h.number],
    );
    expect(rows[0].n).toBe(1);
  });

  it('stops service with the final read booked and the final bill sent where the customer says', async () => {
    const h = pick((x) => x.status === 'active');
    await ui.openAccount(h);
    await ui.openPanel('t', 'Stop service');
    await ui.panel.getByLabel('Street', { exact: true }).fill('88 Harbor Rd');
    await ui.panel.getByLabel('City', { exact: true }).fill('Bangor');
    await ui.panel.getByLabel('State', { exact: true }).fill('ME');
    await ui.panel.getByLabel('ZIP code', { exact: true }).fill('04401');
    await page.getByRole('button', { name: 'Stop service' }).click();
    await page.getByText(/^Turn-off and final read: /).waitFor({ timeout: 20_000 });
    await page.getByText('Stopping', { exact: true }).first().waitFor({ timeout: 20_000 });
    await ui.expectNoViolations();
    await ui.screenshot('stop-service-en');
  });

  it('starts service at a vacant premise in Spanish, with the deposit the policy asks or its waiver', async () => {
    const vacant = pick((x) => x.status === 'inactive');
    await ui.openAccount(vacant);
    await ui.switchLocale('es');
    await ui.openPanel('s', 'Alta de servicio');
    await ui.panel.getByLabel('Nombre del nuevo titular').fill('Lucía Fernández');
    await ui.panel.getByLabel('Teléfono', { exact: true }).fill('(207) 555-0142');
    await ui.panel.getByLabel('Idioma que prefiere el cliente').selectOption('es');
    // Maine: a residential deposit only from a customer proven a credit risk.
    await page.getByText('No se debe depósito.').first().waitFor();
    await ui.panel.getByLabel('Tuvo un corte por falta de pago en los últimos 12 meses').check();
    await page
      .getByText(/^Depósito a pagar: \$/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Dar de alta el servicio' }).click();
    await page.getByText(/^Cuenta nueva ME-\d{7}/).waitFor({ timeout: 20_000 });
    await ui.expectNoViolations();
    await ui.screenshot('start-service-es');
    await page.getByRole('button', { name: 'Abrirla' }).click();
    await page.getByRole('heading', { name: 'Lucía Fernández', exact: true }).waitFor();
    await ui.switchLocale('en');
  });

  it('moves a customer to another premise, their deposit with them', async () => {
    const from = pick((x) => x.status === 'active' && x.pastDueCents === 0);
    const destination = pick((x) => x.status === 'active' && x.pastDueCents === 0);
    // The premise's last holder has left.
    await db().query("update accounts set status = 'inactive' where number = $1", [
      destination.number,
    ]);
    await db().query(
      "insert into change_log (account_number, kind, entity) values ($1, 'header', 'account')",
      [destination.number],
    );
    await desk.services.cis.sync.syncNow();
    await ui.openAccount(from);
    await ui.openPanel('m', 'Transfer service');
    await ui.panel.getByLabel('Account number at the new address').fill(destination.number);
    await page.getByText(`${destination.serviceAddress} (Inactive)`).waitFor();
    await page.getByRole('button', { name: 'Transfer service' }).click();
    await page.getByText(/^New account ME-\d{7}/).waitFor({ timeout: 20_000 });
    await page.getByText(/^Turn-on: /).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('transfer-service-en');
  });

  it('changes the account holder, with a final read for the one who leaves', async () => {
    const h = pick((x) => x.status === 'active');
    await ui.openAccount(h);
    await ui.switchLocale('es');
    await ui.openPanel('h', 'Cambio de titular');
    await ui.panel.getByLabel('Nombre del nuevo titular').fill('Tomás Ibarra');
    await ui.panel.getByLabel('Teléfono', { exact: true }).fill('2075550199');
    await page.getByRole('button', { name: 'Cambiar el titular' }).click();
    await page.getByText(/^Cuenta nueva ME-\d{7}/).waitFor({ timeout: 20_000 });
    await page.getByText(/^Lectura final: /).waitFor();
    await ui.expectNoViolations();
    await ui.screenshot('change-holder-es');
    await ui.switchLocale('en');
  });
});
