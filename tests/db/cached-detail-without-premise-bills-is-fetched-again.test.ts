import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import type { AccountDetail } from '../../shared/cis';
import { accountHeader } from '../support/headers';

const KEY = 'e'.repeat(64);
const file = () => join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db');

/**
 * A deposit averages the premise's bills on its other accounts too (`premiseBills`). A detail a
 * desktop cached before the server sent them lacks them: read back, it says it is stale (the
 * desk fetches it again when the server answers) and weighs no other bills meanwhile.
 */
describe('a detail cached before the premise’s other bills were served', () => {
  const header = accountHeader('PA-1000001');

  it('is stale and carries no other bills, while a current one is as it was stored', () => {
    const c = LocalCache.open({ file: file(), key: KEY, detailDays: 14 });
    const older = { header, bills: [] } as unknown as AccountDetail;
    c.putDetail(older, 1_000);
    expect(c.detail(header.number)).toEqual({
      detail: { header, bills: [], premiseBills: [] },
      fetchedAt: 1_000,
      stale: true,
    });

    const premiseBills = [{ periodFrom: '2026-01-01', periodTo: '2026-02-01', totalCents: 6_500 }];
    const current = { header, bills: [], premiseBills } as unknown as AccountDetail;
    c.putDetail(current, 2_000);
    expect(c.detail(header.number)).toEqual({ detail: current, fetchedAt: 2_000, stale: false });
  });
});
