import type { StateCreator } from 'zustand';
import { type AccountHeader, resultOf } from '../../../shared/cis';
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
  /** The text `results` answer: Enter acts on them only while the field still shows it. */
  resultsFor: string;
  /** How many results to ask for; "show more" asks for a page more. */
  searchLimit: number;
  /** More accounts match than `results` holds. */
  moreResults: boolean;
  /** The accounts this agent opened since signing in, latest first (offered on an empty field). */
  recent: AccountHeader[];
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
  /**
   * What the last payment on the open account left, as the central system answered it: the
   * header moves at once (balance, past due) and says whether a disconnection is still allowed.
   */
  paymentStanding: {
    accountNumber: string;
    disconnectionAllowed: boolean;
    stopped: boolean;
  } | null;
  setQuery(query: string): Promise<void>;
  showMoreResults(): Promise<void>;
  /**
   * Enter in the search field: an account number or a phone opens its account at once; other
   * text opens the highlighted result (`chosen`) if the results answer exactly that text, else
   * the first result of that text once it is in.
   */
  submitSearch(query: string, chosen: number): Promise<void>;
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

export const SEARCH_PAGE = 20;
/** The most `account.search` answers at once. */
export const SEARCH_MOST = 100;
const RECENT_KEPT = 8;

/** A whole account number as typed ("pa1001196", "PA-1001196"), written as the CIS writes it. */
export function accountNumberIn(text: string): string | null {
  const m = /^([A-Za-z]{2})-?(\d{7})$/.exec(text.trim());
  return m ? `${m[1].toUpperCase()}-${m[2]}` : null;
}

/** A whole phone number (ten digits, any punctuation, an optional leading 1). */
export function isWholePhone(text: string): boolean {
  const t = text.trim();
  return /^[\d\s()+.-]+$/.test(t) && /^1?\d{10}$/.test(t.replace(/\D/g, ''));
}

export const createAccountSlice: StateCreator<AppState, [], [], AccountSlice> = (set, get) => ({
  query: '',
  results: [],
  resultsFor: '',
  searchLimit: SEARCH_PAGE,
  moreResults: false,
  recent: [],
  searchError: null,
  chooser: null,
  openNumber: null,
  view: null,
  viewError: null,
  refreshing: false,
  outbox: [],
  refusals: [],
  sync: null,
  paymentStanding: null,
  async setQuery(query) {
    // A new text starts again at the first page.
    if (query !== get().query) set({ query, searchLimit: SEARCH_PAGE });
    const token = ++searchToken;
    if (!query.trim()) {
      set({ results: [], resultsFor: query, moreResults: false, searchError: null });
      return;
    }
    try {
      const { results, more } = await call('account.search', { query, limit: get().searchLimit });
      // Only the latest keystroke's answer is shown, and only while the field still holds it.
      if (token === searchToken && get().query === query)
        set({ results, resultsFor: query, moreResults: more, searchError: null });
    } catch (err) {
      if (token === searchToken) set({ searchError: messageKeyOf(err) });
    }
  },
  async showMoreResults() {
    set({ searchLimit: Math.min(SEARCH_MOST, get().searchLimit + SEARCH_PAGE) });
    await get().setQuery(get().query);
  },
  async submitSearch(query, chosen) {
    const number = accountNumberIn(query);
    if (number) return get().openAccount(number);
    if (isWholePhone(query)) {
      await get().openAccountByPhone(query.trim());
      return;
    }
    if (!query.trim()) return;
    const answered = get().resultsFor === query;
    if (!answered) await get().setQuery(query);
    // The agent typed on while the results came: the field no longer shows what was submitted.
    const { query: shown, results, resultsFor } = get();
    if (shown !== query || resultsFor !== query) return;
    const hit = (answered ? results[chosen] : undefined) ?? results[0];
    if (hit) await get().openAccount(hit.header.number);
  },
  async openAccount(number) {
    // Another account's view never stands in for this one while it loads.
    const view = get().view?.header.number === number ? get().view : null;
    set({ openNumber: number, view, viewError: null, chooser: null });
    if (get().paymentStanding?.accountNumber !== number) set({ paymentStanding: null });
    try {
      const [view, { items }] = await Promise.all([
        call('account.open', { number }),
        call('account.outbox', { accountNumber: number }),
      ]);
      if (get().openNumber === number)
        set({
          view,
          outbox: items,
          recent: [view.header, ...get().recent.filter((h) => h.number !== number)].slice(
            0,
            RECENT_KEPT,
          ),
        });
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
    const view = get().view;
    if (
      item.status === 'applied' &&
      item.command.type === 'postPayment' &&
      view?.header.number === item.command.accountNumber &&
      item.result?.status === 'applied'
    ) {
      const r = resultOf('postPayment', item.result);
      if (r) {
        const header = {
          ...view.header,
          balanceCents: r.account.balanceCents,
          pastDueCents: r.account.pastDueCents,
          pastDueDays: r.account.pastDueDays,
        };
        set({
          view: { ...view, header, detail: view.detail ? { ...view.detail, header } : null },
          paymentStanding: {
            accountNumber: header.number,
            disconnectionAllowed: r.account.disconnectionAllowed,
            stopped: r.stoppedDisconnection,
          },
        });
      }
    }
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
