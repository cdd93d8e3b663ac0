import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import type { AccountDetail } from '../../shared/cis';
import { accountHeader } from '../support/headers';

const KEY = 'f'.repeat(64);
const file = () => join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db');

/**
 * Reads gained their source and status (posted, waiting for review, rejected); the usage chart
 * counts posted reads only. A detail cached before then must not read as having no posted read.
 */
describe('a detail cached before reads carried their status', () => {
  const header = accountHeader('PA-1000002');
  const oldRead = { id: '1', meterId: 'm1', date: '2026-10-01', value: 1200, kind: 'actual' };

  it('reads its reads as posted field reads, and is stale so it is fetched again', () => {
    const c = LocalCache.open({ file: file(), key: KEY, detailDays: 14 });
    c.putDetail({ header, premiseBills: [], reads: [oldRead] } as unknown as AccountDetail, 1_000);
    const back = c.detail(header.number);
    expect(back?.stale).toBe(true);
    expect(back?.detail.reads).toEqual([
      {
        ...oldRead,
        source: 'field',
        status: 'posted',
        findings: [],
        reason: null,
        troubleCode: null,
        method: null,
      },
    ]);
  });

  it('keeps a current detail’s reads as they were stored, an exception too', () => {
    const c = LocalCache.open({ file: file(), key: KEY, detailDays: 14 });
    const reads = [{ ...oldRead, source: 'desk', status: 'exception', findings: ['high'] }];
    const current = { header, premiseBills: [], reads } as unknown as AccountDetail;
    c.putDetail(current, 2_000);
    expect(c.detail(header.number)).toEqual({ detail: current, fetchedAt: 2_000, stale: false });
  });
});
