import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { CardNumberRefused, LocalCache } from '../../db/cache';
import { CacheMigrationError, migrateCache } from '../../db/migrate';
import { cacheMigrations } from '../../db/migrations';
import type { AccountDetail, AccountHeader } from '../../shared/cis';
import { accountHeader } from '../support/headers';

const KEY = 'f'.repeat(64);
const file = () => join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db');

function header(
  number: string,
  name: string,
  phone: string,
  address: string,
  version = 1,
): AccountHeader {
  return accountHeader(number, {
    name,
    phones: [phone],
    serviceAddress: address,
    language: 'es',
    version,
  });
}

const people = [
  header('PA-1000001', 'María Peña', '2155551234', '12 Elm Street, Philadelphia'),
  header('PA-1000002', 'John Smith', '2155559999', '4 Oak Avenue, Philadelphia'),
  header('PA-1000003', 'Jon Smyth', '2675550000', '9 Pine Street, Philadelphia'),
  header('PA-1000004', 'Renée Johnson', '2155551234', '77 Walnut Street, Philadelphia'),
];

describe('the local cache', () => {
  it('is unreadable without its key, on disk and through SQLite', () => {
    const f = file();
    const c = LocalCache.open({ file: f, key: KEY });
    c.upsertHeaders(people);
    c.close();
    const bytes = readFileSync(f);
    expect(bytes.includes(Buffer.from('Peña'))).toBe(false);
    expect(bytes.includes(Buffer.from('Smith'))).toBe(false);
    expect(() => LocalCache.open({ file: f, key: 'e'.repeat(64) })).toThrow(/not a database/);
    const plain = new Database(f);
    expect(() => plain.prepare('select * from headers').all()).toThrow();
    plain.close();
    expect(LocalCache.open({ file: f, key: KEY }).header('PA-1000001')?.name).toBe('María Peña');
  });

  it('finds by account number, by phone in any format, and by name with accents folded or a typo', () => {
    const c = LocalCache.open({ file: file(), key: KEY });
    c.upsertHeaders(people);
    const names = (q: string) => c.search(q).map((h) => h.header.name);
    expect(names('PA-1000002')).toEqual(['John Smith']);
    expect(names('pa1000003')).toEqual(['Jon Smyth']);
    expect(names('(215) 555-1234').sort()).toEqual(['María Peña', 'Renée Johnson']);
    expect(names('+1 267.555.0000')).toEqual(['Jon Smyth']);
    expect(names('Pena')).toEqual(['María Peña']);
    expect(names('renee')).toEqual(['Renée Johnson']);
    expect(names('Smiht')).toContain('John Smith');
    expect(names('walnut')).toEqual(['Renée Johnson']);
    expect(c.search('Smith')[0].header.name).toBe('John Smith');
    expect(names('zzzz')).toEqual([]);
    expect(c.byPhone('215-555-1234').map((h) => h.number)).toEqual(['PA-1000001', 'PA-1000004']);
  });

  it('never lets an older header overwrite a newer one', () => {
    const c = LocalCache.open({ file: file(), key: KEY });
    c.upsertHeaders([header('PA-1', 'New Name', '2150000000', 'x', 5)]);
    expect(c.upsertHeaders([header('PA-1', 'Old Name', '2150000000', 'x', 4)])).toBe(0);
    expect(c.header('PA-1')?.name).toBe('New Name');
    expect(c.search('Old Name')).toEqual([]);
  });

  it('refuses a command carrying a card number before writing anything', () => {
    const c = LocalCache.open({ file: file(), key: KEY });
    expect(() =>
      c.enqueue(
        { type: 'addNote', accountNumber: 'PA-1000001', text: 'card 4111-1111-1111-1111' },
        '2026-11-17T10:00:00Z',
      ),
    ).toThrow(CardNumberRefused);
    expect(c.outbox()).toEqual([]);
    const item = c.enqueue(
      { type: 'addNote', accountNumber: 'PA-1000001', text: 'confirmation 123456' },
      '2026-11-17T10:00:00Z',
    );
    expect([item.seq, item.status]).toEqual([1, 'pending']);
  });

  it('expires old details but keeps those with pending commands', () => {
    const c = LocalCache.open({ file: file(), key: KEY, detailDays: 14 });
    const detail = (h: AccountHeader) => ({ header: h }) as unknown as AccountDetail;
    c.putDetail(detail(people[0]), 0);
    c.putDetail(detail(people[1]), 0);
    c.enqueue(
      { type: 'addNote', accountNumber: people[1].number, text: 'hello' },
      '2026-11-17T10:00:00Z',
    );
    expect(c.expireDetails(15 * 86_400_000)).toBe(1);
    expect(c.detail(people[0].number)).toBeNull();
    expect(c.detail(people[1].number)).not.toBeNull();
  });
});

describe('cache migrations', () => {
  it('refuse a cache newer than the code, or with unknown migrations', () => {
    const db = new Database(':memory:');
    migrateCache(db);
    db.prepare("insert into schema_migrations (version, name) values (99, 'future')").run();
    expect(() => migrateCache(db)).toThrow(CacheMigrationError);
    const other = new Database(':memory:');
    migrateCache(other);
    other.prepare("update schema_migrations set name = 'other' where version = 1").run();
    expect(() => migrateCache(other)).toThrow(/unknown/);
  });

  it('migrate from N-1 to N keeping the rows', () => {
    const db = new Database(':memory:');
    const last = cacheMigrations.at(-1)!.version;
    const next = [
      ...cacheMigrations,
      {
        version: last + 1,
        name: 'pinned-notes',
        sql: 'alter table outbox add column pinned integer not null default 0;',
      },
    ];
    migrateCache(db, next, last);
    db.prepare(
      "insert into outbox (type, command, issued_at, status) values ('addNote', '{}', 'now', 'pending')",
    ).run();
    expect(migrateCache(db, next)).toEqual([last + 1]);
    expect(db.prepare('select type, pinned from outbox').all()).toEqual([
      { type: 'addNote', pinned: 0 },
    ]);
  });
});
