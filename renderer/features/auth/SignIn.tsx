import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { ChangePassword } from './ChangePassword';

const TRAINING_PASSWORD = 'tapline-training';

export function SignIn() {
  const { t } = useTranslation('account');
  const session = useAppStore((s) => s.session);
  const signingIn = useAppStore((s) => s.signingIn);
  const error = useAppStore((s) => s.signInError);
  const signIn = useAppStore((s) => s.signIn);
  const providerSignIn = useAppStore((s) => s.providerSignIn);
  const providerSigningIn = useAppStore((s) => s.providerSigningIn);
  const provider = session?.identityProvider ?? null;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const passwordChange = useAppStore((s) => s.passwordChange);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(username, password);
  };

  if (passwordChange) return <ChangePassword username={passwordChange.username} />;
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <form onSubmit={submit} className="card">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {t(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={signingIn}>
          {signingIn ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
        {provider && (
          <>
            <p className="or muted">{t('identityProvider.or')}</p>
            {/* Enabled while waiting: a user who closed the provider's page starts over. */}
            <button type="button" disabled={signingIn} onClick={() => void providerSignIn()}>
              {t('identityProvider.button', { name: provider })}
            </button>
            {providerSigningIn && (
              <p role="status">{t('identityProvider.waiting', { name: provider })}</p>
            )}
          </>
        )}
        {session?.training && (
          <div className="training">
            <p>{t('signIn.training', { password: TRAINING_PASSWORD })}</p>
            <ul>
              {session.demoUsers.map((u) => (
                <li key={u.username}>
                  <button
                    type="button"
                    onClick={() => {
                      setUsername(u.username);
                      setPassword(TRAINING_PASSWORD);
                    }}
                  >
                    {t('signIn.useUser', { name: u.name, role: t(`signIn.roles.${u.role}`) })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
    </section>
  );
}
