import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import { ActionMenu } from '../calculators/ActionMenu';
import { PanelHost } from '../calculators/PanelHost';
import { FollowUpSection } from '../follow-up/FollowUpSection';
import { focusOpenCase } from '../follow-up/ids';
import { useFormat } from './format';
import {
  BillsSection,
  HistorySection,
  OrdersSection,
  PaymentsSection,
  PendingSection,
} from './sections';

// The chart library loads only when the agent opens the usage section.
const UsageSection = lazy(() => import('./UsageSection'));

const TABS = ['bills', 'usage', 'payments', 'orders', 'history', 'pending', 'followUp'] as const;
type Tab = (typeof TABS)[number];

import { NOTE_INPUT_ID } from './ids';

function AccountHeaderCard() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const view = useAppStore((s) => s.view)!;
  const h = view.header;
  const openOrders =
    view.detail?.serviceOrders.filter((o) => o.status === 'open' || o.status === 'scheduled')
      .length ?? 0;
  const depositDue = view.detail?.depositDueCents ?? 0;
  const standing = useAppStore((s) =>
    s.paymentStanding?.accountNumber === h.number ? s.paymentStanding : null,
  );
  return (
    <header className="account-header">
      <div className="account-title">
        <h2 id="account-name">{h.name}</h2>
        <span className="account-number" data-testid="account-number">
          {h.number}
        </span>
        <span className={`badge status-${h.status}`}>{t(`status.${h.status}`)}</span>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('header.balance')}</dt>
          <dd>{f.money(h.balanceCents)}</dd>
        </div>
        <div>
          <dt>{t('header.pastDue')}</dt>
          <dd className={h.pastDueCents > 0 ? 'warn' : ''}>
            {h.pastDueCents > 0
              ? t('header.pastDueDays', { amount: f.money(h.pastDueCents), days: h.pastDueDays })
              : f.money(0)}
          </dd>
        </div>
        <div>
          <dt>{t('header.language')}</dt>
          <dd lang={h.language}>{t(`languages.${h.language}`)}</dd>
        </div>
        <div>
          <dt>{t('header.class')}</dt>
          <dd>{t(`class.${h.class}`)}</dd>
        </div>
        <div>
          <dt>{t('header.address')}</dt>
          <dd>{h.serviceAddress}</dd>
        </div>
        <div>
          <dt>{t('header.phones')}</dt>
          <dd>{h.phones.map(f.phone).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('header.protections')}</dt>
          <dd>
            {h.protections.length
              ? h.protections.map((p) => t(`protections.${p}`)).join(', ')
              : t('header.none')}
          </dd>
        </div>
      </dl>
      <p className="flags">
        {openOrders > 0 && (
          <span className="badge info">{t('orders.open', { count: openOrders })}</span>
        )}
        {depositDue > 0 && (
          <span className="badge warn">
            {t('header.depositDue')}: {f.money(depositDue)}
          </span>
        )}
        {h.activeArrangement && <span className="badge info">{t('header.arrangement')}</span>}
        {standing && (
          <span
            className={`badge ${standing.disconnectionAllowed ? 'warn' : 'info'}`}
            data-testid="payment-standing"
          >
            {standing.disconnectionAllowed
              ? t('header.disconnectionStillAllowed')
              : standing.stopped
                ? t('header.disconnectionStopped')
                : t('header.noDisconnection')}
          </span>
        )}
        {h.openNotices > 0 && (
          <span className="badge warn">{t('header.notices', { count: h.openNotices })}</span>
        )}
      </p>
    </header>
  );
}

export function AccountView() {
  const { t } = useTranslation('account');
  const { t: tf } = useTranslation('followUp');
  const f = useFormat();
  const view = useAppStore((s) => s.view);
  const viewError = useAppStore((s) => s.viewError);
  const openNumber = useAppStore((s) => s.openNumber);
  const sync = useAppStore((s) => s.sync);
  const [tab, setTab] = useState<Tab>('bills');
  const panelOpen = useAppStore((s) => s.panelRequest !== null);
  const shownNumber = useRef(openNumber);

  useEffect(() => {
    if (openNumber) setTab('bills');
    // A panel belongs to the account it was opened on: another account closes it. A request
    // made before any account was open waits for the first one.
    if (shownNumber.current && openNumber !== shownNumber.current)
      useAppStore.getState().closePanel();
    shownNumber.current = openNumber;
  }, [openNumber]);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        id: 'account.note',
        keys: ['Ctrl+Alt+N'],
        labelKey: 'account:shortcuts.addNote',
        run: () => {
          useAppStore.getState().closePanel();
          setTab('history');
          setTimeout(() => document.getElementById(NOTE_INPUT_ID)?.focus(), 0);
        },
      },
      {
        id: 'followUp.openCase',
        keys: ['Ctrl+Alt+C'],
        labelKey: 'followUp:shortcuts.openCase',
        run: () => {
          useAppStore.getState().closePanel();
          setTab('followUp');
          setTimeout(focusOpenCase, 0);
        },
      },
      ...TABS.map((name, i) => ({
        id: `account.tab.${name}`,
        keys: [`Ctrl+Alt+${i + 1}`],
        labelKey: 'account:shortcuts.tabs',
        run: () => {
          useAppStore.getState().closePanel();
          setTab(name);
          setTimeout(() => document.getElementById(`tab-${name}`)?.focus(), 0);
        },
      })),
    ],
    [],
  );
  useShortcuts(shortcuts);

  if (!view) {
    return (
      <p className={viewError ? 'error' : 'muted'} role={viewError ? 'alert' : undefined}>
        {viewError ? t(viewError) : t('detail.loading')}
      </p>
    );
  }
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : -1;
    if (next >= 0) {
      e.preventDefault();
      setTab(TABS[next]);
      document.getElementById(`tab-${TABS[next]}`)?.focus();
    }
  };
  const offline = sync !== null && !sync.online;

  return (
    <article className="account" aria-labelledby="account-name">
      <AccountHeaderCard />
      {offline && <p className="notice">{view.detail ? t('detail.offline') : t('detail.none')}</p>}
      {view.stale && !offline && (
        <p className="notice" role="status">
          {t('detail.stale')}
        </p>
      )}
      {viewError && !offline && (
        <p className="error" role="alert">
          {t(viewError)}
        </p>
      )}
      {view.fetchedAt && (
        <p className="muted small">{t('detail.fetchedAt', { time: f.dateTime(view.fetchedAt) })}</p>
      )}
      <ActionMenu />
      {panelOpen ? (
        <PanelHost />
      ) : (
        <>
          <div role="tablist" aria-label={t('tabs.label')} className="tabs" onKeyDown={onTabKey}>
            {TABS.map((name, i) => (
              <button
                key={name}
                id={`tab-${name}`}
                type="button"
                role="tab"
                aria-selected={tab === name}
                aria-controls={`panel-${name}`}
                tabIndex={tab === name ? 0 : -1}
                onClick={() => setTab(name)}
              >
                <kbd>{i + 1}</kbd> {name === 'followUp' ? tf('tab') : t(`tabs.${name}`)}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`panel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            className="tabpanel"
          >
            {!view.detail && tab !== 'pending' && tab !== 'history' ? (
              <p className="muted">{offline ? t('detail.none') : t('detail.loading')}</p>
            ) : tab === 'bills' ? (
              <BillsSection />
            ) : tab === 'usage' ? (
              <Suspense fallback={<p className="muted">{t('detail.loading')}</p>}>
                <UsageSection />
              </Suspense>
            ) : tab === 'payments' ? (
              <PaymentsSection />
            ) : tab === 'orders' ? (
              <OrdersSection />
            ) : tab === 'history' ? (
              <HistorySection />
            ) : tab === 'followUp' ? (
              <FollowUpSection />
            ) : (
              <PendingSection />
            )}
          </div>
        </>
      )}
    </article>
  );
}
