import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../shared/ipc';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { deskBusy } from '../softphone/softphone-slice';
import { LocaleSwitch } from './LocaleSwitch';

export function StatusBar() {
  const { t } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  const info = useAppStore((s) => s.appInfo);
  const settingsError = useAppStore((s) => s.settingsError);
  const sync = useAppStore((s) => s.sync);
  const session = useAppStore((s) => s.session);
  const signOut = useAppStore((s) => s.signOut);
  const busy = useAppStore((s) => deskBusy(s.desk));
  const [refused, setRefused] = useState(false);
  const { t: ta } = useTranslation('account');
  const { t: tp } = useTranslation('softphone');
  const f = useFormat();
  return (
    <footer className="statusbar">
      <span className={`pill ${connection === 'open' ? 'ok' : 'bad'}`} data-testid="connection">
        {t('status.connection')}:{' '}
        {connection === 'open' ? t('status.connected') : t('status.disconnected')}
      </span>
      <span
        className={`pill ${sync?.online && sync.error !== 'server-error' ? 'ok' : sync ? 'bad' : ''}`}
        data-testid="sync"
      >
        {t('status.sync')}: {syncText(sync, ta, f)}
      </span>
      {settingsError && (
        <span className="pill bad" role="alert">
          {t(settingsError)}
        </span>
      )}
      <span className="spacer" />
      {info && (
        <span className="muted">
          {t(`status.host.${info.host}`)} · {t('status.version', { version: info.version })}
        </span>
      )}
      {session?.principal && (
        <span className="muted">
          {ta('signIn.signedInAs', {
            name: session.principal.name,
            role: ta(`signIn.roles.${session.principal.role}`),
          })}{' '}
          {/* A call or its wrap-up still open would be lost, or left to the next agent: refused. */}
          <button
            type="button"
            className="link"
            onClick={() => {
              setRefused(busy);
              if (!busy) void signOut();
            }}
          >
            {ta('signIn.signOut')}
          </button>
        </span>
      )}
      {refused && busy && (
        <span className="pill bad" role="alert">
          {tp('notice.signOutBusy')}
        </span>
      )}
      <LocaleSwitch />
    </footer>
  );
}

function syncText(
  sync: SyncStatusView | null,
  ta: (k: string, o?: Record<string, unknown>) => string,
  f: ReturnType<typeof useFormat>,
): string {
  if (!sync) return ta('sync.never');
  if (sync.error === 'unauthenticated') return ta('sync.signedOut');
  const parts = [
    sync.error === 'server-error'
      ? ta('sync.serverError')
      : sync.online
        ? ta('sync.online')
        : ta('sync.offline'),
  ];
  if (sync.initialLoad && !sync.initialLoad.done)
    parts.push(ta('sync.loading', { count: sync.initialLoad.loaded }));
  if (sync.pending > 0) parts.push(ta('sync.pending', { count: sync.pending }));
  if (sync.heldForOtherUser > 0) parts.push(ta('sync.held', { count: sync.heldForOtherUser }));
  parts.push(sync.lastSyncAt ? ta('sync.age', { age: f.ago(sync.lastSyncAt) }) : ta('sync.never'));
  return parts.join(' · ');
}
