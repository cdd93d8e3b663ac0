import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import { accountHeader } from '../support/headers';

const KEY = 'f'.repeat(64);
const mode = (f: string) => statSync(f).mode & 0o777;

describe('the cache’s files', () => {
  it('are created readable and writable by their owner only, journal files included', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db');
    const old = process.umask(0o022);
    try {
      const c = LocalCache.open({ file: f, key: KEY });
      c.upsertHeaders([accountHeader('PA-1000001', { name: 'María Peña' })]);
      expect(mode(f)).toBe(0o600);
      expect(mode(`${f}-wal`)).toBe(0o600);
      expect(mode(`${f}-shm`)).toBe(0o600);
      c.close();
    } finally {
      process.umask(old);
    }
  });

  it('are made so again when an earlier version left them readable by everyone', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db');
    LocalCache.open({ file: f, key: KEY }).close();
    chmodSync(f, 0o644);
    LocalCache.open({ file: f, key: KEY }).close();
    expect(mode(f)).toBe(0o600);
    const empty = join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db');
    writeFileSync(empty, '', { mode: 0o644 });
    LocalCache.open({ file: empty, key: KEY }).close();
    expect(mode(empty)).toBe(0o600);
  });
});
