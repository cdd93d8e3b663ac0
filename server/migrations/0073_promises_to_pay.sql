-- Promises to pay: a day and an amount the customer promised, made on a day by a user. Whether
-- it was kept or broken is derived from the payments that arrived (shared/collections/promise.ts);
-- the row stays pending unless a later command cancels it.
create table promises (
  id text primary key,
  account_number text not null references accounts (number),
  made_on date not null,
  promised_on date not null check (promised_on >= made_on),
  amount_cents bigint not null check (amount_cents > 0),
  status text not null default 'pending' check (status in ('pending', 'cancelled')),
  made_by text not null,
  created_at timestamptz not null default now()
);
create index promises_account on promises (account_number, made_on);
create index promises_pending on promises (promised_on) where status = 'pending';
