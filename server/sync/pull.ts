import type { PullResponse, SnapshotResponse } from '../../shared/cis';
import { headersByNumbers, headersPage } from '../cis/reads';
import type { Db } from '../db/database';

export async function currentCursor(db: Db): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('select max(seq) as seq from change_log');
  return Number(rows[0]?.seq ?? 0);
}

/** The change log after a cursor; header changes carry the account's current header. */
export async function pullChanges(db: Db, cursor: number, limit: number): Promise<PullResponse> {
  const { rows } = await db.query<{
    seq: number;
    account_number: string;
    kind: 'header' | 'detail';
    entity: string;
    at: Date | string;
  }>(
    'select seq, account_number, kind, entity, at from change_log where seq > $1 order by seq limit $2',
    [cursor, limit + 1],
  );
  const page = rows.slice(0, limit);
  const headers = new Map(
    (
      await headersByNumbers(db, [
        ...new Set(page.filter((r) => r.kind === 'header').map((r) => r.account_number)),
      ])
    ).map((h) => [h.number, h]),
  );
  return {
    changes: page.map((r) => ({
      seq: Number(r.seq),
      accountNumber: r.account_number,
      kind: r.kind,
      header: r.kind === 'header' ? (headers.get(r.account_number) ?? null) : null,
      entity: r.entity,
      at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
    })),
    cursor: page.length ? Number(page[page.length - 1].seq) : cursor,
    hasMore: rows.length > limit,
  };
}

export async function snapshotPage(
  db: Db,
  after: string,
  limit: number,
  cursor: number | null,
): Promise<SnapshotResponse> {
  const at = cursor ?? (await currentCursor(db));
  const headers = await headersPage(db, after, limit);
  return {
    headers,
    next: headers.length === limit ? headers[headers.length - 1].number : null,
    cursor: at,
  };
}
