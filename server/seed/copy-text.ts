/**
 * Rows in PostgreSQL's COPY text format: one line a row, columns split by a tab, `\N` for null,
 * and a backslash, tab, newline or carriage return inside a value escaped. A value is written
 * as the server would read it as a parameter: numbers and strings as their text, booleans as
 * `t`/`f`, objects (jsonb) as their JSON.
 */
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

export function copyText(rows: readonly unknown[][]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += (i ? '\t' : '') + field(row[i]);
    out += '\n';
  }
  return out;
}
