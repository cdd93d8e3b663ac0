import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../server/db/migrate';
import type { AccountHeader } from '../../shared/cis';
import { backends, firstHeader, freshDb, seededServer, type TestServer } from './support';

describe.each(await backends())('a sync client id on %s', (kind) => {
  let s: TestServer;
  let account: AccountHeader;
  beforeAll(async () => {
    s = await seededServer(kind, 10);
    account = await firstHeader(s);
  });
  afterAll(async () => s?.close());

  const note = (seq: number, text: string) => ({
    seq,
    issuedAt: '2026-11-17T15:00:00.000Z',
    command: { type: 'addNote', accountNumber: account.number, text },
  });
  const push = (token: string, clientId: string, commands: unknown[]) =>
    s.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { authorization: `Bearer ${token}` },
      payload: { clientId, commands },
    });

  it('belongs to the user who pushed under it first: another user is refused and changes nothing', async () => {
    const clientId = randomUUID();
    // The second user gets there first with seq 1: the first user's own seq 1 must still apply.
    const first = await push(s.tokens.agent, clientId, [note(1, 'agent one')]);
    expect(first.statusCode).toBe(200);
    const taken = await push(s.tokens.lead, clientId, [note(1, 'lead takes over'), note(2, 'x')]);
    expect(taken.statusCode).toBe(403);
    expect(taken.json()).toMatchObject({ error: 'client_of_another_user' });
    // A replay by the other user reads back nothing of the first user's outcomes.
    expect(JSON.stringify(taken.json())).not.toContain('noteId');
    const next = await push(s.tokens.agent, clientId, [note(1, 'agent one'), note(2, 'agent two')]);
    expect(next.json().results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([
      true,
      false,
    ]);
    const { rows } = await s.db.query<{ text: string }>(
      "select text from notes where text in ('agent one', 'agent two', 'lead takes over', 'x') order by text",
    );
    expect(rows.map((r) => r.text)).toEqual(['agent one', 'agent two']);
  });

  it('lets each user of one workstation push under their own id', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect((await push(s.tokens.agent, a, [note(1, 'mine')])).statusCode).toBe(200);
    expect((await push(s.tokens.lead, b, [note(1, 'mine too')])).statusCode).toBe(200);
  });
});

describe.each(await backends())('migration 0010 (sync client owners) on %s', (kind) => {
  it('keeps the clients pushed before it and binds each to the next user who pushes', async () => {
    const t = await freshDb(kind);
    try {
      await migrate(
        t.db,
        knownMigrations().filter((m) => m.version < 10),
      );
      await t.db.query("insert into sync_clients (client_id, last_seq) values ('old', 7)");
      expect(await migrate(t.db)).toContain(10);
      const { rows } = await t.db.query('select client_id, last_seq, user_id from sync_clients');
      expect(rows).toEqual([{ client_id: 'old', last_seq: 7, user_id: null }]);
    } finally {
      await t.drop();
    }
  });
});
