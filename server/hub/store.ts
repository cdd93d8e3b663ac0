import { type FloorEvent, floorEvent, type QueueSettings } from '../../shared/metrics';
import type { Db } from '../db/database';

/** Where an event reached the hub first: a hub instance's id, `twilio` or `training`. */
export type Origin = string;

interface Pending {
  events: FloorEvent[];
  origin: Origin;
  done: (stored: Set<string>) => void;
  fail: (err: unknown) => void;
}

/**
 * The hub's events in the database (migration 0005). Writes are batched: whatever arrives while a
 * batch is being written goes in the next one, so a busy floor costs one insert per batch rather
 * than one per event; a batch resolves with the ids that were new (a resend stores nothing).
 */
export class HubStore {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: (message: string, details?: unknown) => void = () => {},
  ) {}

  append(events: FloorEvent[], origin: Origin): Promise<Set<string>> {
    if (events.length === 0) return Promise.resolve(new Set());
    return new Promise((done, fail) => {
      this.queue.push({ events, origin, done, fail });
      if (!this.writing) this.writing = this.drain();
    });
  }

  /** Settles when everything appended so far is written. */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.queue.length);
      const rows = batch.flatMap((p) =>
        p.events.map((e) => ({
          id: e.id,
          at: e.at,
          kind: e.kind,
          agent_id: 'agentId' in e ? e.agentId : null,
          call_id: 'callId' in e ? e.callId : null,
          body: e,
          origin: p.origin,
        })),
      );
      try {
        const { rows: inserted } = await this.db.query<{ id: string }>(
          `insert into hub_events (id, at, kind, agent_id, call_id, body, origin)
           select x.id, to_timestamp(x.at / 1000.0), x.kind, x.agent_id, x.call_id, x.body, x.origin
             from jsonb_to_recordset($1::jsonb)
               as x(id text, at bigint, kind text, agent_id text, call_id text, body jsonb, origin text)
           on conflict (id) do nothing
           returning id`,
          [JSON.stringify(rows)],
        );
        const stored = new Set(inserted.map((r) => r.id));
        for (const p of batch) p.done(stored);
      } catch (err) {
        this.log('hub events not stored', (err as Error).message);
        for (const p of batch) p.fail(err);
      }
    }
    this.writing = null;
  }

  private parse(rows: { body: unknown }[]): FloorEvent[] {
    const out: FloorEvent[] = [];
    for (const r of rows) {
      const parsed = floorEvent.safeParse(r.body);
      if (parsed.success) out.push(parsed.data);
      else this.log('a stored hub event is not valid and is skipped', parsed.error.issues[0]);
    }
    return out;
  }

  /** The events of [start, end), in the order they happened. */
  async between(start: number, end: number): Promise<FloorEvent[]> {
    const { rows } = await this.db.query<{ body: unknown }>(
      'select body from hub_events where at >= to_timestamp($1 / 1000.0) and at < to_timestamp($2 / 1000.0) order by at, seq',
      [start, end],
    );
    return this.parse(rows);
  }

  /** Each agent's last state before an instant (who was logged in when the day began). */
  async lastStatesBefore(at: number): Promise<FloorEvent[]> {
    const { rows } = await this.db.query<{ body: unknown }>(
      `select distinct on (agent_id) body from hub_events
        where kind = 'agent.state' and at < to_timestamp($1 / 1000.0) and at >= to_timestamp($1 / 1000.0) - interval '7 days'
        order by agent_id, at desc, seq desc`,
      [at],
    );
    return this.parse(rows);
  }

  /** Events other instances stored since an instant of the database's clock (catching up). */
  async storedSince(since: Date, exceptOrigin: Origin): Promise<FloorEvent[]> {
    const { rows } = await this.db.query<{ body: unknown }>(
      'select body from hub_events where stored_at >= $1 and origin <> $2 order by at, seq',
      [since, exceptOrigin],
    );
    return this.parse(rows);
  }

  /** Deletes one origin's events older than an instant (the training floor's, after a week). */
  async forget(origin: Origin, before: number): Promise<void> {
    await this.db.query(
      'delete from hub_events where origin = $1 and at < to_timestamp($2 / 1000.0)',
      [origin, before],
    );
  }

  async now(): Promise<Date> {
    const { rows } = await this.db.query<{ now: Date | string }>('select now() as now');
    return new Date(rows[0].now);
  }

  async queues(): Promise<Record<string, QueueSettings>> {
    const { rows } = await this.db.query<{
      id: string;
      language: 'en' | 'es';
      threshold_seconds: number;
      target_percent: number;
      short_abandon_seconds: number;
    }>('select * from hub_queues order by id');
    return Object.fromEntries(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          language: r.language,
          thresholdSeconds: r.threshold_seconds,
          targetPercent: r.target_percent,
          shortAbandonSeconds: r.short_abandon_seconds,
        },
      ]),
    );
  }

  /** Saves a queue's objective, audited with who changed it from what. */
  async saveQueue(q: QueueSettings, by: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query('select * from hub_queues where id = $1', [q.id]);
      await tx.query(
        `insert into hub_queues (id, language, threshold_seconds, target_percent, short_abandon_seconds)
       values ($1, $2, $3, $4, $5)
       on conflict (id) do update set language = excluded.language, threshold_seconds = excluded.threshold_seconds,
         target_percent = excluded.target_percent, short_abandon_seconds = excluded.short_abandon_seconds`,
        [q.id, q.language, q.thresholdSeconds, q.targetPercent, q.shortAbandonSeconds],
      );
      await tx.query(
        'insert into audit (user_id, action, account_number, details) values ($1, $2, null, $3)',
        [by, 'hub.queueSettings', JSON.stringify({ before: rows[0] ?? null, after: q })],
      );
    });
  }

  /** Users' names, for the report by agent. */
  async names(ids: string[]): Promise<Record<string, string>> {
    if (ids.length === 0) return {};
    const { rows } = await this.db.query<{ agent_id: string; name: string }>(
      `select distinct on (agent_id) agent_id, body->>'name' as name from hub_events
        where kind = 'agent.state' and agent_id = any($1::text[]) order by agent_id, at desc`,
      [ids],
    );
    return Object.fromEntries(rows.map((r) => [r.agent_id, r.name]));
  }
}
