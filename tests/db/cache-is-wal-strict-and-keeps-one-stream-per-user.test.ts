import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import type { AccountDetail, AccountHeader, Change } from '../../shared/cis';
import { accountHeader } from '../support/headers';

const KEY = 'c'.repeat(64);
const DAY = 86_400_000;
const open = (detailDays?: number) =>
  LocalCache.open({
    file: join(mkdtempSync(join(tmpdir(), 'tapline-cache-')), 'cache.db'),
    key: KEY,
    detailDays,
  });
const note = (text: string) => ({ type: 'addNote', accountNumber: 'PA-1000001', text }) as const;
const detailOf = (h: AccountHeader) => ({ header: h }) as unknown as AccountDetail;
const change = (accountNumber: string, at: string): Change => ({
  seq: 1,
  accountNumber,
  kind: 'detail',
  header: null,
  entity: 'interaction',
  at,
});

describe('the local cache’s storage', () => {
  it('writes ahead (WAL) and every table of its own is STRICT', () => {
    const c = open();
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (
      c.db.pragma('table_list') as { schema: string; name: string; type: string; strict: number }[]
    ).filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'));
    expect(tables.map((t) => t.name).sort()).toEqual([
      'details',
      'header_phones',
      'headers',
      'meta',
      'name_words',
      'outbox',
      'recent_activity',
      'schema_migrations',
      'word_deletes',
    ]);
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    expect(() => c.db.prepare("insert into meta (key, value) values ('k', x'00')").run()).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
    c.close();
  });
});

describe('the outbox’s streams', () => {
  it('numbers each user’s commands apart, and holds only other users’ commands', () => {
    const c = open();
    const a1 = c.enqueue(note('a1'), '2026-11-17T10:00:00Z', 'u-agent');
    const b1 = c.enqueue(note('b1'), '2026-11-17T10:01:00Z', 'u-lead');
    const a2 = c.enqueue(note('a2'), '2026-11-17T10:02:00Z', 'u-agent');
    const n1 = c.enqueue(note('n1'), '2026-11-17T10:03:00Z');
    expect([a1, b1, a2, n1].map((i) => [i.seq, i.stream, i.streamSeq])).toEqual([
      [1, 'u-agent', 1],
      [2, 'u-lead', 1],
      [3, 'u-agent', 2],
      [4, '', 1],
    ]);
    expect(c.pendingIn('u-agent').map((i) => i.command)).toEqual([note('a1'), note('a2')]);
    expect(c.heldFor('u-agent')).toBe(1);
    expect(c.heldFor('u-lead')).toBe(2);
    expect(c.heldFor(null)).toBe(3);
    c.recordOutcomes([{ seq: 2, outcome: { status: 'applied', result: {} } }]);
    expect(c.heldFor('u-agent')).toBe(0);
    c.close();
  });

  it('counts the server’s failures on a command', () => {
    const c = open();
    const item = c.enqueue(note('x'), '2026-11-17T10:00:00Z', 'u-agent');
    expect(c.recordServerFailure(item.seq)).toBe(1);
    expect(c.recordServerFailure(item.seq)).toBe(2);
    expect(c.outboxItem(item.seq)?.serverFailures).toBe(2);
    c.close();
  });
});

describe('the accounts likely to call', () => {
  const quiet = accountHeader('PA-1000001');
  const notice75 = accountHeader('PA-1000002', { openNotices: 1, pastDueDays: 75 });
  const notice40 = accountHeader('PA-1000003', { openNotices: 2, pastDueDays: 40 });
  const calledA = accountHeader('PA-1000004');
  const calledB = accountHeader('PA-1000005');

  it('come as the latest activity first, then open notices nearest to shut-off, without fresh details', () => {
    const c = open(14);
    c.upsertHeaders([quiet, notice75, notice40, calledA, calledB]);
    c.applyChanges(
      [
        change(calledA.number, '2026-11-17T09:00:00Z'),
        change(calledB.number, '2026-11-17T11:00:00Z'),
      ],
      10,
    );
    const now = Date.parse('2026-11-17T12:00:00Z');
    expect(c.likelyAccounts(now, { keep: 10, limit: 10 })).toEqual([
      calledB.number,
      calledA.number,
      notice75.number,
      notice40.number,
    ]);
    // A fresh detail is not fetched again; a stale one, or one past its days, is.
    c.putDetail(detailOf(calledB), now);
    c.putDetail(detailOf(notice75), now - 15 * DAY);
    expect(c.likelyAccounts(now, { keep: 10, limit: 10 })).toEqual([
      calledA.number,
      notice75.number,
      notice40.number,
    ]);
    c.applyChanges([change(calledB.number, '2026-11-17T11:30:00Z')], 11);
    expect(c.likelyAccounts(now, { keep: 10, limit: 10 })[0]).toBe(calledB.number);
    c.close();
  });

  it('stay within the budget: the most likely few, and a few per round', () => {
    const c = open(14);
    c.upsertHeaders([quiet, notice75, notice40, calledA, calledB]);
    c.applyChanges([change(calledA.number, '2026-11-17T09:00:00Z')], 10);
    const now = Date.parse('2026-11-17T12:00:00Z');
    expect(c.likelyAccounts(now, { keep: 2, limit: 10 })).toEqual([
      calledA.number,
      notice75.number,
    ]);
    expect(c.likelyAccounts(now, { keep: 10, limit: 1 })).toEqual([calledA.number]);
    c.close();
  });

  it('forget activity older than the days a detail is kept', () => {
    const c = open(3);
    c.upsertHeaders([calledA]);
    c.applyChanges([change(calledA.number, '2026-11-10T09:00:00Z')], 10);
    const now = Date.parse('2026-11-17T12:00:00Z');
    expect(c.likelyAccounts(now, { keep: 10, limit: 10 })).toEqual([calledA.number]);
    c.expireDetails(now);
    expect(c.likelyAccounts(now, { keep: 10, limit: 10 })).toEqual([]);
    c.close();
  });

  it('follow the notices as headers change', () => {
    const c = open(14);
    c.upsertHeaders([notice75]);
    expect(c.likelyAccounts(0, { keep: 10, limit: 10 })).toEqual([notice75.number]);
    c.upsertHeaders([{ ...notice75, openNotices: 0, version: 2 }]);
    expect(c.likelyAccounts(0, { keep: 10, limit: 10 })).toEqual([]);
    c.close();
  });
});

describe('the days a detail is kept', () => {
  it('can be changed, and apply from the next expiry', () => {
    const c = open(14);
    const h = accountHeader('PA-1000001');
    c.putDetail(detailOf(h), 0);
    expect(c.expireDetails(10 * DAY)).toBe(0);
    c.setDetailDays(7);
    expect(c.detailExpiryDays).toBe(7);
    expect(c.expireDetails(10 * DAY)).toBe(1);
    expect(() => c.setDetailDays(0)).toThrow(/at least 1/);
    expect(() => open(1.5)).toThrow(/whole number/);
    c.close();
  });
});
