import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../shared/cis';
import type { Db } from '../db/database';
import { verifyPassword } from './passwords';

export type { Principal };

/** What other server plugins (telephony, hub) get to check a session token. */
export interface Auth {
  verify(token: string): Promise<Principal | null>;
  /** Hears of every session this server ends (sign-out), to close what it holds open. */
  onEnded?(listener: (token: string) => void): () => void;
  /** Ends a session: nothing it opened stays open on this server. */
  end?(token: string): Promise<void>;
}

const SESSION_HOURS = 12;
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface UserRow {
  id: string;
  name: string;
  password_hash: string;
  role: Principal['role'];
  languages: string[];
  team: string;
}

function principalOf(row: Omit<UserRow, 'password_hash'>): Principal {
  return {
    userId: row.id,
    name: row.name,
    role: row.role,
    languages: row.languages as Principal['languages'],
    team: row.team,
  };
}

/** Signs in with a password: a random session token (only its hash is stored), or null. */
export async function signIn(
  db: Db,
  username: string,
  password: string,
): Promise<{ token: string; principal: Principal } | null> {
  const { rows } = await db.query<UserRow>(
    'select id, name, password_hash, role, languages, team from users where username = $1',
    [username.toLowerCase()],
  );
  const user = rows[0];
  // Hash a dummy when the user is unknown, so timing does not tell which usernames exist.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) return null;
  return openSession(db, user.id);
}

/** A new session of a user (password or identity provider): the token, and who it is. */
export async function openSession(
  db: Db,
  userId: string,
): Promise<{ token: string; principal: Principal }> {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await db.query<Omit<UserRow, 'password_hash'>>(
    `with opened as (insert into sessions (token_hash, user_id, expires_at)
       values ($1, $2, now() + interval '${SESSION_HOURS} hours') returning user_id)
     select u.id, u.name, u.role, u.languages, u.team from users u join opened o on o.user_id = u.id`,
    [sha256(token), userId],
  );
  return { token, principal: principalOf(rows[0]!) };
}

/** Whether the password is the user's own (the locked screen asks for it again). */
export async function passwordMatches(db: Db, userId: string, password: string): Promise<boolean> {
  const { rows } = await db.query<{ password_hash: string }>(
    'select password_hash from users where id = $1',
    [userId],
  );
  return verifyPassword(password, rows[0]?.password_hash ?? DUMMY_HASH);
}

export function sessionAuth(db: Db): Required<Auth> {
  const listeners = new Set<(token: string) => void>();
  return {
    onEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async end(token: string) {
      await signOut(db, token);
      for (const listener of listeners) listener(token);
    },
    async verify(token: string) {
      if (!token || token.length > 200) return null;
      const { rows } = await db.query<Omit<UserRow, 'password_hash'>>(
        'select u.id, u.name, u.role, u.languages, u.team from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > now()',
        [sha256(token)],
      );
      return rows[0] ? principalOf(rows[0]) : null;
    },
  };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [sha256(token)]);
}
