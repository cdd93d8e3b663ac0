/** The first schema of the desktop's cache. STRICT tables; money in *_cents; dates as ISO text. */
export const migration0001 = {
  version: 1,
  name: 'initial',
  sql: `
create table meta (key text primary key, value text not null) strict;

-- Every account's header: what search and screen-pop need, never waiting for the network.
create table headers (
  id integer primary key,
  number text not null unique,
  version integer not null,
  name text not null,
  address text not null,
  balance_cents integer not null,
  past_due_cents integer not null,
  data text not null
) strict;

create table header_phones (
  digits text not null,
  number text not null,
  primary key (digits, number)
) strict, without rowid;
create index header_phones_number on header_phones (number);

-- Trigram index of names and addresses over the headers table, accents folded: "Pena" finds "Peña",
-- and any part of a name or a street finds it as it is typed.
create virtual table headers_fts using fts5(
  name, address, content = 'headers', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1'
);

-- Typo tolerance for names (a symmetric-delete index): each folded word of a name, and each word with
-- one letter deleted, so "Smiht" meets "Smith" through "smit" without scanning anything.
create table name_words (
  word text not null,
  number text not null,
  primary key (word, number)
) strict, without rowid;
create index name_words_number on name_words (number);
create table word_deletes (
  variant text not null,
  word text not null,
  primary key (variant, word)
) strict, without rowid;

-- The full detail of accounts opened recently or likely to be, expired after a number of days.
create table details (
  number text primary key,
  data text not null,
  fetched_at integer not null,
  stale integer not null default 0 check (stale in (0, 1))
) strict;

-- Commands waiting for the central server: each (client, seq) is applied there exactly once.
create table outbox (
  seq integer primary key,
  account_number text,
  type text not null,
  command text not null,
  issued_at text not null,
  status text not null check (status in ('pending', 'applied', 'rejected')),
  result text,
  attempts integer not null default 0,
  last_error text
) strict;
create index outbox_pending on outbox (status, seq);
create index outbox_account on outbox (account_number, seq);
`,
};
