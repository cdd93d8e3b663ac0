-- Letters: each one rendered from a template with the account's facts, kept on the account as
-- sent (its PDF and its text), queued for the print vendor's mail batch or sent by e-mail.

create table letters (
  id text primary key,
  account_number text not null references accounts (number),
  case_id text references cases (id),
  template text not null,
  language text not null check (language in ('en', 'es')),
  delivery text not null check (delivery in ('mail', 'email')),
  status text not null check (status in ('queued', 'sent')),
  title text not null,
  body text not null,
  pdf bytea not null,
  pages integer not null check (pages > 0),
  created_by text not null,
  created_at timestamptz not null default now(),
  batch_id text,
  sent_at timestamptz
);
create index letters_account on letters (account_number);
create index letters_queued on letters (delivery) where status = 'queued';
