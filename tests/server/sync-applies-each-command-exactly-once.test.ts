import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountHeader, PushResponse, SnapshotResponse } from '../../shared/cis';
import { backends, firstHeader, seededServer, type TestServer } from './support';

describe.each(await backends())('sync push and pull on %s', (kind) => {
  let s: TestServer;
  let account: AccountHeader;
  beforeAll(async () => {
    s = await seededServer(kind, 20);
    account = await firstHeader(s);
  });
  afterAll(async () => s?.close());

  const note = (seq: number, text = `note ${seq}`) => ({
    seq,
    issuedAt: '2026-11-17T15:00:00.000Z',
    command: { type: 'addNote', accountNumber: account.number, text },
  });
  const push = async (clientId: string, commands: unknown[]) =>
    (
      await s.app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { authorization: `Bearer ${s.tokens.agent}` },
        payload: { clientId, commands },
      })
    ).json() as PushResponse;
  const notesOf = async (prefix: string) =>
    (
      await s.db.query<{ text: string }>(
        'select text from notes where account_number = $1 and text like $2 order by created_at, text',
        [account.number, `${prefix}%`],
      )
    ).rows.map((r) => r.text);

  it('applies in order and answers a duplicate with the stored outcome, applying nothing twice', async () => {
    const client = randomUUID();
    const first = await push(client, [note(1, 'dup-a'), note(2, 'dup-b')]);
    expect(first.results.map((r) => [r.seq, r.outcome.status, r.duplicate])).toEqual([
      [1, 'applied', false],
      [2, 'applied', false],
    ]);
    const replay = await push(client, [note(1, 'dup-a'), note(2, 'dup-b')]);
    expect(replay.results.map((r) => r.duplicate)).toEqual([true, true]);
    expect(replay.results[0].outcome).toEqual(first.results[0].outcome);
    expect(await notesOf('dup-')).toEqual(['dup-a', 'dup-b']);
  });

  it('stops at a gap: a later seq before an earlier one is not applied until the gap is filled', async () => {
    const client = randomUUID();
    const gap = await push(client, [note(2, 'gap-b')]);
    expect([gap.results, gap.gapAt, gap.lastApplied]).toEqual([[], 2, 0]);
    expect(await notesOf('gap-')).toEqual([]);
    const filled = await push(client, [note(2, 'gap-b'), note(1, 'gap-a')]);
    expect(filled.results.map((r) => r.seq)).toEqual([1, 2]);
    expect(await notesOf('gap-')).toEqual(['gap-a', 'gap-b']);
  });

  it('consumes a rejected command (it will not be retried) and keeps going', async () => {
    const client = randomUUID();
    const r = await push(client, [
      note(1, 'rej-a'),
      {
        seq: 2,
        issuedAt: '2026-11-17T15:00:00.000Z',
        command: { type: 'addNote', accountNumber: 'SM-9999999', text: 'x' },
      },
      note(3, 'rej-c'),
    ]);
    expect(r.results.map((x) => x.outcome.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(r.results[1].outcome).toMatchObject({ reasonKey: 'cis:rejected.noSuchAccount' });
    expect(r.lastApplied).toBe(3);
  });

  it('applies each command exactly once under any mix of duplicates, reorders and replays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (batches) => {
          const client = randomUUID();
          const tag = `p${client.slice(0, 8)}-`;
          for (const batch of batches)
            await push(
              client,
              batch.map((seq) => note(seq, `${tag}${seq}`)),
            );
          // Finally the client sends everything still unacknowledged, in order.
          await push(
            client,
            [1, 2, 3, 4, 5, 6].map((seq) => note(seq, `${tag}${seq}`)),
          );
          const texts = await notesOf(tag);
          expect(texts.sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${tag}${n}`).sort());
        },
      ),
      { numRuns: kind === 'pglite' ? 15 : 25 },
    );
  });

  it('pulls header changes after a cursor, with the account’s new header', async () => {
    const headers = { authorization: `Bearer ${s.tokens.agent}` };
    const start = (
      await s.app.inject({ method: 'GET', url: '/sync/snapshot?limit=1', headers })
    ).json() as SnapshotResponse;
    await s.app.inject({
      method: 'POST',
      url: '/commands',
      headers,
      payload: {
        command: {
          type: 'updateContactInfo',
          accountNumber: account.number,
          preferredLanguage: 'es',
        },
      },
    });
    const pulled = (
      await s.app.inject({ method: 'GET', url: `/sync/pull?cursor=${start.cursor}`, headers })
    ).json();
    const change = pulled.changes.find((c: { kind: string }) => c.kind === 'header');
    expect(change.header).toMatchObject({ number: account.number, language: 'es' });
    expect(change.header.version).toBeGreaterThan(account.version);
    expect(pulled.cursor).toBeGreaterThan(start.cursor);
    const empty = (
      await s.app.inject({ method: 'GET', url: `/sync/pull?cursor=${pulled.cursor}`, headers })
    ).json();
    expect(empty).toEqual({ changes: [], cursor: pulled.cursor, hasMore: false });
  });
});
