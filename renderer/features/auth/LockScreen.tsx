import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { deskBusy } from '../softphone/softphone-slice';

/**
 * The locked desk (PCI DSS 8.2.8): the screen's content is hidden behind it, and the signed-in
 * user proves who they are again (their password, checked by the CIS with sign-in's throttle,
 * or the identity provider they signed in through), or signs out. The softphone, the agent's
 * state and the call timers run on underneath.
 */
export function LockScreen() {
  const { t } = useTranslation('account');
  const session = useAppStore((s) => s.session);
  const unlocking = useAppStore((s) => s.unlocking);
  const error = useAppStore((s) => s.unlockError);
  const unlock = useAppStore((s) => s.unlock);
  const unlockWithProvider = useAppStore((s) => s.unlockWithProvider);
  const signOut = useAppStore((s) => s.signOut);
  const ringing = useAppStore((s) => s.desk.active?.state === 'ringing');
  const busy = useAppStore((s) => deskBusy(s.desk));
  const [password, setPassword] = useState('');
  if (!session?.principal) return null;
  const provider = session.signedInWith === 'identityProvider' ? session.identityProvider : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void unlock(password).then(() => setPassword(''));
  };

  return (
    <section className="lock" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="card">
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p>{t('lock.forUser', { name: session.principal.name })}</p>
        <p className="muted">{t('lock.explanation', { count: session.lockAfterMinutes ?? 15 })}</p>
        {ringing && (
          <p className="notice" role="status">
            {t('lock.ringing')}
          </p>
        )}
        {provider ? (
          <p>
            {t('lock.provider', { name: provider })}{' '}
            <button
              type="button"
              className="primary"
              disabled={unlocking}
              // biome-ignore lint/a11y/noAutofocus: the lock's one action, where the keyboard starts
              autoFocus
              onClick={() => void unlockWithProvider()}
            >
              {t('identityProvider.button', { name: provider })}
            </button>
          </p>
        ) : (
          <form onSubmit={submit}>
            <label className="field">
              <span>{t('lock.password')}</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                // biome-ignore lint/a11y/noAutofocus: the lock's one field, where the keyboard starts
                autoFocus
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </label>
            <button type="submit" className="primary" disabled={unlocking}>
              {unlocking ? t('lock.unlocking') : t('lock.submit')}
            </button>
          </form>
        )}
        {error && (
          <p className="error" role="alert">
            {error === 'errors:bad_credentials' ? t('lock.wrongPassword') : t(error)}
          </p>
        )}
        <p>
          <button type="button" disabled={busy} onClick={() => void signOut()}>
            {t('lock.signOut')}
          </button>
        </p>
      </div>
    </section>
  );
}
