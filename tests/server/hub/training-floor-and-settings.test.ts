import { afterAll, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from '../../../server/db/migrate';
import { hubConfigFromEnv } from '../../../server/hub/config';
import { Hub } from '../../../server/hub/hub';
import { playTrainingFloor } from '../../../server/hub/training';
import { dayBounds } from '../../../shared/metrics';
import { freshDb, type TestDb } from '../support';

const opened: TestDb[] = [];
afterAll(async () => {
  for (const t of opened) await t.drop();
});

describe('migration 0005', () => {
  it('adds the hub’s tables to a database at 0004, keeping its rows, with the default objectives', async () => {
    const t = await freshDb('pglite');
    opened.push(t);
    await migrate(t.db, knownMigrations(), 4);
    await t.db.query(
      "insert into users (id, username, name, password_hash, role) values ('u1', 'u1', 'Ana', 'x', 'agent')",
    );
    expect(await migrate(t.db)).toContain(5);
    const { rows: users } = await t.db.query('select id from users');
    expect(users).toEqual([{ id: 'u1' }]);
    const { rows } = await t.db.query(
      'select id, threshold_seconds, target_percent, short_abandon_seconds from hub_queues order by id',
    );
    expect(rows).toEqual([
      { id: 'english', threshold_seconds: 20, target_percent: 80, short_abandon_seconds: 5 },
      { id: 'spanish', threshold_seconds: 20, target_percent: 80, short_abandon_seconds: 5 },
    ]);
    await expect(
      t.db.query(
        "insert into hub_queues values ('x', 'en', 0, 80, 5)", // a threshold of 0 s is no objective
      ),
    ).rejects.toThrow();
  });
});

describe('the training floor played into a hub', () => {
  const TZ = 'America/New_York';
  const afternoon = dayBounds('2026-03-10', TZ).start + 15 * 3600_000;

  it('fills the day up to now, and a restart stores nothing twice', async () => {
    const t = await freshDb('pglite');
    opened.push(t);
    await migrate(t.db);
    const first = await Hub.start({ db: t.db, timeZone: TZ, now: () => afternoon });
    // Eight days ago: a simulated call (deleted after a week) and a real one (kept).
    const old = afternoon - 8 * 24 * 3600_000;
    const queued = (callId: string) => ({
      kind: 'call.queued' as const,
      id: callId,
      at: old,
      callId,
      queue: 'english',
      language: 'en' as const,
    });
    await first.store.append([queued('old-training')], 'training');
    await first.store.append([queued('old-real')], 'hub-a');
    const player = playTrainingFloor(first, { agents: 12, now: () => afternoon });
    await player.ready;
    player.stop();
    await first.close();
    const count = async () =>
      (await t.db.query<{ n: number }>('select count(*)::int as n from hub_events')).rows[0].n;
    const { rows: old8 } = await t.db.query<{ id: string }>(
      'select id from hub_events where at < to_timestamp($1 / 1000.0)',
      [afternoon - 7 * 24 * 3600_000],
    );
    expect(old8).toEqual([{ id: 'old-real' }]);
    const stored = await count();
    expect(stored).toBeGreaterThan(1000);
    const floor = first.floor();
    expect(Object.keys(floor.agents)).toHaveLength(12);
    expect(floor.queues.english.offered).toBeGreaterThan(100);

    const again = await Hub.start({ db: t.db, timeZone: TZ, now: () => afternoon });
    const replay = playTrainingFloor(again, { agents: 12, now: () => afternoon });
    await replay.ready;
    replay.stop();
    await again.close();
    expect(await count()).toBe(stored);
    expect(again.floor().queues).toEqual(floor.queues);
    expect(again.floor().agents).toEqual(floor.agents);
  });
});

describe('the hub’s settings from the environment', () => {
  it('defaults to one hub in the process, in the machine’s time zone', () => {
    expect(hubConfigFromEnv({})).toEqual({
      natsUrl: undefined,
      natsSubject: undefined,
      instance: undefined,
      timeZone: undefined,
      trainingFloor: null,
    });
    expect(hubConfigFromEnv({}, 36).trainingFloor).toEqual({ agents: 36 });
    expect(
      hubConfigFromEnv(
        { TAPLINE_NATS_URL: 'nats://10.0.0.5:4222', TAPLINE_TRAINING_FLOOR: '0' },
        36,
      ),
    ).toMatchObject({ natsUrl: 'nats://10.0.0.5:4222', trainingFloor: null });
  });

  it('refuses an unknown time zone and a bad number of training agents, saying what it wants', () => {
    expect(() => hubConfigFromEnv({ TAPLINE_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /not a time zone name/,
    );
    expect(() => hubConfigFromEnv({ TAPLINE_TRAINING_FLOOR: 'many' })).toThrow(/whole number/);
    expect(() => hubConfigFromEnv({ TAPLINE_TRAINING_FLOOR: '-1' })).toThrow(/whole number/);
  });
});
