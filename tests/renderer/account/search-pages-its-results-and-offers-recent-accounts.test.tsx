// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountWorkspace } from '../../../renderer/features/account/AccountWorkspace';
import { useAppStore } from '../../../renderer/store';
import type { SearchHitView } from '../../../shared/ipc';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const base = philadelphiaAccount();
/** 45 accounts whose numbers start PA-10000…, each found by its service address. */
const headers = Array.from({ length: 45 }, (_, i) => ({
  ...base.header,
  number: `PA-${1_000_010 + i}`,
  name: `Customer ${i}`,
  serviceAddress: `${i + 1} Spruce St, Philadelphia`,
}));

/** The desktop's answer: up to `limit` hits, and whether more match. */
function desktop() {
  answers['account.search'] = (req) => {
    const { limit } = req as { limit: number };
    const hits: SearchHitView[] = headers.map((header) => ({ header, match: 'address', score: 2 }));
    return { results: hits.slice(0, limit), more: hits.length > limit };
  };
  answers['account.open'] = (req) => {
    const header = headers.find((h) => h.number === (req as { number: string }).number)!;
    return { ...base, header, detail: { ...base.detail!, header } };
  };
  answers['account.outbox'] = () => ({ items: [] });
}

async function type(text: string) {
  const field = screen.getByRole('combobox');
  await act(async () => {
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: text } });
  });
}

afterEach(() => {
  tidy();
  useAppStore.setState({ query: '', results: [], resultsFor: '', recent: [], openNumber: null });
});

describe('the account search', () => {
  it('says when more accounts match, and shows them a page at a time', async () => {
    desktop();
    await renderWith(<AccountWorkspace />);
    await type('Spruce');
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    expect(within(list).getAllByRole('option')).toHaveLength(20);
    expect(screen.getByText('More than 20 accounts: the first 20 shown')).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show more' })));
    expect(within(list).getAllByRole('option')).toHaveLength(40);
    expect(screen.getByText('More than 40 accounts: the first 40 shown')).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show more' })));
    expect(within(list).getAllByRole('option')).toHaveLength(45);
    expect(screen.getByText('45 accounts')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(callsTo('account.search').map((r) => (r as { limit: number }).limit)).toEqual([
      20, 40, 60,
    ]);

    // A new text starts again at the first page.
    await type('Spruce St');
    expect(within(list).getAllByRole('option')).toHaveLength(20);
  });

  it('still says more match when the last page the desktop gives is reached', async () => {
    answers['account.search'] = (req) => {
      const { limit } = req as { limit: number };
      const hits = Array.from({ length: limit }, (_, i) => ({
        header: { ...base.header, number: `PA-${2_000_000 + i}` },
        match: 'number' as const,
        score: 3,
      }));
      return { results: hits, more: true };
    };
    await renderWith(<AccountWorkspace />);
    await type('PA-2');
    for (let page = 0; page < 4; page++)
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show more' })));
    expect(screen.getAllByRole('option')).toHaveLength(100);
    expect(screen.getByText('More than 100 accounts: the first 100 shown')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('says it in Spanish, with the kind of match capitalised', async () => {
    desktop();
    await renderWith(<AccountWorkspace />, { locale: 'es' });
    await type('Spruce');
    await screen.findByText('Más de 20 cuentas: se muestran las primeras 20');
    expect(screen.getByRole('button', { name: 'Mostrar más' })).toBeTruthy();
    expect(screen.getAllByText('Dirección')).toHaveLength(20);
  });

  it('capitalises the kind of match in English', async () => {
    desktop();
    await renderWith(<AccountWorkspace />);
    await type('Spruce');
    expect(await screen.findAllByText('Address')).toHaveLength(20);
  });

  it('offers the accounts opened lately on an empty field, latest first, and opens one by keyboard', async () => {
    desktop();
    await renderWith(<AccountWorkspace />);
    await act(() => useAppStore.getState().openAccount(headers[3].number));
    await act(() => useAppStore.getState().openAccount(headers[7].number));
    await act(() => useAppStore.getState().openAccount(headers[3].number));
    await type('');
    const list = await screen.findByRole('listbox', { name: 'Recent accounts' });
    const rows = within(list).getAllByRole('option');
    expect(rows.map((r) => r.querySelector('.result-number')?.textContent)).toEqual([
      headers[3].number,
      headers[7].number,
    ]);
    const field = screen.getByRole('combobox');
    act(() => {
      fireEvent.keyDown(field, { key: 'ArrowDown' });
    });
    await act(async () => {
      fireEvent.keyDown(field, { key: 'Enter' });
    });
    expect(useAppStore.getState().openNumber).toBe(headers[7].number);
    expect(callsTo('account.search')).toEqual([]);
  });
});
