import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../shared/cis/password-rule';
import { useAppStore } from '../../store';

/**
 * The password an administrator set is temporary: at sign-in the user chooses their own (the
 * same rule as the server's, said before it is sent), and is signed in with it.
 */
export function ChangePassword({ username }: { username: string }) {
  const { t } = useTranslation('account');
  const signingIn = useAppStore((s) => s.signingIn);
  const serverError = useAppStore((s) => s.signInError);
  const changePassword = useAppStore((s) => s.changePassword);
  const cancel = useAppStore((s) => s.cancelPasswordChange);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = passwordProblem(password, username);
    if (found) return setProblem(`signIn.problems.${found}`);
    if (password !== again) return setProblem('signIn.mismatch');
    setProblem(null);
    void changePassword(password);
  };
  const error = problem ? t(problem, { min: MIN_PASSWORD_LENGTH }) : serverError && t(serverError);

  return (
    <section className="sign-in" aria-labelledby="change-password-title">
      <form onSubmit={submit} className="card" noValidate>
        <h1 id="change-password-title">{t('signIn.changeTitle')}</h1>
        <p id="change-password-intro">
          {t('signIn.changeIntro', { username, min: MIN_PASSWORD_LENGTH })}
        </p>
        <label className="field">
          <span>{t('signIn.newPassword')}</span>
          <input
            ref={first}
            name="new-password"
            type="password"
            autoComplete="new-password"
            aria-describedby="change-password-intro"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('signIn.confirmPassword')}</span>
          <input
            name="confirm-password"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={signingIn}>
          {signingIn ? t('signIn.signingIn') : t('signIn.changeSubmit')}
        </button>
        <button type="button" onClick={cancel}>
          {t('signIn.changeBack')}
        </button>
      </form>
    </section>
  );
}
