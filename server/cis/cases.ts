import type { AccountCase } from '../../shared/cis';
import type { Db } from '../db/database';

type Row = Record<string, unknown>;
const day = (v: unknown) => (v === null || v === undefined ? null : String(v));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

/** An account's cases, newest first, with their notes oldest first. */
export async function casesOf(db: Db, number: string): Promise<AccountCase[]> {
  const { rows } = await db.query<Row>(
    `select c.*, u.name as owner_name from cases c join users u on u.id = c.owner_id
      where c.account_number = $1 order by c.opened_on desc, c.created_at desc`,
    [number],
  );
  if (rows.length === 0) return [];
  const notes = await db.query<Row>(
    'select * from case_notes where case_id = any($1::text[]) order by created_at, id',
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as AccountCase['kind'],
    status: r.status as AccountCase['status'],
    description: String(r.description),
    billId: day(r.bill_id),
    disputedCents: Number(r.disputed_cents),
    preferredContact: r.preferred_contact as AccountCase['preferredContact'],
    language: r.language as AccountCase['language'],
    openedOn: String(r.opened_on),
    dueOn: String(r.due_on),
    ownerId: String(r.owner_id),
    ownerName: String(r.owner_name),
    team: String(r.team),
    escalatedOn: day(r.escalated_on),
    resolution: (r.resolution as AccountCase['resolution']) ?? null,
    resolutionText: day(r.resolution_text),
    letterId: day(r.letter_id),
    closedOn: day(r.closed_on),
    notes: notes.rows
      .filter((n) => n.case_id === r.id)
      .map((n) => ({
        id: String(n.id),
        text: String(n.text),
        authorName: String(n.author_name),
        createdAt: iso(n.created_at),
      })),
    documents: [
      ...(r.documents as AccountCase['documents']),
      ...notes.rows
        .filter((n) => n.case_id === r.id)
        .flatMap((n) => n.documents as AccountCase['documents']),
    ],
  }));
}
