import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../shared/cis';
import type { Db } from '../db/database';
import { verifyPassword } from './passwords';

export type { Principal };

/** What other server plugins (telephony, hub) get to check a session token. */
export interface Auth {
  verify(token: string): Promise<Principal | null>;
  /**
   * Hears of every session this server ends (sign-out, a user disabled), by the SHA-256 of its
   * token (`tokenHash`), to close what it holds open.
   */
  onEnded?(listener: (tokenHash: string) => void): () => void;
  /** Ends a session: nothing it opened stays open on this server. */
  end?(token: string): Promise<void>;
}

const SESSION_HOURS = 12;
/** The hash a session is stored and announced by: the token itself is never kept. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface UserRow {
  id: string;
  name: string;
  password_hash: string;
  role: Principal['role'];
  languages: string[];
  team: string;
  disabled_at: Date | string | null;
  must_change_password: boolean;
}

function principalOf(row: Pick<UserRow, 'id' | 'name' | 'role' | 'languages' | 'team'>): Principal {
  return {
    userId: row.id,
    name: row.name,
    role: row.role,
    languages: row.languages as Principal['languages'],
    team: row.team,
  };
}

/** A hash to check a password against when the user is unknown, so timing tells nothing. */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * The user a user name and password prove, or why not: unknown or wrong password (`wrong`, one
 * answer for both), disabled, or a temporary password still to be changed.
 */
export async function checkPassword(
  db: Db,
  username: string,
  password: string,
): Promise<
  | { ok: true; user: UserRow }
  | { ok: false; why: 'wrong' | 'disabled' | 'mustChangePassword'; userId: string | null }
> {
  const { rows } = await db.query<UserRow>(
    'select id, name, password_hash, role, languages, team, disabled_at, must_change_password from users where username = $1',
    [username.trim().toLowerCase()],
  );
  const user = rows[0];
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) return { ok: false, why: 'wrong', userId: user?.id ?? null };
  if (user.disabled_at !== null) return { ok: false, why: 'disabled', userId: user.id };
  if (user.must_change_password) return { ok: false, why: 'mustChangePassword', userId: user.id };
  return { ok: true, user };
}

/** A new session for a user: a random token, of which only the hash is stored. */
export async function openSession(
  db: Db,
  user: Pick<UserRow, 'id' | 'name' | 'role' | 'languages' | 'team'>,
): Promise<{ token: string; principal: Principal }> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '${SESSION_HOURS} hours')`,
    [tokenHash(token), user.id],
  );
  return { token, principal: principalOf(user) };
}

/**
 * A new session of a user known by id (the identity provider vouched for them), or null when an
 * administrator disabled the user.
 */
export async function openSessionById(
  db: Db,
  userId: string,
): Promise<{ token: string; principal: Principal } | null> {
  const { rows } = await db.query<UserRow>(
    'select id, name, role, languages, team, disabled_at from users where id = $1',
    [userId],
  );
  const user = rows[0];
  return user && user.disabled_at === null ? openSession(db, user) : null;
}

/** Whether the password is the user's own (the locked screen asks for it again). */
export async function passwordMatches(db: Db, userId: string, password: string): Promise<boolean> {
  const { rows } = await db.query<{ password_hash: string }>(
    'select password_hash from users where id = $1 and disabled_at is null',
    [userId],
  );
  return verifyPassword(password, rows[0]?.password_hash ?? DUMMY_HASH);
}

/** Signs in with a password: a session, or null (wrong, disabled, or a password to change). */
export async function signIn(
  db: Db,
  username: string,
  password: string,
): Promise<{ token: string; principal: Principal } | null> {
  const checked = await checkPassword(db, username, password);
  return checked.ok ? openSession(db, checked.user) : null;
}

export interface SessionAuth extends Required<Auth> {
  /** Ends every session of a user (disabled, or their role or password changed by an admin). */
  endSessionsOf(userId: string): Promise<number>;
}

export function sessionAuth(db: Db): SessionAuth {
  const listeners = new Set<(tokenHash: string) => void>();
  const announce = (hash: string) => {
    for (const listener of listeners) listener(hash);
  };
  return {
    onEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async end(token: string) {
      await signOut(db, token);
      announce(tokenHash(token));
    },
    async endSessionsOf(userId: string) {
      const { rows } = await db.query<{ token_hash: string }>(
        'delete from sessions where user_id = $1 returning token_hash',
        [userId],
      );
      for (const r of rows) announce(r.token_hash);
      return rows.length;
    },
    async verify(token: string) {
      if (!token || token.length > 200) return null;
      const { rows } = await db.query<UserRow>(
        `select u.id, u.name, u.role, u.languages, u.team from sessions s join users u on u.id = s.user_id
          where s.token_hash = $1 and s.expires_at > now() and u.disabled_at is null and not u.must_change_password`,
        [tokenHash(token)],
      );
      return rows[0] ? principalOf(rows[0]) : null;
    },
  };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash(token)]);
}
