import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { LeadApprovals } from '../approvals/LeadApprovals';
import { MyTasks } from '../follow-up/MyTasks';
import { AccountView } from './AccountView';
import { SEARCH_MOST } from './account-slice';

export const ACCOUNT_SEARCH_ID = 'account-search';

/** The caller's account: search as you type, screen-pop chooser, and the account itself. */
export function AccountWorkspace() {
  const { t } = useTranslation('account');
  const query = useAppStore((s) => s.query);
  const results = useAppStore((s) => s.results);
  const moreResults = useAppStore((s) => s.moreResults);
  const canShowMore = useAppStore((s) => s.moreResults && s.searchLimit < SEARCH_MOST);
  const showMoreResults = useAppStore((s) => s.showMoreResults);
  const recent = useAppStore((s) => s.recent);
  const setQuery = useAppStore((s) => s.setQuery);
  const submitSearch = useAppStore((s) => s.submitSearch);
  const openAccount = useAppStore((s) => s.openAccount);
  const openNumber = useAppStore((s) => s.openNumber);
  const chooser = useAppStore((s) => s.chooser);
  const closeChooser = useAppStore((s) => s.closeChooser);
  const sync = useAppStore((s) => s.sync);
  const waitingPanel = useAppStore((s) => (s.openNumber ? null : s.panelRequest?.panel));
  const [active, setActive] = useState(-1);
  const [showResults, setShowResults] = useState(false);
  const listId = useId();
  const chooserRef = useRef<HTMLDialogElement>(null);

  // An empty field offers the accounts opened lately; any text, what matches it.
  const typed = query.trim().length > 0;
  const rows = typed ? results : recent.map((header) => ({ header, match: null }));
  useEffect(() => {
    setActive((typed ? results : recent).length ? 0 : -1);
  }, [typed, results, recent]);

  useEffect(() => {
    const el = chooserRef.current;
    if (!el) return;
    if (chooser && !el.open) el.showModal();
    if (!chooser && el.open) el.close();
  }, [chooser]);

  const choose = (number: string) => {
    setShowResults(false);
    void openAccount(number);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setShowResults(true);
      setActive((i) => Math.min(rows.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const text = e.currentTarget.value;
      if (text.trim()) {
        setShowResults(false);
        void submitSearch(text, active);
      } else if (rows[active]) {
        choose(rows[active].header.number);
      }
    } else if (e.key === 'Escape') {
      setShowResults(false);
    }
  };

  const expanded = showResults && (typed || recent.length > 0);
  return (
    <section className="workspace" aria-labelledby="workspace-title">
      <h1 id="workspace-title" className="visually-hidden">
        {t('header.account')}
      </h1>
      <div className="search">
        <label htmlFor={ACCOUNT_SEARCH_ID}>{t('search.label')}</label>
        {/* A lead's approvals button sits on the search box's line, the same height. */}
        <div className="search-line">
          <input
            id={ACCOUNT_SEARCH_ID}
            type="search"
            role="combobox"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            autoComplete="off"
            placeholder={t('search.placeholder')}
            value={query}
            onChange={(e) => {
              setShowResults(true);
              void setQuery(e.target.value);
            }}
            onFocus={() => setShowResults(true)}
            onKeyDown={onKeyDown}
          />
          <MyTasks />
          <LeadApprovals />
        </div>
        {sync?.initialLoad && !sync.initialLoad.done && (
          <p className="muted">{t('search.loading', { count: sync.initialLoad.loaded })}</p>
        )}
        {expanded && (
          <div className="results">
            <p className="muted" aria-live="polite">
              {!typed
                ? t('search.recent')
                : !results.length
                  ? t('search.noResults', { query })
                  : moreResults
                    ? t('search.countMore', { count: results.length })
                    : t('search.count', { count: results.length })}
            </p>
            <div
              id={listId}
              role="listbox"
              aria-label={typed ? t('search.results') : t('search.recent')}
              className="listbox"
            >
              {rows.map((hit, i) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (arrows, Enter) for the listbox
                <div
                  key={hit.header.number}
                  tabIndex={-1}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : ''}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(hit.header.number)}
                >
                  <span className="result-name">{hit.header.name}</span>
                  <span className="result-number">{hit.header.number}</span>
                  <span className="result-address">{hit.header.serviceAddress}</span>
                  <span className="result-match">
                    {hit.match && t(`search.match.${hit.match}`)}
                  </span>
                </div>
              ))}
            </div>
            {typed && canShowMore && (
              <button
                type="button"
                className="show-more"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void showMoreResults()}
              >
                {t('search.showMore')}
              </button>
            )}
          </div>
        )}
      </div>
      <dialog
        ref={chooserRef}
        className="overlay"
        aria-labelledby="chooser-title"
        onCancel={closeChooser}
        onClose={closeChooser}
      >
        {chooser && (
          <>
            <h2 id="chooser-title">{t('chooser.title', { phone: chooser.phone })}</h2>
            <p>{t('chooser.intro')}</p>
            <ul className="chooser">
              {chooser.accounts.map((a) => (
                <li key={a.number}>
                  <button type="button" onClick={() => choose(a.number)}>
                    {a.name} — {a.number} — {a.serviceAddress}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </dialog>
      {waitingPanel && (
        <p className="notice" role="status">
          {t('calculators:panel.needsAccount', {
            panel: t(`calculators:panels.${waitingPanel}.title`),
          })}
        </p>
      )}
      {openNumber ? <AccountView /> : null}
    </section>
  );
}
