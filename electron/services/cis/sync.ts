import { createHash } from 'node:crypto';
import type { LocalCache, OutboxItem } from '../../../db/cache';
import type { CommandOutcome, PushResponse } from '../../../shared/cis';
import { type CisClient, OfflineError, ServerError, ServerRefusal } from './client';

export interface SyncStatus {
  /** The server answers (it may still be failing: see `error`). */
  online: boolean;
  /** Commands waiting in the outbox. */
  pending: number;
  /** When the cache last heard from the server (ms since epoch), or null. */
  lastSyncAt: number | null;
  /** First sync into an empty cache: headers loaded so far. */
  initialLoad: { loaded: number; done: boolean } | null;
  /**
   * Why the last round did not finish: 'offline' (the server cannot be reached),
   * 'server-error' (it answers, but fails), 'unauthenticated', or another message.
   */
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
  /** The workstation's client id: its first stream, and the namespace of each user's stream. */
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
  /**
   * Times the server may fail on one command sent alone before the desktop withdraws it and
   * tells the agent (default 5), so that the commands after it go on.
   */
  maxServerFailures?: number;
  /**
   * The detail fetched ahead after each round for the accounts likely to call: at most
   * `perRound` fetches, among the `keep` most likely accounts. Null: none.
   */
  prefetch?: { perRound: number; keep: number } | null;
}

/** What the desktop sends in a seq it gives up on: no command, so the server applies nothing. */
export const WITHDRAWN = { type: 'withdrawn' } as const;

/** The reason shown to the agent for a command the server failed on every time it was sent. */
export const NOT_APPLIED = 'account:outcome.notApplied';

/**
 * The client id of one user's stream on a workstation: a name-based UUID (RFC 9562 version 5)
 * of the user in the workstation's namespace, the same on every start.
 */
export function streamClientId(workstation: string, user: string): string {
  const namespace = Buffer.from(workstation.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(user, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The server answered a push it could not take (it failed, or refused the request itself). */
function cannotTake(err: unknown): err is ServerError | ServerRefusal {
  if (err instanceof ServerError) return true;
  return err instanceof ServerRefusal && err.status !== 401 && err.status !== 403;
}

/**
 * Keeps the cache and the server in step. Push: each user's stream of the outbox in order, each
 * command with its (clientId, seq); a lost reply is resent and the server answers the stored
 * outcome. A command the server fails on is sent alone until it has failed `maxServerFailures`
 * times; then its seq is withdrawn (sent with no command, which the server records as refused,
 * or answers with the stored outcome if it had applied it after all) and the agent is told.
 * Pull: the change log after the cursor, applied with the new cursor in one transaction. The
 * first sync loads every header page by page, resuming where it stopped. Then the detail of the
 * accounts likely to call is fetched ahead. Offline, it retries with backoff.
 */
export class SyncEngine {
  private status: SyncStatus;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = true;
  /** Set by stop(): the round running ends its fetching ahead early. */
  private halted = false;
  private readonly now: () => number;
  /** Streams the server failed on: sent one command at a time until one is found and settled. */
  private readonly careful = new Set<string>();

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
    this.halted = false;
    this.schedule(0);
  }

  /** Stops the rounds; settles when the one running (if any) has finished with the cache. */
  stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
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

  /** One round now (or join the one running): push, then pull, then fetch ahead. */
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
      await this.prefetch();
      this.schedule(this.o.intervalMs ?? 5000);
    } catch (err) {
      this.failures++;
      // A server that answers with a failure is up: saying "offline" would send the agent
      // looking at the network.
      const offline = err instanceof OfflineError && !(err instanceof ServerError);
      const signedOut = err instanceof ServerRefusal && err.status === 401;
      this.publish({
        online: !offline,
        error: offline
          ? 'offline'
          : signedOut
            ? 'unauthenticated'
            : cannotTake(err)
              ? 'server-error'
              : (err as Error).message,
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

  /**
   * The workstation's first stream (commands with no user, and those queued before per-user
   * streams), then the signed-in user's own. Another user's stream waits for that user: a
   * lead's session must not carry an agent's command, nor an agent's a lead's decision.
   */
  private async pushAll(): Promise<void> {
    const user = this.o.issuer?.() ?? null;
    const held = this.o.cache.heldFor(user);
    if (held !== this.status.heldForOtherUser) this.publish({ heldForOtherUser: held });
    await this.pushStream('', user);
    if (user) await this.pushStream(user, user);
  }

  private clientIdOf(stream: string): string {
    return stream === '' ? this.o.clientId : streamClientId(this.o.clientId, stream);
  }

  private async pushStream(stream: string, user: string | null): Promise<void> {
    const clientId = this.clientIdOf(stream);
    for (;;) {
      let waiting = this.o.cache.pendingIn(stream, 200);
      if (stream === '') {
        // In the shared first stream, another user's command holds the rest behind it.
        const blocked = waiting.findIndex((i) => i.issuedBy !== null && i.issuedBy !== user);
        if (blocked >= 0) waiting = waiting.slice(0, blocked);
      }
      if (waiting.length === 0) {
        this.careful.delete(stream);
        return;
      }
      const batch = this.careful.has(stream) ? waiting.slice(0, 1) : waiting;
      let response: PushResponse;
      try {
        response = await this.o.client.push(
          clientId,
          batch.map((i) => ({ seq: i.streamSeq, issuedAt: i.issuedAt, command: i.command })),
        );
      } catch (err) {
        this.o.cache.recordAttempt(
          batch.map((i) => i.seq),
          (err as Error).message,
        );
        // Offline, or signed out: the whole outbox waits, nothing is counted against a command.
        if (!cannotTake(err)) throw err;
        this.careful.add(stream);
        // Which command it cannot take is found by sending them one at a time, next round.
        if (batch.length > 1) throw err;
        const failures = this.o.cache.recordServerFailure(batch[0].seq);
        if (failures < (this.o.maxServerFailures ?? 5)) throw err;
        await this.withdraw(clientId, batch[0], failures, err);
        continue;
      }
      this.settle(batch, response.results);
      if (response.gapAt !== null || response.results.length < batch.length) {
        // The server is missing an earlier seq (or stopped early): resend from its last applied.
        if (response.results.length === 0)
          throw new Error(`the server is waiting for command ${response.lastApplied + 1}`);
      }
    }
  }

  /**
   * Gives up a command the server failed on every time: its seq goes again with no command,
   * which the server records as refused so the next seq can follow. If the server had applied
   * the command after all, it answers the stored outcome instead, and that is what is recorded.
   * If the server fails on this too, it is failing as a whole: the command stays, and waits.
   */
  private async withdraw(
    clientId: string,
    item: OutboxItem,
    failures: number,
    cause: ServerError | ServerRefusal,
  ): Promise<void> {
    const response = await this.o.client.push(clientId, [
      { seq: item.streamSeq, issuedAt: item.issuedAt, command: WITHDRAWN },
    ]);
    const answer = response.results.find((r) => r.seq === item.streamSeq);
    if (!answer) throw cause;
    const outcome: CommandOutcome = answer.duplicate
      ? answer.outcome
      : {
          status: 'rejected',
          reasonKey: NOT_APPLIED,
          details: { count: failures, status: cause.status },
        };
    this.settle([item], [{ seq: item.streamSeq, outcome, duplicate: answer.duplicate }]);
  }

  /** Records the server's outcomes for a stream's commands and tells the agent. */
  private settle(batch: OutboxItem[], results: PushResponse['results']): void {
    const bySeq = new Map(batch.map((i) => [i.streamSeq, i]));
    const settled = results.flatMap((r) => {
      const item = bySeq.get(r.seq);
      return item ? [{ item, result: r }] : [];
    });
    this.o.cache.recordOutcomes(
      settled.map((s) => ({ seq: s.item.seq, outcome: s.result.outcome })),
    );
    const touched = new Set<string>();
    for (const { item, result } of settled) {
      if (item.accountNumber) touched.add(item.accountNumber);
      this.o.events.outcome(item, result.outcome, result.duplicate);
    }
    if (touched.size) this.o.events.accountsChanged([...touched]);
    this.publish({});
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

  /**
   * Fetches ahead the detail of the accounts likely to call, within the round's budget. An
   * account the server does not know is skipped; on any other failure the fetching stops until
   * next round. It never fails the round.
   */
  private async prefetch(): Promise<void> {
    const budget = this.o.prefetch === undefined ? { perRound: 10, keep: 200 } : this.o.prefetch;
    if (!budget || budget.perRound < 1) return;
    const wanted = this.o.cache.likelyAccounts(this.now(), {
      keep: budget.keep,
      limit: budget.perRound,
    });
    for (const number of wanted) {
      if (this.halted) return;
      try {
        this.o.cache.putDetail(await this.o.client.detail(number), this.now());
      } catch (err) {
        if (!(err instanceof ServerRefusal && err.status === 404)) return;
      }
    }
  }
}
