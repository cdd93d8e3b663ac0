import type { StateCreator } from 'zustand';
import type { AccountHeader } from '../../../shared/cis';
import type {
  AccountView,
  OutboxItemView,
  SearchHitView,
  SyncStatusView,
} from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';

export type ScreenPop = 'opened' | 'choose' | 'search';

export interface AccountSlice {
  query: string;
  results: SearchHitView[];
  searchError: string | null;
  /** Several accounts matched a caller's number: the agent chooses. */
  chooser: { phone: string; accounts: AccountHeader[] } | null;
  openNumber: string | null;
  view: AccountView | null;
  viewError: string | null;
  refreshing: boolean;
  outbox: OutboxItemView[];
  /** Commands the server refused, until the agent dismisses them. */
  refusals: OutboxItemView[];
  sync: SyncStatusView | null;
  setQuery(query: string): Promise<void>;
  openAccount(number: string): Promise<void>;
  /** Screen-pop: one account opens, several show a chooser, none opens search with the number. */
  openAccountByPhone(phone: string): Promise<ScreenPop>;
  closeChooser(): void;
  closeAccount(): void;
  refreshAccount(): Promise<void>;
  /**
   * Queues a note; a refusal (a card number in the text, ...) comes back as its message key, for
   * the form to show at the field with the text kept for correction.
   */
  addNote(text: string): Promise<{ ok: true } | { ok: false; messageKey: string }>;
  receiveOutcome(item: OutboxItemView): void;
  dismissRefusal(seq: number): void;
  accountsChanged(numbers: string[]): void;
  receiveSync(status: SyncStatusView): void;
}

let searchToken = 0;

export const createAccountSlice: StateCreator<AppState, [], [], AccountSlice> = (set, get) => ({
  query: '',
  results: [],
  searchError: null,
  chooser: null,
  openNumber: null,
  view: null,
  viewError: null,
  refreshing: false,
  outbox: [],
  refusals: [],
  sync: null,
  async setQuery(query) {
    set({ query });
    const token = ++searchToken;
    if (!query.trim()) {
      set({ results: [], searchError: null });
      return;
    }
    try {
      const { results } = await call('account.search', { query, limit: 20 });
      // Only the latest keystroke's answer is shown.
      if (token === searchToken) set({ results, searchError: null });
    } catch (err) {
      if (token === searchToken) set({ searchError: messageKeyOf(err) });
    }
  },
  async openAccount(number) {
    set({ openNumber: number, viewError: null, chooser: null });
    try {
      const [view, { items }] = await Promise.all([
        call('account.open', { number }),
        call('account.outbox', { accountNumber: number }),
      ]);
      if (get().openNumber === number) set({ view, outbox: items });
    } catch (err) {
      set({ viewError: messageKeyOf(err) });
    }
  },
  async openAccountByPhone(phone) {
    const { results } = await call('account.byPhone', { phone });
    if (results.length === 1) {
      await get().openAccount(results[0].number);
      return 'opened';
    }
    if (results.length > 1) {
      set({ chooser: { phone, accounts: results } });
      return 'choose';
    }
    set({ openNumber: null, view: null });
    await get().setQuery(phone);
    return 'search';
  },
  closeChooser() {
    set({ chooser: null });
  },
  closeAccount() {
    set({ openNumber: null, view: null, outbox: [] });
  },
  async refreshAccount() {
    const number = get().openNumber;
    if (!number) return;
    set({ refreshing: true });
    try {
      const [view, { items }] = await Promise.all([
        call('account.refresh', { number }),
        call('account.outbox', { accountNumber: number }),
      ]);
      if (get().openNumber === number) set({ view, outbox: items, viewError: null });
    } catch (err) {
      if (get().openNumber === number) set({ viewError: messageKeyOf(err) });
    } finally {
      set({ refreshing: false });
    }
  },
  async addNote(text) {
    const number = get().openNumber;
    if (!number) return { ok: false, messageKey: 'errors:internal' };
    try {
      const item = await call('account.addNote', { accountNumber: number, text });
      set({ outbox: [item, ...get().outbox.filter((i) => i.seq !== item.seq)] });
      return { ok: true };
    } catch (err) {
      return { ok: false, messageKey: messageKeyOf(err) };
    }
  },
  receiveOutcome(item) {
    set({
      outbox: get().outbox.map((i) => (i.seq === item.seq ? item : i)),
      refusals:
        item.status === 'rejected'
          ? [...get().refusals.filter((r) => r.seq !== item.seq), item]
          : get().refusals,
    });
  },
  dismissRefusal(seq) {
    set({ refusals: get().refusals.filter((r) => r.seq !== seq) });
  },
  accountsChanged(numbers) {
    const open = get().openNumber;
    if (open && numbers.includes(open)) void get().refreshAccount();
  },
  receiveSync(sync) {
    set({ sync });
  },
});
