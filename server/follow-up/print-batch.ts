import { randomUUID } from 'node:crypto';
import { accountDetail } from '../cis/reads';
import { appendChanges, type Change } from '../commands/context';
import type { Db } from '../db/database';

/**
 * The print vendor's batch of queued mail letters, as one POSIX ustar archive (readable by `tar`
 * and by every archive tool; no ZIP package is a dependency):
 *
 *   manifest.csv            one row per letter, in print order (RFC 4180, a header row, UTF-8)
 *   0001-<letterId>.pdf     the letter, US Letter, as the account keeps it
 *   0002-<letterId>.pdf     ...
 *
 * manifest.csv columns: sequence, file, letter_id, account_number, template, language, pages,
 * name, address_line1, address_line2, city, state, zip. The letters leave the queue (status
 * `sent`, `sent_at` now, `batch_id` the batch's) in the same transaction, so a batch is made once:
 * a second call makes the next batch of what was queued since, or none.
 */
export interface PrintBatch {
  batchId: string;
  letters: number;
  archive: Buffer;
}

export const MANIFEST_COLUMNS = [
  'sequence',
  'file',
  'letter_id',
  'account_number',
  'template',
  'language',
  'pages',
  'name',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
] as const;

export async function makePrintBatch(
  db: Db,
  actor: string,
  now: Date,
  limit: number,
): Promise<PrintBatch | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      account_number: string;
      template: string;
      language: string;
      pages: number;
      pdf: Uint8Array;
    }>(
      `select id, account_number, template, language, pages, pdf from letters
        where status = 'queued' and delivery = 'mail'
        order by created_at, id limit $1 for update`,
      [limit],
    );
    if (!rows.length) return null;
    const batchId = `PB-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`;
    const files: { name: string; data: Buffer }[] = [];
    const manifest: string[][] = [[...MANIFEST_COLUMNS]];
    const changes: Change[] = [];
    for (const [i, row] of rows.entries()) {
      const detail = await accountDetail(tx, row.account_number);
      const a = detail?.customer.mailingAddress;
      const file = `${String(i + 1).padStart(4, '0')}-${row.id}.pdf`;
      files.push({ name: file, data: Buffer.from(row.pdf) });
      manifest.push([
        String(i + 1),
        file,
        row.id,
        row.account_number,
        row.template,
        row.language,
        String(row.pages),
        detail?.customer.name ?? '',
        a?.line1 ?? '',
        a?.line2 ?? '',
        a?.city ?? '',
        a?.state ?? '',
        a?.zip ?? '',
      ]);
      changes.push({ accountNumber: row.account_number, kind: 'detail', entity: 'letter' });
    }
    const ids = rows.map((r) => r.id);
    await tx.query(
      `update letters set status = 'sent', sent_at = $2, batch_id = $3 where id = any($1)`,
      [ids, now.toISOString(), batchId],
    );
    const accounts = [...new Set(rows.map((r) => r.account_number))];
    await tx.query('update accounts set version = version + 1 where number = any($1)', [accounts]);
    await tx.query(
      'insert into audit (user_id, action, account_number, details) values ($1, $2, null, $3)',
      [actor, 'letterBatchPrinted', JSON.stringify({ batchId, letterIds: ids })],
    );
    await appendChanges(tx, changes);
    const csv = `${manifest.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
    const archive = tar([{ name: 'manifest.csv', data: Buffer.from(csv, 'utf8') }, ...files], now);
    return { batchId, letters: rows.length, archive };
  });
}

/** A CSV field (RFC 4180): quoted where it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A POSIX ustar archive of regular files (names under 100 bytes). */
export function tar(files: { name: string; data: Buffer }[], mtime: Date): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    const header = Buffer.alloc(512);
    const put = (text: string, offset: number, length: number) =>
      header.write(text, offset, length, 'ascii');
    const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, '0')}\0`;
    put(f.name, 0, 100);
    put(octal(0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(f.data.length, 12), 124, 12);
    put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
    put('        ', 148, 8);
    put('0', 156, 1);
    put('ustar\0', 257, 6);
    put('00', 263, 2);
    let sum = 0;
    for (const byte of header) sum += byte;
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
    parts.push(header, f.data, Buffer.alloc((512 - (f.data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
