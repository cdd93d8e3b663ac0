import { afterEach, describe, expect, it } from 'vitest';
import { appendChanges } from '../../server/commands';
import { migrate } from '../../server/db/migrate';
import { currentCursor, pullChanges } from '../../server/sync/pull';
import { pushCommands } from '../../server/sync/push';
import {
  freshDb,
  postgresAvailable,
  seededServer,
  type TestDb,
  type TestServer,
  TODAY,
} from './support';

const opened: (TestDb | TestServer)[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await ('drop' in t ? t.drop() : t.close());
});

/**
 * A desktop pulls the change log after its cursor. On PostgreSQL, transactions run side by side
 * on a pool: a change must never become visible after a later one was already pulled, or that
 * desktop would never see it.
 */
describe.runIf(await postgresAvailable())('the change log on postgres', () => {
  it('makes a later change wait for an earlier one still in its transaction', async () => {
    const t = await freshDb('postgres');
    opened.push(t);
    await migrate(t.db);
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let appended!: () => void;
    const first = new Promise<void>((r) => {
      appended = r;
    });
    // A slow command: its change is appended, its transaction not yet committed.
    const slow = t.db.transaction(async (tx) => {
      await appendChanges(tx, [{ accountNumber: 'A-1', kind: 'detail', entity: 'note' }]);
      appended();
      await held;
    });
    await first;
    let fastDone = false;
    const fast = t.db
      .transaction((tx) =>
        appendChanges(tx, [{ accountNumber: 'B-2', kind: 'detail', entity: 'note' }]),
      )
      .then(() => {
        fastDone = true;
      });
    await new Promise((r) => setTimeout(r, 300));
    const before = await pullChanges(t.db, 0, 100);
    expect(fastDone).toBe(false);
    expect(before).toMatchObject({ changes: [], cursor: 0 });
    expect(await currentCursor(t.db)).toBe(0);
    release();
    await Promise.all([slow, fast]);
    const after = await pullChanges(t.db, before.cursor, 100);
    expect(after.changes.map((c) => c.accountNumber)).toEqual(['A-1', 'B-2']);
  });

  it('delivers every change to a desktop pulling while many commands commit at once', async () => {
    const s = await seededServer('postgres', 12);
    opened.push(s);
    const { rows } = await s.db.query<{ number: string }>('select number from accounts');
    const principal = {
      userId: 'u-agent',
      name: 'Alex Rivera',
      role: 'agent' as const,
      languages: ['en' as const],
      team: 'care-a',
    };
    const start = await currentCursor(s.db);
    const seen = new Set<number>();
    let cursor = start;
    let pushing = true;
    const puller = (async () => {
      while (pushing) {
        const page = await pullChanges(s.db, cursor, 1000);
        for (const c of page.changes) seen.add(c.seq);
        cursor = page.cursor;
      }
    })();
    // Eight desktops, each pushing 15 notes one at a time, all at once.
    await Promise.all(
      Array.from({ length: 8 }, async (_, d) => {
        const clientId = `6f1c2b1e-1111-4111-8111-00000000000${d}`;
        for (let seq = 1; seq <= 15; seq++) {
          await pushCommands(
            s.db,
            principal,
            clientId,
            [
              {
                seq,
                issuedAt: '2026-11-17T15:00:00.000Z',
                command: {
                  type: 'addNote',
                  accountNumber: rows[(d * 15 + seq) % rows.length].number,
                  text: `desk ${d} note ${seq}`,
                },
              },
            ],
            { now: () => new Date('2026-11-17T15:00:00Z'), today: () => TODAY },
          );
        }
      }),
    );
    pushing = false;
    await puller;
    // What is left after the cursor; a change committed behind it would never come.
    let page = await pullChanges(s.db, cursor, 1000);
    while (page.changes.length) {
      for (const c of page.changes) seen.add(c.seq);
      page = await pullChanges(s.db, page.cursor, 1000);
    }
    const all = await s.db.query<{ seq: number }>('select seq from change_log where seq > $1', [
      start,
    ]);
    expect(all.rows.length).toBe(120);
    expect([...seen].sort((a, b) => a - b)).toEqual(
      all.rows.map((r) => Number(r.seq)).sort((a, b) => a - b),
    );
  });
});
