// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountWorkspace } from '../../../renderer/features/account/AccountWorkspace';
import { Refusals } from '../../../renderer/features/account/Refusals';
import { useAppStore } from '../../../renderer/store';
import type { AccountView, OutboxItemView } from '../../../shared/ipc';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const store = () => useAppStore.getState();

/** The account as the desktop answers it from the cache: the header, and the detail if it has one. */
function cached(view: AccountView, o: { detail: boolean; stale?: boolean }): AccountView {
  return o.detail
    ? { ...view, stale: o.stale ?? false }
    : { ...view, detail: null, fetchedAt: null, stale: false };
}

describe('the account workspace', () => {
  afterEach(tidy);

  it('shows the header at once, and the detail as it arrives', async () => {
    const full = philadelphiaAccount();
    answers['account.open'] = () => cached(full, { detail: false });
    answers['account.outbox'] = () => ({ items: [] });
    await renderWith(<AccountWorkspace />);
    await act(() => store().openAccount(full.header.number));

    expect(screen.getByRole('heading', { name: 'Ana Peña' })).toBeTruthy();
    expect(screen.getByText('$469.15')).toBeTruthy();
    expect(screen.getByText('$400.00, 45 days')).toBeTruthy();
    expect(screen.getByText("Loading the account's details…")).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();

    // The desktop says the account changed when its detail is in: the workspace fetches it.
    answers['account.refresh'] = () => full;
    act(() => store().accountsChanged([full.header.number]));
    await screen.findByText(/^Details as of /);
    expect(screen.queryByText("Loading the account's details…")).toBeNull();
    const latest = full.detail!.bills[0];
    expect(screen.getAllByText(`$${(latest.totalCents / 100).toFixed(2)}`).length).toBeGreaterThan(
      0,
    );
    expect(callsTo('account.refresh')).toEqual([{ number: full.header.number }]);
  });

  it('says a cached detail is out of date, and shows the new one when it is fetched again', async () => {
    const before = philadelphiaAccount();
    answers['account.open'] = () => cached(before, { detail: true, stale: true });
    answers['account.outbox'] = () => ({ items: [] });
    await renderWith(<AccountWorkspace />);
    await act(() => store().openAccount(before.header.number));
    expect(screen.getByText('Changes arrived: refreshing…').getAttribute('role')).toBe('status');

    const after: AccountView = {
      ...before,
      detail: {
        ...before.detail!,
        notes: [
          {
            id: 'n1',
            text: 'Customer will pay on Friday.',
            authorId: 'u-lead',
            authorName: 'Jordan Lee',
            createdAt: '2026-11-17T15:00:00Z',
          },
        ],
      },
      stale: false,
    };
    answers['account.refresh'] = () => after;
    act(() => store().accountsChanged([before.header.number]));
    await waitFor(() => expect(screen.queryByText('Changes arrived: refreshing…')).toBeNull());
    act(() => document.getElementById('tab-history')?.click());
    expect(await screen.findByText('Customer will pay on Friday.')).toBeTruthy();
  });

  it('ignores changes to accounts other than the one open', async () => {
    const full = philadelphiaAccount();
    answers['account.open'] = () => cached(full, { detail: true });
    answers['account.outbox'] = () => ({ items: [] });
    await renderWith(<AccountWorkspace />);
    await act(() => store().openAccount(full.header.number));
    act(() => store().accountsChanged(['PA-1000999']));
    expect(callsTo('account.refresh')).toEqual([]);
  });
});

describe('a command the central system could not apply', () => {
  afterEach(tidy);

  const withdrawn: OutboxItemView = {
    seq: 7,
    accountNumber: 'PA-1000007',
    type: 'addNote',
    command: { type: 'addNote', accountNumber: 'PA-1000007', text: 'Called about the bill.' },
    issuedAt: '2026-11-17T15:00:00Z',
    status: 'rejected',
    result: {
      status: 'rejected',
      reasonKey: 'account:outcome.notApplied',
      details: { count: 5, status: 500 },
    },
    attempts: 6,
    lastError: 'server error 500',
  };

  it.each([
    [
      'en',
      'Note PA-1000007: the central system failed on it 5 times (error 500) and did not apply it; enter it again if it is still needed',
    ],
    [
      'es',
      'Nota PA-1000007: el sistema central falló 5 veces al procesarlo (error 500) y no lo aplicó; vuelva a ingresarlo si todavía hace falta',
    ],
  ] as const)('is shown to the agent with its reason (%s)', async (locale, text) => {
    await renderWith(<Refusals />, { locale });
    act(() => store().receiveOutcome(withdrawn));
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('li span')?.textContent).toBe(text);
  });
});
