import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge, call } from '../bridge';
import { ACCOUNT_SEARCH_ID, AccountWorkspace } from '../features/account/AccountWorkspace';
import { Refusals } from '../features/account/Refusals';
import { RequestOutcomes } from '../features/approvals/RequestOutcomes';
import { installIdleLock } from '../features/auth/idle-lock';
import { LockScreen } from '../features/auth/LockScreen';
import { SignIn } from '../features/auth/SignIn';
import { DirectiveNotice } from '../features/board/DirectiveNotice';
import { installHubReporter } from '../features/board/hub-reporter';
import { LeadNav, useIsAdmin, useIsLead } from '../features/board/LeadNav';
import { SCRIPT_PANEL_ID, ScriptPanel } from '../features/flows/ScriptPanel';
import { ShortcutOverlay } from '../features/shell/ShortcutOverlay';
import { StatusBar } from '../features/shell/StatusBar';
import { SoftphoneBar } from '../features/softphone/SoftphoneBar';
import { useAppStore } from '../store';
import {
  installShortcutListener,
  type Shortcut,
  suspendShortcuts,
  useShortcuts,
} from './shortcuts';

// The lead's views load when first opened: an agent's desktop never pays for them.
const TeamBoard = lazy(() => import('../features/board/TeamBoard'));
const IntervalReports = lazy(() => import('../features/board/IntervalReports'));
const UsersScreen = lazy(() => import('../features/users/UsersScreen'));
const CounterScreen = lazy(() => import('../features/counter/CounterScreen'));

export function App() {
  const loadSettings = useAppStore((s) => s.loadSettings);
  const loadAppInfo = useAppStore((s) => s.loadAppInfo);
  const setConnection = useAppStore((s) => s.setConnection);
  const receiveSettings = useAppStore((s) => s.receiveSettings);
  const signedIn = useAppStore((s) => s.session?.principal != null);
  const isLead = useIsLead();
  const isAdmin = useIsAdmin();
  const leadView = useAppStore((s) =>
    !isLead || (s.leadView === 'users' && !isAdmin) ? 'desk' : s.leadView,
  );
  const locked = useAppStore((s) => s.locked && s.session?.principal != null);
  const { t } = useTranslation('board');
  // The walk-in counter (Ctrl+Alt+X): a cashier's drawer, in place of the desk until closed.
  const [counterOpen, setCounterOpen] = useState(false);

  useEffect(() => installShortcutListener(), []);
  useEffect(() => installIdleLock(), []);
  // The locked desk takes no shortcut: nothing under the lock may be worked.
  useEffect(() => (locked ? suspendShortcuts() : undefined), [locked]);
  useEffect(() => {
    // The web host opens the identity provider's page itself (Electron opens the system's browser).
    return bridge.on('auth.providerPage', ({ url }) => {
      if (/^https?:\/\//.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
    });
  }, []);
  useEffect(() => installHubReporter(), []);
  // The softphone runs while an agent is signed in: it needs their role and, for Twilio, a token.
  useEffect(() => {
    const store = useAppStore.getState;
    if (!signedIn) {
      void store().stopSoftphone();
      return;
    }
    void store()
      .startSoftphone()
      .catch(() => {});
    return () => void store().stopSoftphone();
  }, [signedIn]);
  useEffect(() => {
    const offConnection = bridge.onConnection((state) => {
      setConnection(state);
      if (state === 'open') {
        void loadSettings();
        void loadAppInfo();
        void useAppStore.getState().loadSession();
        void call('sync.status', {}).then(
          (s) => useAppStore.getState().receiveSync(s),
          () => {},
        );
      }
    });
    const offSettings = bridge.on('settings.changed', receiveSettings);
    const store = useAppStore.getState;
    const offs = [
      bridge.on('session.changed', (s) => store().receiveSession(s)),
      bridge.on('sync.status', (s) => store().receiveSync(s)),
      bridge.on('account.changed', ({ numbers }) => store().accountsChanged(numbers)),
      bridge.on('command.outcome', ({ item }) => store().receiveOutcome(item)),
      bridge.on('hub.status', (s) => store().receiveHubStatus(s)),
      bridge.on('hub.snapshot', (s) => store().receiveSnapshot(s)),
      bridge.on('hub.events', ({ seq, events }) => store().receiveEvents(seq, events)),
    ];
    return () => {
      offConnection();
      offSettings();
      for (const off of offs) off();
    };
  }, [loadSettings, loadAppInfo, setConnection, receiveSettings]);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        id: 'shell.help',
        keys: ['?', 'F1'],
        labelKey: 'shortcuts.showHelp',
        run: () => {
          const { shortcutsOpen, setShortcutsOpen } = useAppStore.getState();
          setShortcutsOpen(!shortcutsOpen);
        },
      },
      {
        id: 'shell.locale',
        keys: ['Ctrl+Alt+L'],
        labelKey: 'shortcuts.toggleLocale',
        run: () => void useAppStore.getState().toggleLocale(),
      },
      {
        id: 'shell.search',
        keys: ['Ctrl+Alt+F'],
        labelKey: 'shortcuts.focusSearch',
        run: () => document.getElementById(ACCOUNT_SEARCH_ID)?.focus(),
      },
      {
        id: 'shell.script',
        keys: ['Ctrl+Alt+S'],
        labelKey: 'shortcuts.focusScript',
        run: () => document.getElementById(SCRIPT_PANEL_ID)?.focus(),
      },
      {
        id: 'counter.open',
        keys: ['Ctrl+Alt+X'],
        labelKey: 'counter:desk.shortcut',
        run: () => setCounterOpen((o) => !o),
      },
    ],
    [],
  );
  useShortcuts(shortcuts);

  return (
    <>
      {/* Hidden, not unmounted: the softphone and the call's timers run on under the lock. */}
      <div className="shell" hidden={locked} inert={locked}>
        <SoftphoneBar />
        {signedIn ? (
          <div className="work">
            {isLead && <LeadNav />}
            <DirectiveNotice />
            {counterOpen ? (
              <main className="lead">
                <Suspense fallback={<p className="muted">{t('connecting')}</p>}>
                  <CounterScreen onClose={() => setCounterOpen(false)} />
                </Suspense>
              </main>
            ) : leadView === 'desk' ? (
              <main className="desk">
                <AccountWorkspace />
                <ScriptPanel />
              </main>
            ) : (
              <main className="lead">
                <Suspense fallback={<p className="muted">{t('connecting')}</p>}>
                  {leadView === 'board' ? (
                    <TeamBoard />
                  ) : leadView === 'users' ? (
                    <UsersScreen />
                  ) : (
                    <IntervalReports />
                  )}
                </Suspense>
              </main>
            )}
          </div>
        ) : (
          <main className="desk single">
            <SignIn />
          </main>
        )}
        <Refusals />
        {signedIn && <RequestOutcomes />}
        <StatusBar />
        <ShortcutOverlay />
      </div>
      {locked && <LockScreen />}
    </>
  );
}
