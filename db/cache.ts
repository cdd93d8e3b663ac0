import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  type AccountDetail,
  type AccountHeader,
  type Change,
  type Command,
  type CommandOutcome,
  cardNumberIn,
  meterRead,
  phoneDigits,
} from '../shared/cis';
import { migrateCache } from './migrate';
import { allowedEdits, deleteVariants, editDistance, fold, fuzzyScore, trigrams } from './search';

export interface CacheOptions {
  /** The database file; ':memory:' for tests. */
  file: string;
  /** 64 hex characters: the cache's encryption key (from safeStorage, or the environment). */
  key: string;
  /** Days a fetched account detail is kept (default 14). */
  detailDays?: number;
}

export const DEFAULT_DETAIL_DAYS = 14;

export type MatchKind = 'number' | 'phone' | 'name' | 'address';
export interface SearchHit {
  header: AccountHeader;
  match: MatchKind;
  score: number;
}

export interface OutboxItem {
  seq: number;
  accountNumber: string | null;
  type: Command['type'];
  command: Command;
  issuedAt: string;
  status: 'pending' | 'applied' | 'rejected';
  result: CommandOutcome | null;
  attempts: number;
  lastError: string | null;
  /** The user who queued it (null: queued before the cache recorded it). */
  issuedBy: string | null;
  /**
   * The (clientId, seq) stream it travels in: the user who queued it, or '' for the
   * workstation's first stream (commands with no user, and every one queued before per-user
   * streams). `streamSeq` is its seq at the server, consecutive within the stream.
   */
  stream: string;
  streamSeq: number;
  /** Times the server failed on it when it was sent alone. */
  serverFailures: number;
}

export class CardNumberRefused extends Error {
  constructor() {
    super('a card number is never stored');
    this.name = 'CardNumberRefused';
  }
}

const DAY_MS = 86_400_000;

/**
 * The desktop's local cache of the CIS (better-sqlite3, SQLite3MultipleCiphers): encrypted at
 * rest, WAL, STRICT tables. Every account's header for search and screen-pop; the detail of
 * accounts opened lately or likely to call; the sync cursor; the outbox of commands, one
 * (clientId, seq) stream per user.
 */
/** A read as the schema reads it, with the defaults of the fields it gained since. */
const toRead = (r: unknown) => meterRead.parse(r);

export class LocalCache {
  readonly db: Database.Database;
  private detailDays: number;

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once, reused: preparing is the costly part of a small query. */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private constructor(db: Database.Database, detailDays: number) {
    this.db = db;
    this.detailDays = detailDays;
  }

  static open(options: CacheOptions): LocalCache {
    if (!/^[0-9a-f]{64}$/i.test(options.key))
      throw new Error('the cache key must be 64 hex characters');
    const detailDays = LocalCache.checkedDays(options.detailDays ?? DEFAULT_DETAIL_DAYS);
    const onDisk = options.file !== ':memory:' && options.file !== '';
    // Only its owner reads the cache: created so, and kept so (its journal files too).
    if (onDisk) closeSync(openSync(options.file, 'a', 0o600));
    const db = new Database(options.file);
    try {
      db.pragma(`hexkey='${options.key}'`);
      // Reading the schema fails here, before anything else, when the key is wrong.
      db.prepare('select count(*) from sqlite_master').get();
      db.pragma('journal_mode = WAL');
      if (onDisk) {
        for (const f of [options.file, `${options.file}-wal`, `${options.file}-shm`]) {
          if (existsSync(f)) chmodSync(f, 0o600);
        }
      }
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrateCache(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new LocalCache(db, detailDays);
  }

  private static checkedDays(days: number): number {
    if (!Number.isInteger(days) || days < 1)
      throw new Error(
        `the days a detail is kept must be a whole number of at least 1, not ${days}`,
      );
    return days;
  }

  /** Days a fetched detail is kept: from the next expiry on. */
  get detailExpiryDays(): number {
    return this.detailDays;
  }

  setDetailDays(days: number): void {
    this.detailDays = LocalCache.checkedDays(days);
  }

  close(): void {
    this.db.close();
  }

  meta(key: string): string | null {
    const row = this.stmt('select value from meta where key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmt(
      'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
    ).run(key, value);
  }

  /** The client's id for the server's exactly-once bookkeeping, made once per cache. */
  clientId(make: () => string): string {
    const existing = this.meta('client_id');
    if (existing) return existing;
    const id = make();
    this.setMeta('client_id', id);
    return id;
  }

  private readonly upsertHeader = (h: AccountHeader): boolean => {
    const existing = this.stmt(
      'select id, version, name, address from headers where number = ?',
    ).get(h.number) as { id: number; version: number; name: string; address: string } | undefined;
    if (existing && existing.version > h.version) return false;
    // The street line only: the town is on every account of a utility and would make every row match.
    const address = h.serviceAddress.split(',')[0];
    let id: number;
    if (existing) {
      id = existing.id;
      // External-content FTS: remove the old tokens with the old text, then index the new.
      this.stmt(
        "insert into headers_fts (headers_fts, rowid, name, address) values ('delete', ?, ?, ?)",
      ).run(id, existing.name, existing.address);
      this.stmt(
        'update headers set version = ?, name = ?, address = ?, balance_cents = ?, past_due_cents = ?, past_due_days = ?, open_notices = ?, data = ? where id = ?',
      ).run(
        h.version,
        h.name,
        address,
        h.balanceCents,
        h.pastDueCents,
        h.pastDueDays,
        h.openNotices,
        JSON.stringify(h),
        id,
      );
      this.stmt('delete from header_phones where number = ?').run(h.number);
      this.stmt('delete from name_words where number = ?').run(h.number);
    } else {
      id = Number(
        this.stmt(
          'insert into headers (number, version, name, address, balance_cents, past_due_cents, past_due_days, open_notices, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          h.number,
          h.version,
          h.name,
          address,
          h.balanceCents,
          h.pastDueCents,
          h.pastDueDays,
          h.openNotices,
          JSON.stringify(h),
        ).lastInsertRowid,
      );
    }
    this.stmt('insert into headers_fts (rowid, name, address) values (?, ?, ?)').run(
      id,
      h.name,
      address,
    );
    for (const p of h.phones) {
      this.stmt('insert or ignore into header_phones (digits, number) values (?, ?)').run(
        phoneDigits(p),
        h.number,
      );
    }
    for (const word of new Set(
      fold(h.name)
        .split(' ')
        .filter((w) => w.length >= 2),
    )) {
      this.stmt('insert or ignore into name_words (word, number) values (?, ?)').run(
        word,
        h.number,
      );
      if (!this.stmt('select 1 from word_deletes where variant = ? and word = ?').get(word, word)) {
        for (const v of deleteVariants(word))
          this.stmt('insert or ignore into word_deletes (variant, word) values (?, ?)').run(
            v,
            word,
          );
      }
    }
    return true;
  };

  /** Name words within the allowed edits of a typed word, or starting with it. */
  private similarWords(typed: string): string[] {
    const words = new Set<string>();
    const prefixed = this.stmt(
      "select distinct word from name_words where word >= ? and word < ? || 'z' limit 50",
    ).all(typed, typed) as { word: string }[];
    for (const r of prefixed) words.add(r.word);
    const variants = deleteVariants(typed);
    const near = this.stmt(
      `select distinct word from word_deletes where variant in (${variants.map(() => '?').join(', ')})`,
    ).all(...variants) as { word: string }[];
    for (const r of near) if (editDistance(typed, r.word) <= allowedEdits(typed)) words.add(r.word);
    return [...words];
  }

  /** Stores headers in one transaction; an older version never overwrites a newer one. */
  upsertHeaders(headers: AccountHeader[]): number {
    return this.db.transaction(
      (list: AccountHeader[]) => list.filter((h) => this.upsertHeader(h)).length,
    )(headers);
  }

  header(number: string): AccountHeader | null {
    const row = this.stmt('select data from headers where number = ?').get(number) as
      | { data: string }
      | undefined;
    return row ? (JSON.parse(row.data) as AccountHeader) : null;
  }

  /** A header picked at random (the training simulator's callers). */
  randomHeader(random: () => number): AccountHeader | null {
    const max = (this.stmt('select max(id) as id from headers').get() as { id: number | null }).id;
    if (!max) return null;
    const row = this.stmt('select data from headers where id >= ? order by id limit 1').get(
      1 + Math.floor(random() * max),
    ) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as AccountHeader) : null;
  }

  headerCount(): number {
    return (this.stmt('select count(*) as n from headers').get() as { n: number }).n;
  }

  byPhone(phone: string): AccountHeader[] {
    const digits = phoneDigits(phone);
    if (digits.length < 7) return [];
    const rows = this.stmt(
      'select h.data from header_phones p join headers h on h.number = p.number where p.digits = ? order by h.number',
    ).all(digits) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as AccountHeader);
  }

  /**
   * Search as the agent types: an account number (or its start), a phone in any format (or its
   * start), a name or a service address — typo-tolerant and accent-folded — ranked.
   */
  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const hits = new Map<string, SearchHit>();
    const add = (data: string, match: MatchKind, score: number) => {
      const header = JSON.parse(data) as AccountHeader;
      const prior = hits.get(header.number);
      if (!prior || prior.score < score) hits.set(header.number, { header, match, score });
    };
    if (/^[A-Za-z]{2}-?\d+$/.test(q)) {
      const number = q.toUpperCase().replace(/^([A-Z]{2})-?/, '$1-');
      const rows = this.stmt(
        "select data from headers where number >= ? and number < ? || 'z' order by number limit ?",
      ).all(number, number, limit) as { data: string }[];
      for (const r of rows) add(r.data, 'number', 3);
    }
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s()+.-]+$/.test(q)) {
      const d = phoneDigits(q);
      const rows = this.stmt(
        "select h.data from header_phones p join headers h on h.number = p.number where p.digits >= ? and p.digits < ? || 'z' order by p.digits limit ?",
      ).all(d, d, limit) as { data: string }[];
      for (const r of rows) add(r.data, 'phone', 2.5);
    }
    if (/[a-zA-Z\u00C0-\u024F]/.test(q)) {
      const candidates: { data: string; name: string; address: string }[] = [];
      // Names, typos included: each typed word against the name words within an edit or two.
      const typedWords = fold(q)
        .split(' ')
        .filter((w) => w.length >= 3);
      let numbers: Set<string> | null = null as Set<string> | null;
      for (const typed of typedWords) {
        const words = this.similarWords(typed);
        const found = new Set<string>();
        if (words.length) {
          const rows = this.stmt(
            `select number from name_words where word in (${words.map(() => '?').join(', ')}) limit 2000`,
          ).all(...words) as { number: string }[];
          for (const r of rows) found.add(r.number);
        }
        const before: Set<string> | null = numbers;
        numbers = before === null ? found : new Set([...before].filter((n) => found.has(n)));
      }
      if (numbers?.size) {
        const list = [...numbers].slice(0, 300);
        candidates.push(
          ...(this.stmt(
            `select data, name, address from headers where number in (${list.map(() => '?').join(', ')})`,
          ).all(...list) as typeof candidates),
        );
      }
      // Streets, and anything typed in the middle of a name: every trigram present (accents folded).
      const grams = trigrams(q);
      if (grams.length > 0 && (candidates.length < limit || /\d/.test(q))) {
        const match = grams.map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ');
        candidates.push(
          ...(this.stmt(
            'select h.data, h.name, h.address from headers_fts f join headers h on h.id = f.rowid where headers_fts match ? limit 300',
          ).all(match) as typeof candidates),
        );
      }
      for (const r of candidates) {
        const byName = fuzzyScore(q, r.name);
        const byAddress = fuzzyScore(q, r.address);
        const best = Math.max(byName, byAddress);
        // One typo in a five-letter word still scores 0.8; unrelated names stay below 0.6.
        if (best >= 0.6) add(r.data, byName >= byAddress ? 'name' : 'address', 1 + best);
      }
    }
    return [...hits.values()]
      .sort((a, b) => b.score - a.score || a.header.name.localeCompare(b.header.name))
      .slice(0, limit);
  }

  putDetail(detail: AccountDetail, now: number): void {
    this.db.transaction(() => {
      this.upsertHeader(detail.header);
      this.stmt(
        'insert into details (number, data, fetched_at, stale) values (?, ?, ?, 0) on conflict (number) do update set data = excluded.data, fetched_at = excluded.fetched_at, stale = 0',
      ).run(detail.header.number, JSON.stringify(detail), now);
    })();
  }

  detail(number: string): { detail: AccountDetail; fetchedAt: number; stale: boolean } | null {
    const row = this.stmt('select data, fetched_at, stale from details where number = ?').get(
      number,
    ) as { data: string; fetched_at: number; stale: number } | undefined;
    if (!row) return null;
    const detail = JSON.parse(row.data) as AccountDetail;
    // A detail cached before the server sent the premise's other bills lacks what a deposit
    // averages: it is stale, fetched again when the server answers, and weighs none meanwhile.
    const complete = Array.isArray(detail.premiseBills);
    // One cached before reads carried their source and status: its reads were all posted field
    // reads (what the schema's defaults say), and it is fetched again as well.
    const readsKnown = (detail.reads ?? []).every((r) => 'status' in r);
    const upgraded = readsKnown ? detail : { ...detail, reads: detail.reads.map(toRead) };
    return {
      detail: complete ? upgraded : { ...upgraded, premiseBills: [] },
      fetchedAt: row.fetched_at,
      stale: row.stale === 1 || !complete || !readsKnown,
    };
  }

  /**
   * Drops details older than the configured days, except accounts with commands still pending,
   * and forgets activity as old.
   */
  expireDetails(now: number): number {
    const before = now - this.detailDays * DAY_MS;
    this.stmt('delete from recent_activity where at < ?').run(before);
    return this.stmt(
      "delete from details where fetched_at < ? and number not in (select account_number from outbox where status = 'pending' and account_number is not null)",
    ).run(before).changes;
  }

  /**
   * The accounts whose callers the agent is likely to get, most likely first, that have no
   * fresh detail here: the latest activity at the server (someone called, an order or a notice
   * was filed), then open notices, nearest to shut-off first. Only the first `keep` candidates
   * are considered, so the detail kept ahead stays bounded however many accounts qualify.
   */
  likelyAccounts(now: number, o: { keep: number; limit: number }): string[] {
    const recent = this.stmt(
      'select r.number from recent_activity r join headers h on h.number = r.number order by r.at desc limit ?',
    ).all(o.keep) as { number: string }[];
    const noticed = this.stmt(
      'select number from headers where open_notices > 0 order by past_due_days desc, number limit ?',
    ).all(o.keep) as { number: string }[];
    const candidates = [...new Set([...recent, ...noticed].map((r) => r.number))].slice(0, o.keep);
    const fresh = now - this.detailDays * DAY_MS;
    const wanted: string[] = [];
    for (const number of candidates) {
      const d = this.stmt('select fetched_at, stale from details where number = ?').get(number) as
        | { fetched_at: number; stale: number }
        | undefined;
      if (!d || d.stale === 1 || d.fetched_at < fresh) wanted.push(number);
      if (wanted.length >= o.limit) break;
    }
    return wanted;
  }

  /** Applies a page of the change log and the new cursor in one transaction. */
  applyChanges(changes: Change[], cursor: number): { headers: number; staleDetails: string[] } {
    return this.db.transaction(() => {
      let headers = 0;
      const stale = new Set<string>();
      for (const c of changes) {
        if (c.kind === 'header' && c.header && this.upsertHeader(c.header)) headers++;
        if (this.stmt('update details set stale = 1 where number = ?').run(c.accountNumber).changes)
          stale.add(c.accountNumber);
        const at = Date.parse(c.at);
        if (Number.isFinite(at))
          this.stmt(
            'insert into recent_activity (number, at) values (?, ?) on conflict (number) do update set at = max(at, excluded.at)',
          ).run(c.accountNumber, at);
      }
      this.setMeta('cursor', String(cursor));
      return { headers, staleDetails: [...stale] };
    })();
  }

  cursor(): number | null {
    const v = this.meta('cursor');
    return v === null ? null : Number(v);
  }

  /**
   * Queues a command in its user's stream (the next seq there); refuses one carrying a card
   * number before anything is written.
   */
  enqueue(command: Command, issuedAt: string, issuedBy: string | null = null): OutboxItem {
    if (cardNumberIn(command)) throw new CardNumberRefused();
    const account = 'accountNumber' in command ? (command.accountNumber ?? null) : null;
    const stream = issuedBy ?? '';
    const seq = this.db.transaction(() => {
      const { next } = this.stmt(
        'select coalesce(max(stream_seq), 0) + 1 as next from outbox where stream = ?',
      ).get(stream) as { next: number };
      return Number(
        this.stmt(
          "insert into outbox (account_number, type, command, issued_at, status, issued_by, stream, stream_seq) values (?, ?, ?, ?, 'pending', ?, ?, ?)",
        ).run(account, command.type, JSON.stringify(command), issuedAt, issuedBy, stream, next)
          .lastInsertRowid,
      );
    })();
    return this.outboxItem(seq)!;
  }

  private toItem = (r: Record<string, unknown>): OutboxItem => ({
    seq: Number(r.seq),
    accountNumber: (r.account_number as string | null) ?? null,
    type: r.type as Command['type'],
    command: JSON.parse(String(r.command)) as Command,
    issuedAt: String(r.issued_at),
    status: r.status as OutboxItem['status'],
    result: r.result ? (JSON.parse(String(r.result)) as CommandOutcome) : null,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    issuedBy: (r.issued_by as string | null) ?? null,
    stream: String(r.stream),
    streamSeq: Number(r.stream_seq),
    serverFailures: Number(r.server_failures),
  });

  outboxItem(seq: number): OutboxItem | null {
    const r = this.stmt('select * from outbox where seq = ?').get(seq) as
      | Record<string, unknown>
      | undefined;
    return r ? this.toItem(r) : null;
  }

  pending(limit = 200): OutboxItem[] {
    return (
      this.stmt("select * from outbox where status = 'pending' order by seq limit ?").all(
        limit,
      ) as Record<string, unknown>[]
    ).map(this.toItem);
  }

  /** A stream's commands still waiting, in their order at the server. */
  pendingIn(stream: string, limit = 200): OutboxItem[] {
    return (
      this.stmt(
        "select * from outbox where stream = ? and status = 'pending' order by stream_seq limit ?",
      ).all(stream, limit) as Record<string, unknown>[]
    ).map(this.toItem);
  }

  /**
   * Commands that cannot go under this user's session: other users' streams, and in the
   * workstation's first stream everything from another user's first command on (its order
   * at the server holds the rest behind it).
   */
  heldFor(user: string | null): number {
    const others = (
      this.stmt(
        "select count(*) as n from outbox where status = 'pending' and stream <> '' and stream is not ?",
      ).get(user) as { n: number }
    ).n;
    const firstForeign = this.stmt(
      "select min(stream_seq) as at from outbox where stream = '' and status = 'pending' and issued_by is not null and issued_by is not ?",
    ).get(user) as { at: number | null };
    const behind =
      firstForeign.at === null
        ? 0
        : (
            this.stmt(
              "select count(*) as n from outbox where stream = '' and status = 'pending' and stream_seq >= ?",
            ).get(firstForeign.at) as { n: number }
          ).n;
    return others + behind;
  }

  outbox(options: { accountNumber?: string; limit?: number } = {}): OutboxItem[] {
    const rows = options.accountNumber
      ? this.stmt('select * from outbox where account_number = ? order by seq desc limit ?').all(
          options.accountNumber,
          options.limit ?? 100,
        )
      : this.stmt('select * from outbox order by seq desc limit ?').all(options.limit ?? 100);
    return (rows as Record<string, unknown>[]).map(this.toItem);
  }

  pendingCount(): number {
    return (
      this.stmt("select count(*) as n from outbox where status = 'pending'").get() as {
        n: number;
      }
    ).n;
  }

  /** Records the server's outcomes for pushed commands, in one transaction. */
  recordOutcomes(results: { seq: number; outcome: CommandOutcome }[]): void {
    this.db.transaction(() => {
      for (const r of results) {
        this.stmt(
          "update outbox set status = ?, result = ? where seq = ? and status = 'pending'",
        ).run(r.outcome.status, JSON.stringify(r.outcome), r.seq);
      }
    })();
  }

  /** Counts a failure of the server on a command sent alone; answers the count. */
  recordServerFailure(seq: number): number {
    return (
      this.stmt(
        'update outbox set server_failures = server_failures + 1 where seq = ? returning server_failures',
      ).get(seq) as { server_failures: number }
    ).server_failures;
  }

  recordAttempt(seqs: number[], error: string | null): void {
    this.db.transaction(() => {
      for (const seq of seqs)
        this.stmt('update outbox set attempts = attempts + 1, last_error = ? where seq = ?').run(
          error,
          seq,
        );
    })();
  }
}
