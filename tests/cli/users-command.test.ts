import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { freshDb, postgresAvailable, type TestDb } from '../server/support';

/** `npm run cli -- users ...` as an operator runs it, the password piped on standard input. */
function users(args: string[], where: NodeJS.ProcessEnv, stdin = '') {
  const { DATABASE_URL: _u, TAPLINE_DATA_DIR: _d, ...rest } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'users', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    input: stdin,
    env: { ...rest, ...where },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const opened: TestDb[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const t of opened) await t.drop().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const places: [
  string,
  () => Promise<{ env: NodeJS.ProcessEnv; open: () => ReturnType<typeof openDatabase> }>,
][] = [
  [
    'the PGlite of the data folder',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tapline-cli-users-'));
      dirs.push(dir);
      return {
        env: { TAPLINE_DATA_DIR: dir },
        open: () => openDatabase({ dataDir: join(dir, 'cis') }),
      };
    },
  ],
];
if (await postgresAvailable())
  places.push([
    'PostgreSQL (DATABASE_URL)',
    async () => {
      const t = await freshDb('postgres');
      await t.db.close();
      opened.push(t);
      return { env: { DATABASE_URL: t.url }, open: () => openDatabase({ databaseUrl: t.url }) };
    },
  ]);

describe.each(places)('npm run cli -- users against %s', (_name, place) => {
  it('adds the first administrator once, the password read from standard input and checked', async () => {
    const { env, open } = await place();
    const first = ['first-admin', '--username', 'Ops.Admin', '--name', 'Olga Price'];
    // A weak password is bad input (exit 2), said before the database is touched.
    const weak = users(first, env, 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('at least 12 characters');
    expect(users(first, env, 'tapline-training-2026\n').stderr).toContain('training password');
    expect(users(first, env, 'ops.admin-forever\n').stderr).toContain('user name');
    expect(users(first, env, '').code).toBe(2);

    const ok = users([...first, '--json'], env, 'a long and private phrase\n');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      username: 'ops.admin',
      name: 'Olga Price',
      role: 'admin',
      mustChangePassword: false,
    });
    expect(ok.stdout + ok.stderr).not.toContain('a long and private phrase');
    const again = users(['first-admin', '--username', 'second'], env, 'another long phrase\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('an administrator exists');

    const db = await open();
    try {
      const { rows } = await db.query<{ user_id: string; action: string }>(
        "select user_id, action from audit where action = 'firstAdministratorAdded'",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].user_id).toMatch(/^cli:/);
      const hash = (await db.query<{ password_hash: string }>('select password_hash from users'))
        .rows[0].password_hash;
      expect(hash).toMatch(/^scrypt\$/);
      expect(hash).not.toContain('a long and private phrase');
    } finally {
      await db.close();
    }
  }, 300_000);

  it('adds, lists, disables, enables, resets and changes the role of users, with --json', async () => {
    const { env, open } = await place();
    users(['first-admin', '--username', 'root'], env, 'correct horse battery\n');
    const add = users(
      [
        'add',
        '--username',
        'maria',
        '--name',
        'María Ochoa',
        '--role',
        'agent',
        '--languages',
        'en,es',
        '--reason',
        'new hire',
        '--json',
      ],
      env,
      'Welcome-2026-temp\n',
    );
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({
      username: 'maria',
      languages: ['en', 'es'],
      mustChangePassword: true,
    });
    expect(
      users(['add', '--username', 'x', '--name', 'X', '--role', 'boss', '--reason', 'r'], env).code,
    ).toBe(2);
    expect(
      users(['add', '--username', 'x', '--name', 'X', '--role', 'agent'], env).stderr,
    ).toContain('--reason is required');

    const table = users(['list'], env);
    expect(table.stdout).toMatch(/maria\s+María Ochoa\s+agent\s+en,es\s+care\s+temporary password/);
    expect(users(['disable', 'maria', '--reason', 'on leave', '--json'], env).stdout).toContain(
      '"disabled":true',
    );
    expect(users(['enable', 'maria', '--reason', 'back'], env).stdout).toContain('Enabled: maria');
    expect(
      users(['role', 'maria', '--role', 'lead', '--reason', 'promoted'], env).stdout,
    ).toContain('lead');
    expect(users(['reset', 'maria', '--reason', 'forgot'], env, 'Another-temp-pass-1\n').code).toBe(
      0,
    );
    expect(users(['disable', 'nobody', '--reason', 'x'], env)).toMatchObject({ code: 1 });
    expect(users(['disable', 'root', '--reason', 'x'], env).stderr).toContain(
      'last enabled administrator',
    );
    expect(users(['disable', '--reason', 'x'], env).code).toBe(2);
    expect(users(['frobnicate'], env).code).toBe(2);

    const list = JSON.parse(users(['list', '--json'], env).stdout) as {
      users: { username: string; role: string }[];
    };
    expect(list.users.map((u) => [u.username, u.role])).toEqual([
      ['maria', 'lead'],
      ['root', 'admin'],
    ]);
    const db = await open();
    try {
      const { rows } = await db.query<{ action: string; reason: string }>(
        "select action, details ->> 'reason' as reason from audit where details ->> 'username' = 'maria' order by id",
      );
      expect(rows).toEqual([
        { action: 'userAdded', reason: 'new hire' },
        { action: 'userDisabled', reason: 'on leave' },
        { action: 'userEnabled', reason: 'back' },
        { action: 'roleChanged', reason: 'promoted' },
        { action: 'passwordReset', reason: 'forgot' },
      ]);
    } finally {
      await db.close();
    }
  }, 300_000);
});
