import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_APPLIED } from '../../../../electron/services/cis/sync';
import { backends } from '../../../server/support';
import {
  type CisUnderTest,
  cisUnderTest,
  desktopOn,
  type Fault,
  faultyFetch,
  tagged,
} from './cis-under-test';

const isPush = (url: string) => url.endsWith('/sync/push');

/**
 * A server that fails on one command must not hold every command after it, nor show the desk
 * "Offline" while it answers; a server that fails on everything must not lose any command.
 */
describe.each(await backends())('the desktop’s sync when the server fails, on %s', (kind) => {
  let cis: CisUnderTest;
  let token: string;

  beforeAll(async () => {
    cis = await cisUnderTest(kind);
    token = (await cis.signIn('agent')).token;
  }, 120_000);
  afterAll(async () => cis?.close(), 60_000);

  const desktop = (name: string, plan: (url: string, body: string) => Fault) =>
    desktopOn(cis, join(cis.dir, `${name}.db`), {
      token,
      fetchImpl: faultyFetch(plan),
      options: { maxServerFailures: 3 },
    });

  it('sends a command the server fails on alone, withdraws it after three failures, and sends the rest', async () => {
    const tag = tagged('poison');
    const d = desktop(tag, (url, body) =>
      isPush(url) && body.includes(`${tag}2`) ? 'server-error' : 'none',
    );
    await d.engine.syncNow();
    const synced = d.statuses.length;
    const items = [1, 2, 3, 4].map((i) => d.note(`${tag}${i}`));

    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, error: 'server-error', pending: 4 });
    await d.engine.syncNow();
    await d.engine.syncNow();
    // One at a time: the first went, the one the server fails on holds the rest two rounds.
    expect(
      d.cache
        .outbox()
        .map((i) => [i.status, i.serverFailures])
        .reverse(),
    ).toEqual([
      ['applied', 0],
      ['pending', 2],
      ['pending', 0],
      ['pending', 0],
    ]);

    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, error: null, pending: 0 });
    expect(d.cache.outboxItem(items[1].seq)).toMatchObject({
      status: 'rejected',
      serverFailures: 3,
      result: { status: 'rejected', reasonKey: NOT_APPLIED, details: { count: 3, status: 503 } },
    });
    expect(await cis.notesTagged(tag)).toEqual([1, 3, 4].map((i) => `${tag}${i}`));
    // The server consumed the withdrawn seq with nothing applied, and went on with the next.
    const stored = await cis
      .server()
      .db.query<{ seq: number; status: string }>(
        "select seq, outcome->>'status' as status from sync_results where client_id = $1 order by seq",
        [d.cache.meta('client_id')],
      );
    expect(stored.rows.map((r) => [Number(r.seq), r.status])).toEqual([
      [items[0].streamSeq, 'applied'],
      [items[1].streamSeq, 'rejected'],
      [items[2].streamSeq, 'applied'],
      [items[3].streamSeq, 'applied'],
    ]);
    expect(d.statuses.slice(synced).filter((s) => s.error === 'offline' || !s.online)).toEqual([]);
    await d.close();
  });

  it('records the stored outcome when the server had applied the command it seemed to fail on', async () => {
    const tag = tagged('late');
    const d = desktop(tag, (url, body) =>
      isPush(url) && body.includes(tag) ? 'fail-after' : 'none',
    );
    await d.engine.syncNow();
    const item = d.note(`${tag}1`);
    for (let round = 0; round < 3; round++) await d.engine.syncNow();
    expect(d.cache.outboxItem(item.seq)).toMatchObject({
      status: 'applied',
      serverFailures: 3,
      result: { status: 'applied' },
    });
    expect(d.outcomes).toEqual([{ seq: item.seq, duplicate: true }]);
    expect(await cis.notesTagged(tag)).toEqual([`${tag}1`]);
    await d.close();
  });

  it('withdraws nothing while the server fails on everything, says "server error", and sends all once it recovers', async () => {
    const tag = tagged('broken');
    let broken = true;
    const d = desktop(tag, (url) => (broken && isPush(url) ? 'server-error' : 'none'));
    await d.engine.syncNow();
    for (let i = 1; i <= 3; i++) d.note(`${tag}${i}`);
    for (let round = 0; round < 6; round++) await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, error: 'server-error', pending: 3 });
    const [first] = d.cache.pendingIn('');
    // Sent alone five times, and its withdrawal failed as well: it stays.
    expect(first.serverFailures).toBe(5);
    expect(d.cache.outbox().every((i) => i.status === 'pending')).toBe(true);
    broken = false;
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, error: null, pending: 0 });
    expect(await cis.notesTagged(tag)).toEqual([1, 2, 3].map((i) => `${tag}${i}`));
    expect(d.cache.outbox().every((i) => i.status === 'applied')).toBe(true);
    await d.close();
  });

  it('goes on past a command the real server cannot apply, however the server reports it', async () => {
    const tag = tagged('trigger');
    const db = cis.server().db;
    // The notes table refuses this one text: the command fails inside the server's transaction.
    await db.exec(`
      create function refuse_note() returns trigger language plpgsql as $$
      begin
        if new.text = '${tag}2' then raise exception 'the notes table refuses this note'; end if;
        return new;
      end $$;
      create trigger refuse_note before insert on notes for each row execute function refuse_note();
    `);
    try {
      const d = desktop(tag, () => 'none');
      await d.engine.syncNow();
      const synced = d.statuses.length;
      const items = [1, 2, 3].map((i) => d.note(`${tag}${i}`));
      for (let round = 0; round < 6 && d.cache.pendingCount() > 0; round++)
        await d.engine.syncNow();
      expect(d.engine.current()).toMatchObject({ online: true, error: null, pending: 0 });
      const refused = d.cache.outboxItem(items[1].seq)!;
      expect(refused.status).toBe('rejected');
      // Withdrawn by the desktop after the server's 500s, or recorded as refused by the server.
      expect(refused.result).toMatchObject({
        status: 'rejected',
        reasonKey: expect.stringMatching(/^(account:outcome\.notApplied|cis:rejected\.)/),
      });
      expect(await cis.notesTagged(tag)).toEqual([`${tag}1`, `${tag}3`]);
      expect(d.statuses.slice(synced).filter((s) => s.error === 'offline' || !s.online)).toEqual(
        [],
      );
      await d.close();
    } finally {
      await db.exec('drop trigger refuse_note on notes; drop function refuse_note();');
    }
  });
});
