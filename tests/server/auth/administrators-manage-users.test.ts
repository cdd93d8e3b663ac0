import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, type HubServer, hubServer, tokenFor } from '../hub/support';
import { backends, freshDb, type TestDb } from '../support';

const TEMP = 'Temporary-Pass-2026';
const OWN = 'my own long passphrase';

describe.each(await backends())('administrators manage users on %s', (kind) => {
  let t: TestDb;
  let s: HubServer;
  let admin: string;

  beforeAll(async () => {
    t = await freshDb(kind);
    s = await hubServer(t.db);
    admin = await tokenFor(s.url, 'admin');
  });
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  });

  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const r = await fetch(`${s.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const signIn = (username: string, password: string) =>
    call('POST', '/auth/sign-in', null, { username, password });
  const audit = async (action: string) =>
    (
      await t.db.query<{ user_id: string; details: Record<string, unknown> }>(
        'select user_id, details from audit where action = $1 order by id',
        [action],
      )
    ).rows;
  const add = (username: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/admin/users', admin, {
      username,
      name: 'Dana Brooks',
      role: 'lead',
      languages: ['en', 'es'],
      team: 'care-b',
      temporaryPassword: TEMP,
      reason: 'new hire, ticket HR-114',
      ...extra,
    });

  it('lets only an administrator list or add users', async () => {
    for (const who of ['agent', 'lead']) {
      const token = await tokenFor(s.url, who);
      expect((await call('GET', '/admin/users', token)).status).toBe(403);
      const body = {
        username: 'sneaky',
        name: 'S',
        role: 'admin',
        temporaryPassword: TEMP,
        reason: 'x',
      };
      expect((await call('POST', '/admin/users', token, body)).status).toBe(403);
      expect(
        (await call('POST', '/admin/users/sneaky/disable', token, { reason: 'x' })).status,
      ).toBe(403);
    }
    expect((await call('GET', '/admin/users', null)).status).toBe(401);
    const list = await call('GET', '/admin/users', admin);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    expect(JSON.stringify(list.body)).not.toContain('sneaky');
  });

  it('adds a user with a temporary password that must be changed at the first sign-in, audited with who and why', async () => {
    const added = await add('dana');
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      username: 'dana',
      role: 'lead',
      languages: ['en', 'es'],
      team: 'care-b',
      disabled: false,
      mustChangePassword: true,
    });
    expect((await add('Dana')).body).toMatchObject({ error: 'username_taken' });
    expect((await audit('userAdded')).find((a) => a.details.username === 'dana')).toMatchObject({
      user_id: 'u-admin',
      details: { reason: 'new hire, ticket HR-114', role: 'lead' },
    });

    // The temporary password opens no session: it only lets the user choose their own.
    expect(await signIn('dana', TEMP)).toMatchObject({
      status: 403,
      body: { error: 'password_change_required' },
    });
    const change = (password: string, newPassword: string) =>
      call('POST', '/auth/password', null, { username: 'dana', password, newPassword });
    expect(await change('wrong-temporary-pw', OWN)).toMatchObject({ status: 401 });
    expect(await change(TEMP, 'short')).toMatchObject({ status: 422, body: { field: 'tooShort' } });
    expect(await change(TEMP, 'xx-tapline-training-xx')).toMatchObject({
      status: 422,
      body: { field: 'trainingPassword' },
    });
    expect(await change(TEMP, 'dana-is-my-password')).toMatchObject({
      status: 422,
      body: { field: 'sameAsUsername' },
    });
    expect(await change(TEMP, TEMP)).toMatchObject({ status: 409 });
    const changed = await change(TEMP, OWN);
    expect(changed.status).toBe(200);
    expect(changed.body.principal).toMatchObject({ name: 'Dana Brooks', role: 'lead' });
    expect((await call('GET', '/me', changed.body.token as string)).status).toBe(200);
    expect((await signIn('dana', TEMP)).status).toBe(401);
    expect((await signIn('dana', OWN)).status).toBe(200);
    expect((await audit('passwordChanged')).map((a) => a.details.username)).toContain('dana');
  });

  it('refuses a weak temporary password and a card number for a name, naming the rule', async () => {
    expect(await add('erin', { temporaryPassword: 'tapline-training' })).toMatchObject({
      status: 422,
      body: { field: 'trainingPassword' },
    });
    expect(await add('erin', { temporaryPassword: 'erin1234567890' })).toMatchObject({
      status: 422,
      body: { field: 'sameAsUsername' },
    });
    expect(await add('erin', { temporaryPassword: '12345678901' })).toMatchObject({
      status: 422,
      body: { field: 'tooShort' },
    });
    expect(await add('erin', { name: 'Erin 4111 1111 1111 1111' })).toMatchObject({
      status: 400,
      body: { field: 'name' },
    });
    expect(await add('erin', { role: 'manager' })).toMatchObject({
      status: 400,
      body: { field: 'role' },
    });
    expect(await add('erin', { reason: '' })).toMatchObject({
      status: 400,
      body: { field: 'reason' },
    });
  });

  it('gives each user their own salt, one temporary password or not', async () => {
    await add('fay');
    await add('gus');
    const { rows } = await t.db.query<{ password_hash: string }>(
      "select password_hash from users where username in ('fay', 'gus')",
    );
    const salts = rows.map((r) => r.password_hash.split('$')[4]);
    expect(new Set(salts).size).toBe(2);
  });

  it('disables a user: their sessions end and their hub socket closes at once; enabled, they sign in again', async () => {
    const token = (await signIn('dana', OWN)).body.token as string;
    const socket = await HubClient.connect(s.url, token);
    socket.send({ type: 'subscribe' });
    await socket.next('snapshot');
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (c) => resolve(c)));
    const off = await call('POST', '/admin/users/dana/disable', admin, {
      reason: 'left the company',
    });
    expect(off).toMatchObject({ status: 200, body: { disabled: true } });
    expect(await closed).toBe(4401);
    expect((await call('GET', '/me', token)).status).toBe(401);
    expect((await signIn('dana', OWN)).status).toBe(401);
    expect((await audit('userDisabled')).at(-1)).toMatchObject({
      user_id: 'u-admin',
      details: { username: 'dana', reason: 'left the company' },
    });
    expect(
      (await call('POST', '/admin/users/dana/enable', admin, { reason: 'rehired' })).status,
    ).toBe(200);
    expect((await signIn('dana', OWN)).status).toBe(200);
  });

  it('resets a password to a temporary one (sessions end) and changes a role (sessions end too)', async () => {
    const token = (await signIn('dana', OWN)).body.token as string;
    const reset = await call('POST', '/admin/users/dana/password', admin, {
      temporaryPassword: 'Another-Temp-0001',
      reason: 'forgot it, called the help desk',
    });
    expect(reset).toMatchObject({ status: 200, body: { mustChangePassword: true } });
    expect((await call('GET', '/me', token)).status).toBe(401);
    expect((await signIn('dana', OWN)).status).toBe(401);
    expect((await signIn('dana', 'Another-Temp-0001')).status).toBe(403);
    const mine = await call('POST', '/auth/password', null, {
      username: 'dana',
      password: 'Another-Temp-0001',
      newPassword: 'a second private phrase',
    });
    expect(mine.status).toBe(200);
    expect((await call('GET', '/adjustments/pending', mine.body.token as string)).status).toBe(200);
    const role = await call('POST', '/admin/users/dana/role', admin, {
      role: 'agent',
      reason: 'back to the phones',
    });
    expect(role).toMatchObject({ status: 200, body: { role: 'agent' } });
    expect((await call('GET', '/me', mine.body.token as string)).status).toBe(401);
    const again = (await signIn('dana', 'a second private phrase')).body.token as string;
    expect((await call('GET', '/adjustments/pending', again)).status).toBe(403);
    expect((await audit('roleChanged')).at(-1)?.details).toMatchObject({
      from: 'lead',
      to: 'agent',
      reason: 'back to the phones',
    });
    expect((await call('POST', '/admin/users/nobody/disable', admin, { reason: 'x' })).status).toBe(
      404,
    );
  });

  it('never leaves the server without an enabled administrator', async () => {
    expect(
      await call('POST', '/admin/users/admin/disable', admin, { reason: 'oops' }),
    ).toMatchObject({
      status: 409,
      body: { error: 'own_account' },
    });
    expect(
      await call('POST', '/admin/users/admin/role', admin, { role: 'lead', reason: 'oops' }),
    ).toMatchObject({ status: 409, body: { error: 'last_admin' } });
    expect((await call('GET', '/me', admin)).status).toBe(200);
  });
});
