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

/** Where one batch of an instance's writes sits in the instance's sequence (migration 0008). */
export interface Written {
  /** The instance's last seq before the batch (0: it had written nothing). */
  after: number;
  /** The batch's last seq. */
  upTo: number;
}

/** Each other instance's seq up to which its events are on this instance's floor. */
export type Marks = Map<string, number>;

/**
 * The hub's events in the database (migrations 0005 and 0008). Writes are batched: whatever
 * arrives while a batch is being written goes in the next one, so a busy floor costs one insert
 * per batch rather than one per event; a batch resolves with the ids that were new (a resend
 * stores nothing). One batch is written after another, so the rows this instance (`writer`)
 * wrote appear to every reader in the order of their seq: what other instances catch up by.
 */
export class HubStore {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private lastSeq: number | null = null;
  private written: (events: FloorEvent[], written: Written) => void = () => {};

  constructor(
    private readonly db: Db,
    readonly writer: string,
    private readonly log: (message: string, details?: unknown) => void = () => {},
  ) {}

  /**
   * Called once per batch that stored something, before its appends resolve, with the new
   * events (each once) in the order they were given.
   */
  onWritten(listener: (events: FloorEvent[], written: Written) => void): void {
    this.written = listener;
  }

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
        this.lastSeq ??= await this.writerSeq();
        // The instance's mark moves in the statement that writes the rows: never one without the other.
        const { rows: inserted } = await this.db.query<{ id: string; seq: number }>(
          `with added as (
             insert into hub_events (id, at, kind, agent_id, call_id, body, origin, stored_by)
             select x.id, to_timestamp(x.at / 1000.0), x.kind, x.agent_id, x.call_id, x.body, x.origin, $2
               from jsonb_to_recordset($1::jsonb)
                 as x(id text, at bigint, kind text, agent_id text, call_id text, body jsonb, origin text)
             on conflict (id) do nothing
             returning id, seq
           ), mark as (
             insert into hub_writers (instance, last_seq)
             select $2, max(seq) from added having count(*) > 0
             on conflict (instance) do update
               set last_seq = greatest(hub_writers.last_seq, excluded.last_seq), written_at = now()
           )
           select id, seq from added`,
          [JSON.stringify(rows), this.writer],
        );
        const stored = new Set(inserted.map((r) => r.id));
        // An event given twice in one batch is new once, for the first who gave it.
        const claimed = batch.map((p) => {
          const mine = new Set<string>();
          for (const e of p.events) if (stored.delete(e.id)) mine.add(e.id);
          return mine;
        });
        if (inserted.length) {
          const written = {
            after: this.lastSeq,
            upTo: Math.max(...inserted.map((r) => Number(r.seq))),
          };
          this.lastSeq = written.upTo;
          const fresh = batch.flatMap((p, i) => p.events.filter((e) => claimed[i].has(e.id)));
          try {
            this.written(fresh, written);
          } catch (err) {
            this.log('a batch written was not passed on', (err as Error).message);
          }
        }
        for (const [i, p] of batch.entries()) p.done(claimed[i]);
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
  async between(start: number, end: number, db: Db = this.db): Promise<FloorEvent[]> {
    const { rows } = await db.query<{ body: unknown }>(
      'select body from hub_events where at >= to_timestamp($1 / 1000.0) and at < to_timestamp($2 / 1000.0) order by at, seq',
      [start, end],
    );
    return this.parse(rows);
  }

  /** Each agent's last state before an instant (who was logged in when the day began). */
  async lastStatesBefore(at: number, db: Db = this.db): Promise<FloorEvent[]> {
    const { rows } = await db.query<{ body: unknown }>(
      `select distinct on (agent_id) body from hub_events
        where kind = 'agent.state' and at < to_timestamp($1 / 1000.0) and at >= to_timestamp($1 / 1000.0) - interval '7 days'
        order by agent_id, at desc, seq desc`,
      [at],
    );
    return this.parse(rows);
  }

  /** This instance's last seq written by this process so far (0: nothing yet). */
  lastWritten(): number {
    return this.lastSeq ?? 0;
  }

  /** This instance's last seq written, as the database has it (a restart continues from it). */
  private async writerSeq(): Promise<number> {
    const { rows } = await this.db.query<{ last_seq: number }>(
      'select last_seq from hub_writers where instance = $1',
      [this.writer],
    );
    return Number(rows[0]?.last_seq ?? 0);
  }

  /**
   * A day's floor as one moment of the database saw it: each agent's last state before the day,
   * the day's events, and every instance's mark at that moment (what the floor holds).
   */
  async snapshot(start: number, end: number): Promise<{ events: FloorEvent[]; marks: Marks }> {
    return this.db.transaction(async (tx) => {
      // One snapshot for the three reads: a row written between them is in all or in none.
      await tx.query('set transaction isolation level repeatable read');
      const before = await this.lastStatesBefore(start, tx);
      const today = await this.between(start, end, tx);
      const { rows } = await tx.query<{ instance: string; last_seq: number }>(
        'select instance, last_seq from hub_writers',
      );
      return {
        events: [...before, ...today],
        marks: new Map(rows.map((r) => [r.instance, Number(r.last_seq)])),
      };
    });
  }

  /** Another instance's events after one seq of its, up to another (a batch never heard of). */
  async writtenBy(writer: string, after: number, upTo: number): Promise<FloorEvent[]> {
    const { rows } = await this.db.query<{ body: unknown }>(
      'select body from hub_events where stored_by = $1 and seq > $2 and seq <= $3 order by seq',
      [writer, after, upTo],
    );
    return this.parse(rows);
  }

  /**
   * What other instances wrote past the marks this instance holds (catching up after an
   * outage), in the order it happened, and the marks that brings them to. A writer without a mark
   * started since this instance's snapshot: all of its rows are new here.
   */
  async unseen(marks: Marks): Promise<{ events: FloorEvent[]; marks: Marks }> {
    const { rows } = await this.db.query<{ body: unknown; seq: number; stored_by: string }>(
      `select e.body, e.seq, e.stored_by
         from hub_writers w
         join hub_events e on e.stored_by = w.instance
          and e.seq > coalesce(($2::jsonb ->> w.instance)::bigint, 0)
        where w.instance <> $1 and w.last_seq > coalesce(($2::jsonb ->> w.instance)::bigint, 0)
        order by e.at, e.seq`,
      [this.writer, JSON.stringify(Object.fromEntries(marks))],
    );
    const next: Marks = new Map();
    for (const r of rows)
      next.set(r.stored_by, Math.max(next.get(r.stored_by) ?? 0, Number(r.seq)));
    return { events: this.parse(rows), marks: next };
  }

  /** Deletes one origin's events older than an instant (the training floor's, after a week). */
  async forget(origin: Origin, before: number): Promise<void> {
    await this.db.query(
      'delete from hub_events where origin = $1 and at < to_timestamp($2 / 1000.0)',
      [origin, before],
    );
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
