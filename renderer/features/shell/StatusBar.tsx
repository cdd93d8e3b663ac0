import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../shared/ipc';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { deskBusy } from '../softphone/softphone-slice';
import { deskStatus, toneOf } from './desk-status';
import { LocaleSwitch } from './LocaleSwitch';

export function StatusBar() {
  const { t } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  const info = useAppStore((s) => s.appInfo);
  const settingsError = useAppStore((s) => s.settingsError);
  const sync = useAppStore((s) => s.sync);
  const session = useAppStore((s) => s.session);
  const phoneMode = useAppStore((s) => s.mode);
  const registered = useAppStore((s) => s.registered);
  const signOut = useAppStore((s) => s.signOut);
  const busy = useAppStore((s) => deskBusy(s.desk));
  const [refused, setRefused] = useState(false);
  const { t: ta } = useTranslation('account');
  const { t: tp } = useTranslation('softphone');
  const f = useFormat();
  const status = deskStatus({
    connection,
    signedIn: session?.principal != null,
    phoneMode,
    registered,
    sync,
  });
  const linked = !['unknown', 'signedOut', 'checking'].includes(status.central);
  return (
    <footer className="statusbar">
      <span className={`pill ${toneOf(status.service)}`} data-testid="connection">
        {t('status.connection')}: {t(SERVICE[status.service])}
      </span>
      <span className={`pill ${toneOf(status.phone)}`} data-testid="phone">
        {t('status.phone')}: {t(PHONE[status.phone])}
      </span>
      <span className={`pill ${toneOf(status.central)}`} data-testid="sync">
        {t('status.sync')}: {t(CENTRAL[status.central])}
        {linked && syncDetails(sync, ta, f)}
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

const SERVICE = { connected: 'status.connected', reconnecting: 'status.disconnected' } as const;
const PHONE = {
  unknown: 'status.notKnown',
  signedOut: 'status.phoneSignedOut',
  connecting: 'status.phoneConnecting',
  ready: 'status.phoneReady',
  training: 'status.phoneTraining',
} as const;
const CENTRAL = {
  unknown: 'status.notKnown',
  signedOut: 'status.centralSignedOut',
  checking: 'status.checking',
  online: 'account:sync.online',
  offline: 'account:sync.offline',
  serverError: 'account:sync.serverError',
  sessionEnded: 'account:sync.signedOut',
} as const;

/** What sync adds once the central system is reached: loading, commands waiting, the data's age. */
function syncDetails(
  sync: SyncStatusView | null,
  ta: (k: string, o?: Record<string, unknown>) => string,
  f: ReturnType<typeof useFormat>,
): string {
  if (!sync || sync.error === 'unauthenticated') return '';
  const parts: string[] = [];
  if (sync.initialLoad && !sync.initialLoad.done)
    parts.push(ta('sync.loading', { count: sync.initialLoad.loaded }));
  if (sync.pending > 0) parts.push(ta('sync.pending', { count: sync.pending }));
  if (sync.heldForOtherUser > 0) parts.push(ta('sync.held', { count: sync.heldForOtherUser }));
  parts.push(sync.lastSyncAt ? ta('sync.age', { age: f.ago(sync.lastSyncAt) }) : ta('sync.never'));
  return parts.map((p) => ` · ${p}`).join('');
}
