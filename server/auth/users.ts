import { randomUUID } from 'node:crypto';
import {
  type AddUserRequest,
  addUserRequest,
  PASSWORD_PROBLEM_TEXT,
  type PasswordProblem,
  passwordProblem,
  type UserSummary,
} from '../../shared/cis';
import { DEMO_USERS, TRAINING_PASSWORD } from '../../shared/cis/training-users';
import type { Role } from '../../shared/ipc/roles';
import type { Db } from '../db/database';
import { hashPassword } from './passwords';
import { checkPassword, openSession } from './sessions';

/**
 * The users of the server, as its administrators (the routes of admin-routes.ts) and the command
 * line (`npm run cli -- users`) manage them. Every change is one transaction with its audit row:
 * who did it (a user's id, or `cli:<login>` for the command line), to whom, and why.
 */

/** A refusal the routes answer with a status, and the command line prints. */
export class UserChangeRefused extends Error {
  constructor(
    readonly code:
      | 'no_such_user'
      | 'username_taken'
      | 'weak_password'
      | 'last_admin'
      | 'admin_exists'
      | 'own_account',
    message: string,
    readonly problem?: PasswordProblem,
  ) {
    super(message);
    this.name = 'UserChangeRefused';
  }
}

const PRACTICE_IDS: string[] = DEMO_USERS.map((u) => u.id);

/** The practice users (shared/cis/training-users), on a training server only. */
export async function seedPracticeUsers(db: Db, password = TRAINING_PASSWORD): Promise<void> {
  for (const u of DEMO_USERS) {
    // Each user's own salt: one hash shared by every user would tell they share a password.
    const hash = await hashPassword(password);
    // Back if a production start retired them; a user of the same name added by an admin stays.
    await db.query(
      `insert into users (id, username, name, password_hash, role, languages, team)
       select $1, $2, $3, $4, $5, $6, $7 where not exists (select 1 from users where username = $2 and id <> $1)
       on conflict (id) do update set disabled_at = null`,
      [u.id, u.username, u.name, hash, u.role, u.languages, u.team],
    );
  }
}

/**
 * A production server has no practice user: any a training start left in its database are
 * disabled and their sessions ended. Answers how many were.
 */
export async function retirePracticeUsers(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('delete from sessions where user_id = any($1)', [PRACTICE_IDS]);
    const { rows } = await tx.query<{ id: string }>(
      'update users set disabled_at = now() where id = any($1) and disabled_at is null returning id',
      [PRACTICE_IDS],
    );
    return rows.length;
  });
}

/** Whether an administrator of this server exists (a practice one does not count). */
export async function administratorExists(db: Db): Promise<boolean> {
  const { rows } = await db.query(
    "select 1 from users where role = 'admin' and not (id = any($1)) limit 1",
    [PRACTICE_IDS],
  );
  return rows.length > 0;
}

function strongEnough(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem)
    throw new UserChangeRefused('weak_password', PASSWORD_PROBLEM_TEXT[problem], problem);
}

async function audit(db: Db, actor: string, action: string, details: Record<string, unknown>) {
  await db.query('insert into audit (user_id, action, details) values ($1, $2, $3)', [
    actor,
    action,
    JSON.stringify(details),
  ]);
}

async function insertUser(
  db: Db,
  actor: string,
  user: { username: string; name: string; role: Role; languages: string[]; team: string },
  password: string,
  mustChange: boolean,
): Promise<string> {
  const { rows: taken } = await db.query('select 1 from users where username = $1', [
    user.username,
  ]);
  if (taken.length)
    throw new UserChangeRefused('username_taken', `the user name ${user.username} is taken`);
  const id = `u-${randomUUID()}`;
  await db.query(
    `insert into users (id, username, name, password_hash, role, languages, team, must_change_password, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      user.username,
      user.name,
      await hashPassword(password),
      user.role,
      user.languages,
      user.team,
      mustChange,
      actor,
    ],
  );
  return id;
}

/** The first administrator of a production server, once: refused when one exists. */
export async function addFirstAdministrator(
  db: Db,
  actor: string,
  user: { username: string; name: string; password: string },
): Promise<string> {
  strongEnough(user.password, user.username);
  return db.transaction(async (tx) => {
    // One at a time: two runs at once must not both find no administrator.
    await tx.query('select pg_advisory_xact_lock(7301012)');
    if (await administratorExists(tx))
      throw new UserChangeRefused(
        'admin_exists',
        'an administrator exists: administrators add users (npm run cli -- users add)',
      );
    const id = await insertUser(
      tx,
      actor,
      { username: user.username, name: user.name, role: 'admin', languages: ['en'], team: 'it' },
      user.password,
      false,
    );
    await audit(tx, actor, 'firstAdministratorAdded', { userId: id, username: user.username });
    return id;
  });
}

/** A user added by an administrator, with a temporary password to change at the first sign-in. */
export async function addUser(db: Db, actor: string, request: AddUserRequest): Promise<string> {
  const u = addUserRequest.parse(request);
  strongEnough(u.temporaryPassword, u.username);
  return db.transaction(async (tx) => {
    const id = await insertUser(tx, actor, u, u.temporaryPassword, true);
    await audit(tx, actor, 'userAdded', {
      userId: id,
      username: u.username,
      role: u.role,
      languages: u.languages,
      team: u.team,
      reason: u.reason,
    });
    return id;
  });
}

type UserRow = {
  id: string;
  username: string;
  name: string;
  role: Role;
  languages: string[];
  team: string;
  disabled_at: Date | string | null;
  must_change_password: boolean;
  created_at: Date | string;
};

const summaryOf = (r: UserRow): UserSummary => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  languages: r.languages as UserSummary['languages'],
  team: r.team,
  disabled: r.disabled_at !== null,
  mustChangePassword: r.must_change_password,
  createdAt: new Date(r.created_at).toISOString(),
});

const COLUMNS =
  'id, username, name, role, languages, team, disabled_at, must_change_password, created_at';

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const { rows } = await db.query<UserRow>(`select ${COLUMNS} from users order by username`);
  return rows.map(summaryOf);
}

/** A user by id or user name, locked for the change. */
async function targetOf(db: Db, who: string): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `select ${COLUMNS} from users where id = $1 or username = $2 for update`,
    [who, who.trim().toLowerCase()],
  );
  if (!rows[0]) throw new UserChangeRefused('no_such_user', `no user ${who}`);
  return rows[0];
}

/** Refuses what would leave the server with no enabled administrator. */
async function keepAnAdministrator(db: Db, target: UserRow): Promise<void> {
  if (target.role !== 'admin' || target.disabled_at !== null) return;
  const { rows } = await db.query<{ n: number }>(
    "select count(*)::int as n from users where role = 'admin' and disabled_at is null and id <> $1",
    [target.id],
  );
  if (rows[0].n === 0)
    throw new UserChangeRefused('last_admin', 'this is the last enabled administrator');
}

export interface UserChange {
  /** Who: a user's id, or `cli:<login>`. */
  actor: string;
  reason: string;
  /** Ends every session of the user at once (and closes its sockets). */
  endSessions(userId: string): Promise<unknown>;
}

/** Disables or enables a user; a disabled user's sessions end at once. */
export async function setDisabled(
  db: Db,
  change: UserChange,
  who: string,
  disabled: boolean,
): Promise<UserSummary> {
  const user = await db.transaction(async (tx) => {
    const target = await targetOf(tx, who);
    if (disabled && target.id === change.actor)
      throw new UserChangeRefused('own_account', 'an administrator cannot disable themselves');
    if (disabled) await keepAnAdministrator(tx, target);
    const { rows } = await tx.query<UserRow>(
      `update users set disabled_at = ${disabled ? 'coalesce(disabled_at, now())' : 'null'} where id = $1 returning ${COLUMNS}`,
      [target.id],
    );
    await audit(tx, change.actor, disabled ? 'userDisabled' : 'userEnabled', {
      userId: target.id,
      username: target.username,
      reason: change.reason,
    });
    return rows[0];
  });
  if (disabled) await change.endSessions(user.id);
  return summaryOf(user);
}

/** A new temporary password, to be changed at the next sign-in; the user's sessions end. */
export async function resetPassword(
  db: Db,
  change: UserChange,
  who: string,
  temporaryPassword: string,
): Promise<UserSummary> {
  const user = await db.transaction(async (tx) => {
    const target = await targetOf(tx, who);
    strongEnough(temporaryPassword, target.username);
    const { rows } = await tx.query<UserRow>(
      `update users set password_hash = $2, must_change_password = true where id = $1 returning ${COLUMNS}`,
      [target.id, await hashPassword(temporaryPassword)],
    );
    await audit(tx, change.actor, 'passwordReset', {
      userId: target.id,
      username: target.username,
      reason: change.reason,
    });
    return rows[0];
  });
  await change.endSessions(user.id);
  return summaryOf(user);
}

/** Another role; the user signs in again to work under it. */
export async function changeRole(
  db: Db,
  change: UserChange,
  who: string,
  role: Role,
): Promise<UserSummary> {
  const user = await db.transaction(async (tx) => {
    const target = await targetOf(tx, who);
    if (role !== 'admin') await keepAnAdministrator(tx, target);
    const { rows } = await tx.query<UserRow>(
      `update users set role = $2 where id = $1 returning ${COLUMNS}`,
      [target.id, role],
    );
    await audit(tx, change.actor, 'roleChanged', {
      userId: target.id,
      username: target.username,
      from: target.role,
      to: role,
      reason: change.reason,
    });
    return rows[0];
  });
  await change.endSessions(user.id);
  return summaryOf(user);
}

/**
 * A user chooses their own password (a temporary one must be changed so): the current one proves
 * who they are; answers a session under the new one, or why not.
 */
export async function changeOwnPassword(
  db: Db,
  username: string,
  password: string,
  newPassword: string,
): Promise<
  | { ok: true; userId: string; session: Awaited<ReturnType<typeof openSession>> }
  | { ok: false; userId: string | null; why: 'wrong' | 'disabled' | 'same' }
> {
  const checked = await checkPassword(db, username, password);
  if (!checked.ok && checked.why !== 'mustChangePassword')
    return { ok: false, userId: checked.userId, why: checked.why };
  const userId = checked.ok ? checked.user.id : checked.userId;
  if (newPassword === password) return { ok: false, userId, why: 'same' };
  strongEnough(newPassword, username.trim().toLowerCase());
  const { rows } = await db.query<UserRow>(
    `update users set password_hash = $2, must_change_password = false where username = $1 returning ${COLUMNS}`,
    [username.trim().toLowerCase(), await hashPassword(newPassword)],
  );
  const user = rows[0];
  await audit(db, user.id, 'passwordChanged', { userId: user.id, username: user.username });
  return { ok: true, userId: user.id, session: await openSession(db, user) };
}
