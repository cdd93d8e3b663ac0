import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import { migrateCache } from '../../db/migrate';
import { cacheMigrations } from '../../db/migrations';

describe('cache migration 3 (who queued each command)', () => {
  it('keeps the commands queued before it, with no issuer, and records the issuer after it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tapline-mig3-')), 'cache.db');
    const key = 'a'.repeat(64);
    const db = new Database(file);
    db.pragma(`hexkey='${key}'`);
    migrateCache(db, cacheMigrations, 1);
    db.prepare(
      `insert into outbox (account_number, type, command, issued_at, status) values ('PA-1000001', 'addNote', '{"type":"addNote","accountNumber":"PA-1000001","text":"before"}', '2026-11-17T15:00:00Z', 'pending')`,
    ).run();
    db.close();

    const cache = LocalCache.open({ file, key });
    const [old] = cache.pending();
    expect(old).toMatchObject({ seq: 1, type: 'addNote', issuedBy: null, status: 'pending' });
    const next = cache.enqueue(
      { type: 'addNote', accountNumber: 'PA-1000001', text: 'after' },
      '2026-11-17T15:01:00Z',
      'u-agent',
    );
    expect(next).toMatchObject({ seq: 2, issuedBy: 'u-agent' });
    cache.close();
  });
});
