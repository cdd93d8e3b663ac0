import type { Db } from '../db/database';

/** The tables the seed writes, each column with its PostgreSQL type, in the order of its rows. */
export const TABLES: Record<string, [string, string][]> = {
  customers: [
    ['id', 'text'],
    ['name', 'text'],
    ['preferred_language', 'text'],
    ['phones', 'jsonb'],
    ['emails', 'jsonb'],
    ['mailing_address', 'jsonb'],
    ['protections', 'jsonb'],
  ],
  premises: [
    ['id', 'text'],
    ['address', 'jsonb'],
    ['municipality', 'text'],
    ['vacant', 'bool'],
  ],
  accounts: [
    ['number', 'text'],
    ['utility_id', 'text'],
    ['customer_id', 'text'],
    ['premise_id', 'text'],
    ['status', 'text'],
    ['class', 'text'],
    ['balance_cents', 'int8'],
    ['past_due_cents', 'int8'],
    ['past_due_days', 'int4'],
    ['over30_cents', 'int8'],
    ['over60_cents', 'int8'],
    ['over90_cents', 'int8'],
    ['deposit_cents', 'int8'],
    ['autopay', 'bool'],
    ['paperless', 'bool'],
    ['opened_on', 'date'],
  ],
  account_phones: [
    ['account_number', 'text'],
    ['digits', 'text'],
  ],
  meters: [
    ['id', 'text'],
    ['account_number', 'text'],
    ['service_point_id', 'text'],
    ['size', 'text'],
    ['type', 'text'],
    ['multiplier', 'int4'],
    ['dials', 'int4'],
    ['installed_on', 'date'],
  ],
  reads: [
    ['meter_id', 'text'],
    ['account_number', 'text'],
    ['read_on', 'date'],
    ['value', 'numeric'],
    ['kind', 'text'],
  ],
  bills: [
    ['account_number', 'text'],
    ['period_from', 'date'],
    ['period_to', 'date'],
    ['usage', 'numeric'],
    ['unit', 'text'],
    ['estimated', 'bool'],
    ['total_cents', 'int8'],
    ['due_on', 'date'],
    ['lines', 'jsonb'],
  ],
  payments: [
    ['account_number', 'text'],
    ['paid_on', 'date'],
    ['amount_cents', 'int8'],
    ['tender', 'text'],
    ['status', 'text'],
  ],
  notices: [
    ['id', 'text'],
    ['account_number', 'text'],
    ['kind', 'text'],
    ['issued_on', 'date'],
    ['amount_cents', 'int8'],
    ['earliest_disconnection', 'date'],
    ['status', 'text'],
  ],
  arrangements: [
    ['id', 'text'],
    ['account_number', 'text'],
    ['kind', 'text'],
    ['status', 'text'],
    ['created_on', 'date'],
    ['down_payment_cents', 'int8'],
    ['total_cents', 'int8'],
    ['installments', 'jsonb'],
  ],
  enrollments: [
    ['id', 'text'],
    ['account_number', 'text'],
    ['program', 'text'],
    ['enrolled_on', 'date'],
    ['status', 'text'],
    ['household_size', 'int4'],
    ['annual_income_cents', 'int8'],
    ['percent_of_poverty', 'numeric'],
  ],
  notes: [
    ['id', 'text'],
    ['account_number', 'text'],
    ['text', 'text'],
    ['author_id', 'text'],
    ['author_name', 'text'],
    ['created_at', 'timestamptz'],
  ],
  audit: [
    ['at', 'timestamptz'],
    ['user_id', 'text'],
    ['action', 'text'],
    ['account_number', 'text'],
    ['details', 'jsonb'],
  ],
};
/** The order the tables are written in, parents before the rows that name them. */
export const ORDER = [
  'customers',
  'premises',
  'accounts',
  'account_phones',
  'meters',
  'reads',
  'bills',
  'payments',
  'notices',
  'arrangements',
  'enrollments',
  'notes',
  'audit',
];

/** Many rows in one statement: one array parameter per column, unnested (works on PG and PGlite). */
export async function insertMany(db: Db, table: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = TABLES[table];
  const arrays = columns.map((_, i) => rows.map((r) => r[i]));
  const select = columns
    .map(([, type], i) => (type === 'jsonb' ? `c${i}::jsonb` : `c${i}`))
    .join(', ');
  const unnest = columns
    .map(([, type], i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`)
    .join(', ');
  await db.query(
    `insert into ${table} (${columns.map(([n]) => n).join(', ')}) select ${select} from unnest(${unnest}) as t(${columns.map((_, i) => `c${i}`).join(', ')})`,
    arrays,
  );
}
