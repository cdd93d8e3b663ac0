import type { LocalCache, OutboxItem } from '../../../db/cache';
import type { CommandOutcome } from '../../../shared/cis';
import { type CisClient, OfflineError, ServerRefusal } from './client';

export interface SyncStatus {
  online: boolean;
  /** Commands waiting in the outbox. */
  pending: number;
  /** When the cache last heard from the server (ms since epoch), or null. */
  lastSyncAt: number | null;
  /** First sync into an empty cache: headers loaded so far. */
  initialLoad: { loaded: number; done: boolean } | null;
  error: string | null;
  /** Commands waiting for the user who queued them to sign in again (they go with nobody else). */
  heldForOtherUser: number;
}

export interface SyncEvents {
  status(status: SyncStatus): void;
  outcome(item: OutboxItem, outcome: CommandOutcome, duplicate: boolean): void;
  accountsChanged(numbers: string[]): void;
}

export interface SyncOptions {
  cache: LocalCache;
  client: CisClient;
  clientId: string;
  events: SyncEvents;
  now?: () => number;
  snapshotPage?: number;
  pullPage?: number;
  /** Backoff after a failure: 1 s, 2 s, 4 s... up to this. */
  maxBackoffMs?: number;
  intervalMs?: number;
  /** The signed-in user: only their commands (and those queued with no user) are pushed. */
  issuer?: () => string | null;
}

/**
 * Keeps the cache and the server in step. Push: the outbox in order, each command with its
 * (clientId, seq); a lost reply is resent and the server answers the stored outcome. Pull: the
 * change log after the cursor, applied with the new cursor in one transaction. The first sync
 * loads every header page by page, resuming where it stopped. Offline, it retries with backoff.
 */
export class SyncEngine {
  private status: SyncStatus;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = true;
  private readonly now: () => number;

  constructor(private readonly o: SyncOptions) {
    this.now = o.now ?? Date.now;
    const last = o.cache.meta('last_sync_at');
    this.status = {
      online: false,
      pending: o.cache.pendingCount(),
      lastSyncAt: last ? Number(last) : null,
      initialLoad: null,
      error: null,
      heldForOtherUser: 0,
    };
  }

  current(): SyncStatus {
    return { ...this.status, pending: this.o.cache.pendingCount() };
  }

  private publish(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch, pending: this.o.cache.pendingCount() };
    this.o.events.status(this.current());
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the rounds; settles when the one running (if any) has finished with the cache. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.running ?? Promise.resolve();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.syncNow();
    }, delay);
  }

  /** One round now (or join the one running): push, then pull. */
  syncNow(): Promise<void> {
    if (!this.running) {
      this.running = this.round().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      if (this.o.cache.cursor() === null) await this.initialLoad();
      await this.pushAll();
      await this.pullAll();
      this.failures = 0;
      const at = this.now();
      this.o.cache.setMeta('last_sync_at', String(at));
      this.publish({ online: true, lastSyncAt: at, error: null });
      this.schedule(this.o.intervalMs ?? 5000);
    } catch (err) {
      this.failures++;
      const offline = err instanceof OfflineError;
      const signedOut = err instanceof ServerRefusal && err.status === 401;
      this.publish({
        online: !offline,
        error: offline ? 'offline' : signedOut ? 'unauthenticated' : (err as Error).message,
      });
      // Nothing is dropped: the outbox keeps its commands and the next round starts over.
      if (!signedOut)
        this.schedule(
          Math.min(this.o.maxBackoffMs ?? 30_000, 1000 * 2 ** Math.min(this.failures - 1, 5)),
        );
    }
  }

  private async initialLoad(): Promise<void> {
    let after = this.o.cache.meta('snapshot_after') ?? '';
    const startCursor = this.o.cache.meta('snapshot_cursor');
    let cursor: number | null = startCursor === null ? null : Number(startCursor);
    let loaded = this.o.cache.headerCount();
    this.publish({ initialLoad: { loaded, done: false } });
    for (;;) {
      const page = await this.o.client.snapshot(after, this.o.snapshotPage ?? 5000, cursor);
      if (cursor === null) {
        cursor = page.cursor;
        this.o.cache.setMeta('snapshot_cursor', String(cursor));
      }
      this.o.cache.db.transaction(() => {
        this.o.cache.upsertHeaders(page.headers);
        if (page.next) this.o.cache.setMeta('snapshot_after', page.next);
      })();
      loaded += page.headers.length;
      this.publish({ online: true, initialLoad: { loaded, done: page.next === null } });
      if (!page.next) break;
      after = page.next;
    }
    // From here on, the change log after the snapshot's starting point.
    this.o.cache.applyChanges([], cursor ?? 0);
  }

  private async pushAll(): Promise<void> {
    for (;;) {
      const waiting = this.o.cache.pending(200);
      // In order, and only under the session of the user who queued them: the first command
      // of someone else holds the rest until that user signs in again.
      const user = this.o.issuer?.() ?? null;
      const blocked = waiting.findIndex((i) => i.issuedBy !== null && i.issuedBy !== user);
      const batch = blocked < 0 ? waiting : waiting.slice(0, blocked);
      const held = blocked < 0 ? 0 : this.o.cache.pendingCount() - batch.length;
      if (held !== this.status.heldForOtherUser) this.publish({ heldForOtherUser: held });
      if (batch.length === 0) return;
      let response: Awaited<ReturnType<CisClient['push']>>;
      try {
        response = await this.o.client.push(
          this.o.clientId,
          batch.map((i) => ({ seq: i.seq, issuedAt: i.issuedAt, command: i.command })),
        );
      } catch (err) {
        this.o.cache.recordAttempt(
          batch.map((i) => i.seq),
          (err as Error).message,
        );
        throw err;
      }
      this.o.cache.recordOutcomes(response.results);
      const touched = new Set<string>();
      for (const r of response.results) {
        const item = batch.find((i) => i.seq === r.seq);
        if (!item) continue;
        if (item.accountNumber) touched.add(item.accountNumber);
        this.o.events.outcome(item, r.outcome, r.duplicate);
      }
      if (touched.size) this.o.events.accountsChanged([...touched]);
      this.publish({});
      if (response.gapAt !== null || response.results.length < batch.length) {
        // The server is missing an earlier seq (or stopped early): resend from its last applied.
        if (response.results.length === 0)
          throw new OfflineError(`the server is waiting for command ${response.lastApplied + 1}`);
      }
    }
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      const cursor = this.o.cache.cursor() ?? 0;
      const page = await this.o.client.pull(cursor, this.o.pullPage ?? 1000);
      const { staleDetails } = this.o.cache.applyChanges(page.changes, page.cursor);
      const changed = [...new Set([...page.changes.map((c) => c.accountNumber), ...staleDetails])];
      if (changed.length) this.o.events.accountsChanged(changed);
      if (!page.hasMore) return;
    }
  }
}
