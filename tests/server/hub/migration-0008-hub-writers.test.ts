import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../../server/db/migrate';
import { HubStore, type Written } from '../../../server/hub/store';
import type { FloorEvent } from '../../../shared/metrics';
import { backends, freshDb, type TestDb } from '../support';

const opened: TestDb[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.drop();
});

const queued = (id: string, at = Date.UTC(2026, 10, 17, 15)): FloorEvent => ({
  kind: 'call.queued',
  id,
  at,
  callId: id,
  queue: 'english',
  language: 'en',
});

describe.each(await backends())('migration 0008 (hub writers) on %s', (kind) => {
  it('keeps the events stored before it, and marks each instance’s writes from then on', async () => {
    const t = await freshDb(kind);
    opened.push(t);
    await migrate(
      t.db,
      knownMigrations().filter((m) => m.version < 8),
    );
    await t.db.query(
      `insert into hub_events (id, at, kind, call_id, body, origin)
       values ('old-1', now(), 'call.queued', 'old-1', $1, 'hub-x')`,
      [JSON.stringify(queued('old-1'))],
    );
    expect(await migrate(t.db)).toContain(8);
    const { rows: old } = await t.db.query('select id, stored_by from hub_events');
    expect(old).toEqual([{ id: 'old-1', stored_by: null }]);

    const store = new HubStore(t.db, 'hub-a');
    const batches: { ids: string[]; written: Written }[] = [];
    store.onWritten((events, written) => batches.push({ ids: events.map((e) => e.id), written }));
    await store.append([queued('a-1'), queued('a-2')], 'hub-a');
    // A resend stores nothing: no batch to pass on, and the mark does not move.
    await store.append([queued('a-1')], 'hub-a');
    await store.append([queued('a-3')], 'twilio');
    expect(batches.map((b) => b.ids)).toEqual([['a-1', 'a-2'], ['a-3']]);
    const [first, second] = batches.map((b) => b.written);
    expect(first.after).toBe(0);
    expect(second.after).toBe(first.upTo);
    expect(second.upTo).toBeGreaterThan(second.after);
    const { rows } = await t.db.query<{ id: string; stored_by: string; origin: string }>(
      "select id, stored_by, origin from hub_events where id like 'a-%' order by seq",
    );
    expect(rows).toEqual([
      { id: 'a-1', stored_by: 'hub-a', origin: 'hub-a' },
      { id: 'a-2', stored_by: 'hub-a', origin: 'hub-a' },
      { id: 'a-3', stored_by: 'hub-a', origin: 'twilio' },
    ]);
    const { rows: marks } = await t.db.query<{ instance: string; last_seq: number }>(
      'select instance, last_seq from hub_writers',
    );
    expect(marks).toEqual([{ instance: 'hub-a', last_seq: second.upTo }]);

    // The instance restarted under its name continues its sequence where it left it.
    const again = new HubStore(t.db, 'hub-a');
    const next: Written[] = [];
    again.onWritten((_events, written) => next.push(written));
    await again.append([queued('a-4')], 'hub-a');
    expect(next[0].after).toBe(second.upTo);

    // Another instance reads what it has not seen past its marks, and the marks that brings.
    const other = new HubStore(t.db, 'hub-b');
    const unseen = await other.unseen(new Map([['hub-a', first.upTo]]));
    expect(unseen.events.map((e) => e.id)).toEqual(['a-3', 'a-4']);
    expect(unseen.marks).toEqual(new Map([['hub-a', next[0].upTo]]));
    expect((await other.writtenBy('hub-a', 0, first.upTo)).map((e) => e.id)).toEqual([
      'a-1',
      'a-2',
    ]);
  });
});
