import { createHash } from 'node:crypto';
import type { Db } from '../../server/db/database';
import { ORDER, TABLES } from '../../server/seed/tables';

/**
 * A digest of every row the seed wrote, table by table, over the seed's own columns read back as
 * text (timestamps as their calendar day, so the server's time zone does not enter), in a fixed
 * order: equal digests, equal data, whichever way the rows were loaded and on either backend.
 */
export async function seedFingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ORDER) {
    const columns = TABLES[table].map(([name, type]) =>
      type === 'timestamptz' ? `(${name})::date::text` : `(${name})::text`,
    );
    const { rows } = await db.query<{ r: string }>(
      `select concat_ws('|', ${columns.map((c) => `coalesce(${c}, '∅')`).join(', ')}) as r from ${table}`,
    );
    const lines = rows.map((row) => row.r).sort();
    out[table] =
      `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}
