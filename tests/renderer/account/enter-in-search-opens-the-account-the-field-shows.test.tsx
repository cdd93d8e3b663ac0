// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountWorkspace } from '../../../renderer/features/account/AccountWorkspace';
import { useAppStore } from '../../../renderer/store';
import type { SearchHitView } from '../../../shared/ipc';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const sample = philadelphiaAccount().header;
const NAMES = ['Ana Peña', 'Luis Ortiz', 'Grace Park', 'Omar Haddad', 'Lena Fischer'];
/** PA-1000001 … PA-1001200: numbers sharing long prefixes, as a utility's accounts do. */
const headers = Array.from({ length: 1200 }, (_, i) => ({
  ...sample,
  number: `PA-${String(1_000_001 + i)}`,
  name: `${NAMES[i % NAMES.length]} ${i}`,
  phones: [`215555${String(1000 + i).padStart(4, '0')}`],
}));

/** The desktop's search, in miniature: number prefix first, then names containing the text. */
function searchOf(query: string, limit: number): SearchHitView[] {
  const q = query.trim().toUpperCase();
  if (!q) return [];
  return headers
    .filter((h) => h.number.startsWith(q) || h.name.toUpperCase().includes(q))
    .slice(0, limit)
    .map((header) => ({ header, match: 'number' as const, score: 3 }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A backend whose every answer takes its own time, so later keystrokes may be answered first. */
function slowBackend(latencies: number[]) {
  let n = 0;
  answers['account.search'] = async (req) => {
    const { query, limit } = req as { query: string; limit: number };
    await sleep(latencies[n++ % latencies.length]);
    return { results: searchOf(query, limit), more: false };
  };
  answers['account.byPhone'] = (req) => {
    const digits = (req as { phone: string }).phone.replace(/\D/g, '');
    return { results: headers.filter((h) => h.phones.includes(digits)) };
  };
  answers['account.open'] = (req) => {
    const header = headers.find((h) => h.number === (req as { number: string }).number);
    return { ...philadelphiaAccount(), header, detail: null, fetchedAt: null };
  };
  answers['account.outbox'] = () => ({ items: [] });
}

const anAccount = fc.integer({ min: 0, max: headers.length - 1 }).map((i) => headers[i]);
/** What an agent types: a whole number, the start of one, or part of a name. */
const typed = fc.oneof(
  anAccount.map((h) => h.number),
  fc.tuple(anAccount, fc.integer({ min: 4, max: 9 })).map(([h, n]) => h.number.slice(0, n)),
  anAccount.map((h) => h.name),
);

describe('Enter in the account search', () => {
  afterEach(tidy);

  it('opens the account the field shows, however the answers arrive', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(typed, { minLength: 1, maxLength: 2 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }),
        async (queries, latencies, pauses) => {
          slowBackend(latencies);
          const view = await renderWith(<AccountWorkspace />);
          const field = screen.getByRole('combobox');
          let k = 0;
          try {
            for (const query of queries) {
              // The agent clears the field and types the query a key at a time, then presses Enter.
              for (let i = 0; i <= query.length; i++) {
                act(() => {
                  fireEvent.change(field, { target: { value: query.slice(0, i) } });
                });
                await act(() => sleep(pauses[k++ % pauses.length]));
              }
              await act(async () => {
                fireEvent.keyDown(field, { key: 'Enter' });
                await sleep(40);
              });
              const opened = useAppStore.getState().openNumber;
              expect(opened).toBe(searchOf(query, 20)[0].header.number);
              expect((field as HTMLInputElement).value).toBe(query);
            }
            const asked = callsTo('account.open').map((r) => (r as { number: string }).number);
            expect(asked).toEqual(queries.map((q) => searchOf(q, 20)[0].header.number));
          } finally {
            view.unmount();
            tidy();
            useAppStore.setState({ query: '', results: [], resultsFor: '', openNumber: null });
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('opens a whole account number at once, before any list arrives', async () => {
    slowBackend([2_000]);
    await renderWith(<AccountWorkspace />);
    const field = screen.getByRole('combobox');
    await act(async () => {
      fireEvent.change(field, { target: { value: 'pa-1001196' } });
      fireEvent.keyDown(field, { key: 'Enter' });
    });
    expect(useAppStore.getState().openNumber).toBe('PA-1001196');
    expect(await screen.findByText('PA-1001196')).toBeTruthy();
  });

  it('opens the account of a whole phone number at once', async () => {
    slowBackend([2_000]);
    await renderWith(<AccountWorkspace />);
    const field = screen.getByRole('combobox');
    await act(async () => {
      fireEvent.change(field, { target: { value: '(215) 555-1117' } });
      fireEvent.keyDown(field, { key: 'Enter' });
    });
    expect(useAppStore.getState().openNumber).toBe('PA-1000118');
  });
});
