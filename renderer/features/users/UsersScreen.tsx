import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MIN_PASSWORD_LENGTH,
  type PasswordProblem,
  passwordProblem,
} from '../../../shared/cis/password-rule';
import { readableCode } from '../../../shared/i18n/text';
import { type Role, roles } from '../../../shared/ipc/roles';
import { useAppStore } from '../../store';
import type { UserChangeKind } from './users-slice';

const LANGUAGES = ['en', 'es'] as const;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
const KINDS: UserChangeKind[] = ['disable', 'enable', 'resetPassword', 'changeRole'];

/** The password rule's words as the administrator types a temporary password. */
function PasswordField(o: {
  id: string;
  value: string;
  username: string;
  onChange(value: string): void;
}) {
  const { t } = useTranslation('users');
  const problem: PasswordProblem | null = o.value ? passwordProblem(o.value, o.username) : null;
  return (
    <div className="field">
      <label htmlFor={o.id}>{t('add.temporaryPassword')}</label>
      <input
        id={o.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={o.value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${o.id}-rule`}
        onChange={(e) => o.onChange(e.target.value)}
      />
      <small id={`${o.id}-rule`} className={problem ? 'error' : 'muted'}>
        {problem
          ? t(`problems.${problem}`, { min: MIN_PASSWORD_LENGTH })
          : t('add.temporaryPasswordHint', { min: MIN_PASSWORD_LENGTH })}
      </small>
    </div>
  );
}

function RoleSelect(o: { label: string; value: Role; onChange(role: Role): void }) {
  const { t } = useTranslation('users');
  return (
    <label className="field">
      <span>{o.label}</span>
      <select value={o.value} onChange={(e) => o.onChange(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`account:signIn.roles.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function AddUserForm({ onProblem }: { onProblem(key: string | null): void }) {
  const { t } = useTranslation('users');
  const addUser = useAppStore((s) => s.addUser);
  const [f, setF] = useState({ username: '', name: '', team: 'care', password: '', reason: '' });
  const [role, setRole] = useState<Role>('agent');
  const [languages, setLanguages] = useState<string[]>(['en']);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const username = f.username.trim().toLowerCase();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // In the order of the fields, so the first one wrong is said.
    const problem = passwordProblem(f.password, username);
    const wrong = !USERNAME.test(username)
      ? 'missing.username'
      : !f.name.trim()
        ? 'missing.name'
        : languages.length === 0
          ? 'missing.languages'
          : !f.team.trim()
            ? 'missing.team'
            : problem
              ? `problems.${problem}`
              : !f.reason.trim()
                ? 'missing.reason'
                : null;
    if (wrong) return onProblem(wrong);
    onProblem(null);
    const added = await addUser({
      username,
      name: f.name,
      role,
      languages: languages as ('en' | 'es')[],
      team: f.team.trim(),
      temporaryPassword: f.password,
      reason: f.reason.trim(),
    });
    if (added) setF({ username: '', name: '', team: f.team.trim(), password: '', reason: '' });
  };

  const text = (k: 'username' | 'name' | 'team', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input name={k} value={f[k]} onChange={(e) => set(k)(e.target.value)} />
    </label>
  );
  return (
    <form className="card users-form" onSubmit={submit} noValidate aria-labelledby="users-add">
      <h2 id="users-add">{t('add.title')}</h2>
      {text('username', t('add.username'))}
      {text('name', t('add.name'))}
      <RoleSelect label={t('add.role')} value={role} onChange={setRole} />
      <fieldset>
        <legend>{t('add.languages')}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} className="field-inline">
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={(e) =>
                setLanguages(
                  e.target.checked ? [...languages, l] : languages.filter((x) => x !== l),
                )
              }
            />
            {t(`account:languages.${l}`)}
          </label>
        ))}
      </fieldset>
      {text('team', t('add.team'))}
      <PasswordField
        id="users-add-password"
        value={f.password}
        username={username}
        onChange={set('password')}
      />
      <label className="field">
        <span>{t('reason')}</span>
        <input name="reason" value={f.reason} onChange={(e) => set('reason')(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        {t('add.submit')}
      </button>
    </form>
  );
}

function ChangeUserForm({ onProblem }: { onProblem(key: string | null): void }) {
  const { t } = useTranslation('users');
  const users = useAppStore((s) => s.users) ?? [];
  const changeUser = useAppStore((s) => s.changeUser);
  const [user, setUser] = useState('');
  const [kind, setKind] = useState<UserChangeKind>('disable');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const chosen = users.find((u) => u.id === user) ?? users[0];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const problem = kind === 'resetPassword' ? passwordProblem(password, chosen.username) : null;
    if (problem) return onProblem(`problems.${problem}`);
    if (!reason.trim()) return onProblem('missing.reason');
    onProblem(null);
    const target = { user: chosen.id, reason };
    const done = await changeUser(
      kind === 'resetPassword'
        ? { kind, request: { ...target, temporaryPassword: password } }
        : kind === 'changeRole'
          ? { kind, request: { ...target, role } }
          : { kind, request: target },
    );
    if (done) {
      setReason('');
      setPassword('');
    }
  };

  return (
    <form className="card users-form" onSubmit={submit} noValidate aria-labelledby="users-change">
      <h2 id="users-change">{t('change.title')}</h2>
      <label className="field">
        <span>{t('change.user')}</span>
        <select name="user" value={chosen?.id ?? ''} onChange={(e) => setUser(e.target.value)}>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.username})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('change.action')}</span>
        <select
          name="action"
          value={kind}
          onChange={(e) => setKind(e.target.value as UserChangeKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`actions.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'changeRole' && (
        <RoleSelect label={t('change.newRole')} value={role} onChange={setRole} />
      )}
      {kind === 'resetPassword' && (
        <PasswordField
          id="users-reset-password"
          value={password}
          username={chosen?.username ?? ''}
          onChange={setPassword}
        />
      )}
      <label className="field">
        <span>{t('reason')}</span>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={!chosen}>
        {t('change.submit')}
      </button>
    </form>
  );
}

/**
 * The administrator's Users screen: every user of the central system, a form to add one with a
 * temporary password (the shared rule said as it is typed), and one to disable, enable, reset the
 * password of, or change the role of one — each with a reason the server keeps with the change.
 */
export default function UsersScreen() {
  const { t } = useTranslation('users');
  const users = useAppStore((s) => s.users);
  const notice = useAppStore((s) => s.usersNotice);
  const loadUsers = useAppStore((s) => s.loadUsers);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    void loadUsers();
    heading.current?.focus();
  }, [loadUsers]);

  const said =
    notice?.kind === 'error'
      ? notice.problem
        ? t(`problems.${notice.problem as PasswordProblem}`, { min: MIN_PASSWORD_LENGTH })
        : t(notice.key)
      : notice
        ? t(`done.${notice.kind}`, {
            name: notice.user.name,
            role: t(`account:signIn.roles.${notice.user.role}`),
          })
        : null;

  return (
    <section className="users" aria-labelledby="users-title">
      <h1 id="users-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      <p>{t('intro')}</p>
      <div role="alert">
        {problem && <p className="error">{t(problem, { min: MIN_PASSWORD_LENGTH })}</p>}
      </div>
      <div role="status">
        {said && <p className={notice?.kind === 'error' ? 'error' : 'success'}>{said}</p>}
      </div>
      {users === null ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <table className="data">
          <caption>{t('table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.name')}</th>
              <th scope="col">{t('table.username')}</th>
              <th scope="col">{t('table.role')}</th>
              <th scope="col">{t('table.team')}</th>
              <th scope="col">{t('table.languages')}</th>
              <th scope="col">{t('table.status')}</th>
              <th scope="col">{t('table.mustChange')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                <td>{u.username}</td>
                <td>{t(`account:signIn.roles.${u.role}`)}</td>
                <td>{readableCode(u.team)}</td>
                <td>{u.languages.map((l) => t(`account:languages.${l}`)).join(', ')}</td>
                <td>{u.disabled ? t('table.disabled') : t('table.enabled')}</td>
                <td>{u.mustChangePassword ? t('table.yes') : t('table.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="users-forms">
        <AddUserForm onProblem={setProblem} />
        <ChangeUserForm onProblem={setProblem} />
      </div>
    </section>
  );
}
