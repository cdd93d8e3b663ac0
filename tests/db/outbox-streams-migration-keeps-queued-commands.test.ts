import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import { migrateCache } from '../../db/migrate';
import { cacheMigrations } from '../../db/migrations';
import { accountHeader } from '../support/headers';

describe('cache migration 4 (one stream per user, and what the likely accounts need)', () => {
  it('keeps the queued commands in the first stream with the seq the server knows, and fills the header columns', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tapline-mig4-')), 'cache.db');
    const key = 'a'.repeat(64);
    const db = new Database(file);
    db.pragma(`hexkey='${key}'`);
    migrateCache(db, cacheMigrations, 3);
    const queue = db.prepare(
      "insert into outbox (account_number, type, command, issued_at, status, issued_by) values ('PA-1000001', 'addNote', ?, '2026-11-17T15:00:00Z', ?, ?)",
    );
    const note = (text: string) =>
      JSON.stringify({ type: 'addNote', accountNumber: 'PA-1000001', text });
    queue.run(note('applied before'), 'applied', 'u-agent');
    queue.run(note('no user'), 'pending', null);
    queue.run(note('the agent’s'), 'pending', 'u-agent');
    queue.run(note('the lead’s'), 'pending', 'u-lead');
    const noticed = accountHeader('PA-1000001', { openNotices: 2, pastDueDays: 75 });
    db.prepare(
      "insert into headers (number, version, name, address, balance_cents, past_due_cents, data) values ('PA-1000001', 1, 'Ana Torres', '12 Elm Street', 6915, 4000, ?)",
    ).run(JSON.stringify(noticed));
    db.close();

    const cache = LocalCache.open({ file, key });
    expect(cache.outbox().map((i) => [i.seq, i.status, i.issuedBy, i.stream, i.streamSeq])).toEqual(
      [
        [4, 'pending', 'u-lead', '', 4],
        [3, 'pending', 'u-agent', '', 3],
        [2, 'pending', null, '', 2],
        [1, 'applied', 'u-agent', '', 1],
      ],
    );
    expect(
      cache.db.prepare('select number, open_notices, past_due_days from headers').all(),
    ).toEqual([{ number: 'PA-1000001', open_notices: 2, past_due_days: 75 }]);
    // The lead's command, queued in the shared stream, still holds what follows it there.
    expect(cache.heldFor('u-agent')).toBe(1);
    expect(cache.heldFor('u-lead')).toBe(2);

    // New commands go to their user's own stream, numbered from 1; no user: the first stream.
    const mine = cache.enqueue(
      { type: 'addNote', accountNumber: 'PA-1000001', text: 'after' },
      '2026-11-17T15:01:00Z',
      'u-agent',
    );
    expect([mine.seq, mine.stream, mine.streamSeq]).toEqual([5, 'u-agent', 1]);
    const nobody = cache.enqueue(
      { type: 'addNote', accountNumber: 'PA-1000001', text: 'after, no user' },
      '2026-11-17T15:02:00Z',
    );
    expect([nobody.seq, nobody.stream, nobody.streamSeq]).toEqual([6, '', 5]);
    cache.close();
  });
});
