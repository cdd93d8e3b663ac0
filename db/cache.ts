import Database from 'better-sqlite3-multiple-ciphers';
import type { AccountDetail, AccountHeader, Change, Command, CommandOutcome } from '../shared/cis';
import { containsCardNumber, phoneDigits } from '../shared/cis';
import { migrateCache } from './migrate';
import { allowedEdits, deleteVariants, editDistance, fold, fuzzyScore, trigrams } from './search';

export interface CacheOptions {
  /** The database file; ':memory:' for tests. */
  file: string;
  /** 64 hex characters: the cache's encryption key (from safeStorage, or the environment). */
  key: string;
  /** Days a fetched account detail is kept. */
  detailDays?: number;
}

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
 * recent accounts; the sync cursor; the outbox of commands.
 */
export class LocalCache {
  readonly db: Database.Database;
  private readonly detailDays: number;

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
    const db = new Database(options.file);
    try {
      db.pragma(`hexkey='${options.key}'`);
      // Reading the schema fails here, before anything else, when the key is wrong.
      db.prepare('select count(*) from sqlite_master').get();
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrateCache(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new LocalCache(db, options.detailDays ?? 14);
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
        'update headers set version = ?, name = ?, address = ?, balance_cents = ?, past_due_cents = ?, data = ? where id = ?',
      ).run(h.version, h.name, address, h.balanceCents, h.pastDueCents, JSON.stringify(h), id);
      this.stmt('delete from header_phones where number = ?').run(h.number);
      this.stmt('delete from name_words where number = ?').run(h.number);
    } else {
      id = Number(
        this.stmt(
          'insert into headers (number, version, name, address, balance_cents, past_due_cents, data) values (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          h.number,
          h.version,
          h.name,
          address,
          h.balanceCents,
          h.pastDueCents,
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
    return row
      ? {
          detail: JSON.parse(row.data) as AccountDetail,
          fetchedAt: row.fetched_at,
          stale: row.stale === 1,
        }
      : null;
  }

  /** Drops details older than the configured days, except accounts with commands still pending. */
  expireDetails(now: number): number {
    return this.stmt(
      "delete from details where fetched_at < ? and number not in (select account_number from outbox where status = 'pending' and account_number is not null)",
    ).run(now - this.detailDays * DAY_MS).changes;
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
      }
      this.setMeta('cursor', String(cursor));
      return { headers, staleDetails: [...stale] };
    })();
  }

  cursor(): number | null {
    const v = this.meta('cursor');
    return v === null ? null : Number(v);
  }

  /** Queues a command; refuses one carrying a card number before anything is written. */
  enqueue(command: Command, issuedAt: string, issuedBy: string | null = null): OutboxItem {
    if (containsCardNumber(JSON.stringify(command))) throw new CardNumberRefused();
    const account = 'accountNumber' in command ? (command.accountNumber ?? null) : null;
    const seq = Number(
      this.stmt(
        "insert into outbox (account_number, type, command, issued_at, status, issued_by) values (?, ?, ?, ?, 'pending', ?)",
      ).run(account, command.type, JSON.stringify(command), issuedAt, issuedBy).lastInsertRowid,
    );
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
