// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../renderer/app/shortcuts';
import { ActionMenu } from '../../../renderer/features/calculators/ActionMenu';
import { PanelHost } from '../../../renderer/features/calculators/PanelHost';
import { useAppStore } from '../../../renderer/store';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import { apply, button, maineAccount, pinToday, queueing, unpinToday } from './panel-support';

function Workspace() {
  return (
    <>
      <ActionMenu />
      <PanelHost />
    </>
  );
}

/** The panels' chunk loads on first use: on a busy machine longer than findBy's default second. */
const LOADING = { timeout: 15_000 };

const openMenu = () => {
  fireEvent.keyDown(window, { key: 'p', code: 'KeyP', ctrlKey: true, altKey: true });
  return screen.getByRole('menu');
};

/**
 * Philadelphia, the default utility, has no disconnection rules loaded: the desk says so in the
 * actions menu before the panel opens, and the panel offers what can be done instead of a
 * verdict it cannot give and a button it will never enable.
 */
describe('disconnection where the utility’s rules are not loaded', () => {
  let uninstall: () => void;
  beforeAll(pinToday);
  afterAll(unpinToday);
  beforeEach(() => {
    uninstall = installShortcutListener();
  });
  afterEach(() => {
    uninstall();
    tidy();
  });

  it('says so in the actions menu, beside the disconnection and notice panels only', async () => {
    await renderWith(<Workspace />, { view: philadelphiaAccount({ pastDueCents: 12_000 }) });
    const items = within(openMenu()).getAllByRole('menuitem');
    const noted = items
      .filter((i) => i.textContent?.includes('rules not loaded'))
      .map((i) => i.textContent);
    expect(noted).toEqual([
      'D Disconnection eligibilityrules not loaded: a reminder or a referral',
      'N Noticesrules not loaded: a reminder or a referral',
    ]);
  });

  it('says nothing of the kind where the rules are loaded (Portland, Maine)', async () => {
    await renderWith(<Workspace />, { view: maineAccount() });
    expect(within(openMenu()).queryAllByText(/rules not loaded/)).toEqual([]);
  });

  it('offers a reminder notice and a referral to assistance instead of a dead end', async () => {
    answers['account.command'] = queueing(51);
    await renderWith(<Workspace />, {
      view: philadelphiaAccount({ pastDueCents: 12_000, pastDueDays: 40 }),
    });
    fireEvent.keyDown(openMenu(), { key: 'd' });
    await screen.findByRole('heading', { name: 'Disconnection eligibility' }, LOADING);
    expect(screen.getAllByRole('status')[0].textContent).toBe(
      'Tapline cannot decide this: the disconnection rules of Philadelphia Water Department are not loaded.',
    );
    // Nothing that could only ever be refused: no shut-off button, no disconnection notice.
    expect(screen.queryByRole('button', { name: 'Schedule the field disconnection' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Kind of notice' })).toBeNull();
    const offers = within(screen.getByRole('list', { name: 'What you can offer on this call' }));
    expect(offers.getByText(/A reminder notice of the past-due amount, \$120\.00\./)).toBeTruthy();

    fireEvent.click(button('Issue a reminder notice'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      { command: { type: 'issueNotice', accountNumber: 'PA-1000007', kind: 'reminder' } },
    ]);
    expect(button('Issue a reminder notice').disabled).toBe(true);
    apply(51, { noticeId: 'n-51', earliestDisconnection: null });
    await screen.findByText('The notice is issued.');

    // The rights and where to get help stay, to read or copy.
    expect(
      screen.getByRole('button', { name: 'I read these rights to the customer' }),
    ).toBeTruthy();
    fireEvent.click(button('Screen for assistance'));
    expect(useAppStore.getState().panelRequest?.panel).toBe('assistance');
    await screen.findByRole('heading', { name: 'Assistance screening' }, LOADING);
  });

  it('in Spanish, with nothing past due: no reminder to send', async () => {
    await renderWith(<Workspace />, {
      view: philadelphiaAccount({ pastDueCents: 0, pastDueDays: 0 }),
      locale: 'es',
    });
    fireEvent.keyDown(openMenu(), { key: 'n' });
    await screen.findByRole('heading', { name: 'Avisos' }, LOADING);
    expect(screen.getAllByRole('status')[0].textContent).toBe(
      'Tapline no puede decidirlo: las reglas de corte de Philadelphia Water Department no están cargadas.',
    );
    expect(screen.getByText(/No hay saldo vencido: no hace falta un recordatorio\./)).toBeTruthy();
    expect(button('Emitir un aviso recordatorio').disabled).toBe(true);
  });
});
