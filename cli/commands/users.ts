import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  addFirstAdministrator,
  addUser,
  changeRole,
  listUsers,
  resetPassword,
  setDisabled,
  UserChangeRefused,
} from '../../server/auth/users';
import { defaultDataDir } from '../../server/data-folder';
import { type Db, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import {
  addUserRequest,
  PASSWORD_PROBLEM_TEXT,
  passwordProblem,
  type UserSummary,
  userRole,
} from '../../shared/cis';
import { choiceOption, parseOptions, requireOption } from '../lib/args';
import { readPassword } from '../lib/password-input';
import { type CliCommand, type CliIo, EXIT, UsageError } from './types';

export const WHERE =
  "  Against the server's database: --database-url (or DATABASE_URL) for PostgreSQL, else the PGlite of\n" +
  '  --data-dir (or TAPLINE_DATA_DIR, else the user data folder); stop a PGlite server first (one process\n' +
  "  at a time). Passwords are read from standard input (not echoed at a terminal; a pipe's first line).";

const USAGE = [
  'users first-admin --username NAME [--name "Full Name"] [--json]',
  'users add --username NAME --name "Full Name" --role agent|lead|admin [--languages en,es] [--team T] --reason WHY [--json]',
  'users disable|enable USER --reason WHY [--json]',
  'users reset USER --reason WHY [--json]        (a temporary password, changed at the next sign-in)',
  'users role USER --role agent|lead|admin --reason WHY [--json]',
  'users list [--json]',
].join('\n  ');

const OPTIONS = {
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  languages: { type: 'string' },
  team: { type: 'string' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** Who did it, in the audit trail: the login of the machine's user who ran the command. */
const actor = () => `cli:${userInfo().username}`;

export async function openServerDb(v: {
  'database-url'?: string;
  'data-dir'?: string;
}): Promise<Db> {
  const databaseUrl = v['database-url'] ?? process.env.DATABASE_URL;
  const db = await openDatabase({
    databaseUrl,
    dataDir: databaseUrl ? null : join(v['data-dir'] ?? defaultDataDir(), 'cis'),
  });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

function print(io: CliIo, json: boolean | undefined, user: UserSummary, what: string): void {
  if (json) io.out(JSON.stringify(user));
  else
    io.out(
      `${what}: ${user.username} (${user.name}), ${user.role}${user.disabled ? ', disabled' : ''}${user.mustChangePassword ? ', must change the password at the next sign-in' : ''}`,
    );
}

function table(users: UserSummary[]): string {
  const rows = users.map((u) => [
    u.username,
    u.name,
    u.role,
    u.languages.join(','),
    u.team,
    u.disabled ? 'disabled' : u.mustChangePassword ? 'temporary password' : 'active',
  ]);
  const head = ['user', 'name', 'role', 'languages', 'team', 'state'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const usersCommand: CliCommand = {
  name: 'users',
  summary:
    'the server’s users: the first administrator, then add, disable, enable, reset, role, list',
  usage: `${USAGE}\n${WHERE}`,
  async run(argv, io) {
    const [verb, ...rest] = argv;
    const { values: v, positionals } = parseOptions(rest, OPTIONS, true);
    const verbs = ['first-admin', 'add', 'disable', 'enable', 'reset', 'role', 'list'];
    if (!verb || !verbs.includes(verb))
      throw new UsageError(`say what to do: ${verbs.join(', ')}${verb ? ` (not "${verb}")` : ''}`);
    const targeted = ['disable', 'enable', 'reset', 'role'].includes(verb);
    if (targeted ? positionals.length !== 1 : positionals.length !== 0)
      throw new UsageError(
        targeted ? 'name one user (its user name or id)' : `unexpected "${positionals.join(' ')}"`,
      );
    const reason = targeted || verb === 'add' ? requireOption(v.reason, 'reason') : '';
    const role =
      verb === 'add' || verb === 'role'
        ? choiceOption(requireOption(v.role, 'role'), 'role', userRole.options)
        : undefined;
    const username =
      verb === 'add' || verb === 'first-admin' ? requireOption(v.username, 'username') : '';
    const who = positionals[0] ?? '';
    const password =
      verb === 'first-admin'
        ? await readPassword(`Password for ${username}`)
        : verb === 'add' || verb === 'reset'
          ? await readPassword(`Temporary password for ${verb === 'add' ? username : who}`)
          : '';
    // A weak password is bad input, said before the database is opened.
    const named = verb === 'reset' ? '' : username.trim().toLowerCase();
    const problem = password && verb !== 'reset' ? passwordProblem(password, named) : null;
    if (problem) throw new UsageError(PASSWORD_PROBLEM_TEXT[problem]);
    const db = await openServerDb(v);
    try {
      // The server's own sessions end with the rows; its open sockets close at its next check.
      const endSessions = (id: string) => db.query('delete from sessions where user_id = $1', [id]);
      const change = { actor: actor(), reason, endSessions };
      switch (verb) {
        case 'first-admin': {
          const id = await addFirstAdministrator(db, actor(), {
            username: username.trim().toLowerCase(),
            name: v.name ?? username,
            password,
          });
          const user = (await listUsers(db)).find((u) => u.id === id)!;
          print(io, v.json, user, 'First administrator added');
          return EXIT.ok;
        }
        case 'add': {
          const request = addUserRequest.safeParse({
            username,
            name: requireOption(v.name, 'name'),
            role,
            languages: v.languages?.split(',').map((l) => l.trim()),
            team: v.team,
            temporaryPassword: password,
            reason,
          });
          if (!request.success) {
            const issue = request.error.issues[0];
            throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
          }
          const id = await addUser(db, actor(), request.data);
          print(io, v.json, (await listUsers(db)).find((u) => u.id === id)!, 'Added');
          return EXIT.ok;
        }
        case 'disable':
        case 'enable':
          print(
            io,
            v.json,
            await setDisabled(db, change, who, verb === 'disable'),
            verb === 'disable' ? 'Disabled' : 'Enabled',
          );
          return EXIT.ok;
        case 'reset':
          print(io, v.json, await resetPassword(db, change, who, password), 'Password reset');
          return EXIT.ok;
        case 'role':
          print(io, v.json, await changeRole(db, change, who, role!), 'Role changed');
          return EXIT.ok;
        default: {
          const users = await listUsers(db);
          io.out(v.json ? JSON.stringify({ users }) : table(users));
          return EXIT.ok;
        }
      }
    } catch (err) {
      if (!(err instanceof UserChangeRefused)) throw err;
      if (v.json) io.out(JSON.stringify({ error: err.code, message: err.message }));
      io.err(`Refused: ${err.message}`);
      return EXIT.findings;
    } finally {
      await db.close();
    }
  },
};
