import { useEffect, useMemo } from 'react';
import { bridge, call } from '../bridge';
import { ACCOUNT_SEARCH_ID, AccountWorkspace } from '../features/account/AccountWorkspace';
import { Refusals } from '../features/account/Refusals';
import { RequestOutcomes } from '../features/approvals/RequestOutcomes';
import { SignIn } from '../features/auth/SignIn';
import { SCRIPT_PANEL_ID, ScriptPanel } from '../features/flows/ScriptPanel';
import { ShortcutOverlay } from '../features/shell/ShortcutOverlay';
import { StatusBar } from '../features/shell/StatusBar';
import { SoftphoneBar } from '../features/softphone/SoftphoneBar';
import { useAppStore } from '../store';
import { installShortcutListener, type Shortcut, useShortcuts } from './shortcuts';

export function App() {
  const loadSettings = useAppStore((s) => s.loadSettings);
  const loadAppInfo = useAppStore((s) => s.loadAppInfo);
  const setConnection = useAppStore((s) => s.setConnection);
  const receiveSettings = useAppStore((s) => s.receiveSettings);
  const signedIn = useAppStore((s) => s.session?.principal != null);

  useEffect(() => installShortcutListener(), []);
  // Calls ring once someone is signed in (the simulator by default).
  useEffect(() => {
    if (signedIn && useAppStore.getState().mode === null)
      void useAppStore.getState().startSoftphone();
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
    ],
    [],
  );
  useShortcuts(shortcuts);

  return (
    <div className="shell">
      <SoftphoneBar />
      {signedIn ? (
        <main className="desk">
          <AccountWorkspace />
          <ScriptPanel />
        </main>
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
  );
}
