import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskPage } from './pages/desk-page';
import { SoftphonePage } from './pages/softphone-page';
import { type RunningDesk, type SignedInDesk, signedInDesk } from './support/host';

describe('the softphone in Chromium through the web host, on the training simulator', () => {
  let running: SignedInDesk;
  let desk: RunningDesk;
  let page: Page;
  let ui: DeskPage;
  let phone: SoftphonePage;
  let accountNumber: string;

  beforeAll(async () => {
    running = await signedInDesk({ accounts: 40, user: /Alex Rivera/, ownCis: true });
    ({ desk, page, ui } = running);
    phone = new SoftphonePage(page);
  });

  afterAll(async () => {
    await running?.stop();
  });

  /** The simulated call ringing now, and the account its caller's number belongs to. */
  const ringing = () => {
    const [call] = desk.services.simulator.active();
    const accounts = desk.services.cis.cache.byPhone(call.caller.phone);
    return { call, accounts };
  };

  it('starts Offline, with the simulator’s controls, axe-clean', async () => {
    await phone.inState('Offline');
    await page.getByTestId('simulator').waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('softphone-offline-en');
  });

  it('rings, and the caller’s account opens before the agent answers', async () => {
    await ui.press('Control+Alt+KeyR');
    await phone.inState('Available');
    await phone.ringNow();
    await phone.inState('Ringing');
    const { call, accounts } = ringing();
    if (accounts.length > 1) {
      // A shared number: the chooser lists every account on it; the agent picks the caller's.
      const chooser = page.getByRole('dialog', { name: /^Several accounts use/ });
      await chooser.getByRole('button', { name: new RegExp(call.caller.accountNumber!) }).click();
    }
    const account = accounts.find((a) => a.number === call.caller.accountNumber)!;
    accountNumber = account.number;
    await page.getByRole('heading', { name: account.name, exact: true }).waitFor();
    await phone.callerAccount.filter({ hasText: account.number }).waitFor();
    await phone.inState('Ringing');
    expect(await phone.fitsTheWindow()).toBe(true);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('softphone-ringing-en');
  });

  it('answers, holds and resumes, sends tones, opens the transfer, hangs up and wraps up with a code, all by keyboard', async () => {
    // The shortcuts work wherever the focus is, even in a text field.
    await ui.search.focus();
    await ui.press('Control+Alt+KeyA');
    await phone.inState('On a call');
    await phone.timer('talk').waitFor();
    await ui.press('Control+Alt+KeyO');
    await phone.inState('On hold');
    await phone.timer('hold').waitFor();
    await ui.screenshot('softphone-on-hold-en');
    await ui.press('Control+Alt+KeyO');
    await phone.inState('On a call');
    await ui.press('Control+Alt+KeyK');
    const keypad = page.getByRole('dialog', { name: 'Keypad' });
    await keypad.waitFor();
    await ui.press('1');
    await ui.press('#');
    await keypad.getByText('Sent: 1#').waitFor();
    // The simulated line answers the tones as a phone menu does.
    await keypad.getByText('The line read back: 1').waitFor();
    await ui.expectNoSeriousViolations();
    await ui.press('Escape');
    await ui.press('Control+Alt+KeyT');
    await page.getByRole('dialog', { name: 'Transfer the call' }).waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('softphone-transfer-en');
    await ui.press('Escape');
    await ui.press('Control+Alt+KeyH');
    await phone.inState('Wrap-up');
    await phone.timer('wrap-up').waitFor();
    await ui.press('Control+Alt+KeyW');
    expect(await phone.wrapUpCode.evaluate((el) => el === document.activeElement)).toBe(true);
    // Again, with no code chosen: the field says what is missing.
    await ui.press('Control+Alt+KeyW');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Choose a wrap-up code to finish this call.' })
      .waitFor();
    await ui.screenshot('softphone-wrap-up-missing-en');
    // Typing picks the code, as in any list: "h" for High bill.
    await ui.press('h');
    expect(await phone.wrapUpCode.inputValue()).toBe('high-bill');
    expect(await phone.fitsTheWindow()).toBe(true);
    await ui.expectNoSeriousViolations();
    await ui.screenshot('softphone-wrap-up-en');
    await ui.press('Control+Alt+KeyW');
    await phone.inState('Available');
    await page
      .getByTestId('softphone-notice')
      .filter({ hasText: 'Call saved with the code “High bill”.' })
      .waitFor();
    await ui.screenshot('softphone-call-saved-en');
  });

  it('records the call as an interaction in the CIS, with its account, code and times', async () => {
    const server = desk.services.ownCis!;
    const rows = async () =>
      (
        await server.db.query<{
          account_number: string;
          wrap_up_code: string;
          channel: string;
          agent_id: string;
          answered: boolean;
          ordered: boolean;
        }>(
          `select account_number, wrap_up_code, channel, agent_id, answered_at is not null as answered,
             started_at <= answered_at and answered_at <= ended_at as ordered
           from interactions`,
        )
      ).rows;
    await expect.poll(rows, { timeout: 15_000 }).toHaveLength(1);
    const [row] = await rows();
    expect(row).toMatchObject({
      account_number: accountNumber,
      wrap_up_code: 'high-bill',
      channel: 'phone',
      agent_id: 'u-agent',
      answered: true,
      ordered: true,
    });
    await page.getByTestId('caller').filter({ hasText: 'No call' }).waitFor();
    expect(desk.services.cis.cache.pendingCount()).toBe(0);
  });

  it('rings in Spanish too, axe-clean, and a declined call leaves the agent Available', async () => {
    await ui.switchLocale('es');
    await phone.ringNow();
    await phone.inState('Timbrando');
    const { call, accounts } = ringing();
    if (accounts.length > 1) {
      await page
        .getByRole('dialog')
        .getByRole('button', { name: new RegExp(call.caller.accountNumber!) })
        .click();
    }
    await phone.callerAccount.filter({ hasText: call.caller.accountNumber! }).waitFor();
    await ui.expectNoSeriousViolations();
    await ui.screenshot('softphone-ringing-es');
    // Hang up on a ringing call declines it.
    await ui.press('Control+Alt+KeyH');
    await phone.inState('Disponible');
    await page
      .getByTestId('softphone-notice')
      .filter({ hasText: 'Rechazó la llamada: volvió a la cola. Sigue Disponible' })
      .waitFor();
    await ui.screenshot('softphone-available-es');

    // A call wrapped up in Spanish: what is missing, then the call saved.
    await phone.ringNow();
    await phone.inState('Timbrando');
    if (await page.getByRole('dialog').isVisible()) await ui.press('Escape');
    await ui.press('Control+Alt+KeyA');
    await phone.inState('En llamada');
    await ui.press('Control+Alt+KeyH');
    await phone.inState('Cierre');
    await ui.press('Control+Alt+KeyW');
    await ui.press('Control+Alt+KeyW');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Elija un código de cierre para terminar esta llamada.' })
      .waitFor();
    await ui.screenshot('softphone-wrap-up-missing-es');
    await phone.wrapUpCode.selectOption('billing-question');
    await ui.press('Control+Alt+KeyW');
    await phone.inState('Disponible');
    await page
      .getByTestId('softphone-notice')
      .filter({ hasText: 'Llamada guardada con el código' })
      .waitFor();
    await ui.screenshot('softphone-call-saved-es');
    await ui.switchLocale('en');
  });
});
