import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addFirstAdministrator } from '../../../server/auth/users';
import { TRAINING_PASSWORD } from '../../../server/seed/users';
import { type CisServer, FIRST_ADMIN_HINT, startCisServer } from '../../../server/start';
import { DEMO_USERS } from '../../../shared/cis/training-users';
import { backends, freshDb, type TestDb } from '../support';

const dirs: string[] = [];
const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const t of dbs) await t.drop().catch(() => {});
});

/** Where a server keeps its data: a PGlite folder that outlives a restart, or a PostgreSQL database. */
async function place(kind: 'pglite' | 'postgres') {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tapline-mode-'));
    dirs.push(dir);
    return { dataDir: dir };
  }
  const t = await freshDb('postgres');
  await t.db.close();
  dbs.push(t);
  return { dataDir: null, databaseUrl: t.url };
}

async function start(where: Awaited<ReturnType<typeof place>>, mode: 'training' | 'production') {
  const lines: string[] = [];
  const server = await startCisServer({
    mode,
    ...where,
    seed: null,
    hub: null,
    log: (m) => lines.push(m),
  });
  return { server, lines };
}

const signIn = (server: CisServer, username: string, password: string) =>
  fetch(`${server.url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe.each(await backends())('the server’s mode on %s', (kind) => {
  it('starts in production with no user, says how to add the first administrator, and refuses every sign-in', async () => {
    const where = await place(kind);
    const { server, lines } = await start(where, 'production');
    try {
      const { rows } = await server.db.query('select username from users');
      expect(rows).toEqual([]);
      expect(lines.filter((l) => l === FIRST_ADMIN_HINT)).toHaveLength(1);
      expect(FIRST_ADMIN_HINT).toContain('npm run cli -- users first-admin --username');
      for (const u of DEMO_USERS)
        expect((await signIn(server, u.username, TRAINING_PASSWORD)).status).toBe(401);
      expect((await signIn(server, 'admin', 'anything-at-all')).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('has the practice users in training; a production start on that database disables them and ends their sessions', async () => {
    const where = await place(kind);
    const training = await start(where, 'training');
    const r = await signIn(training.server, 'agent', TRAINING_PASSWORD);
    expect(r.status).toBe(200);
    const { token } = (await r.json()) as { token: string };
    expect(training.lines).not.toContain(FIRST_ADMIN_HINT);
    await training.server.close();

    const production = await start(where, 'production');
    try {
      expect(production.lines).toContain(
        'production mode: the 4 practice users a training start left are disabled',
      );
      for (const u of DEMO_USERS)
        expect((await signIn(production.server, u.username, TRAINING_PASSWORD)).status).toBe(401);
      const me = await fetch(`${production.server.url}/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.status).toBe(401);
      // A practice administrator is no administrator: the first one is still to be added.
      expect(production.lines).toContain(FIRST_ADMIN_HINT);
      await addFirstAdministrator(production.server.db, 'cli:test', {
        username: 'ops.admin',
        name: 'Olga Price',
        password: 'a long and private phrase',
      });
      expect(
        (await signIn(production.server, 'ops.admin', 'a long and private phrase')).status,
      ).toBe(200);
    } finally {
      await production.server.close();
    }
    // Back in training (the desk's own data folder), the practice users work again.
    const again = await start(where, 'training');
    try {
      expect((await signIn(again.server, 'lead', TRAINING_PASSWORD)).status).toBe(200);
      expect((await signIn(again.server, 'ops.admin', 'a long and private phrase')).status).toBe(
        200,
      );
    } finally {
      await again.server.close();
    }
  });

  it('says nothing of a first administrator once one exists', async () => {
    const where = await place(kind);
    const first = await start(where, 'production');
    await addFirstAdministrator(first.server.db, 'cli:test', {
      username: 'root.admin',
      name: 'Rita Ortiz',
      password: 'correct horse battery staple',
    });
    await first.server.close();
    const second = await start(where, 'production');
    try {
      expect(second.lines).not.toContain(FIRST_ADMIN_HINT);
    } finally {
      await second.server.close();
    }
  });
});
