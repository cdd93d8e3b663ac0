-- The walk-in counter: each cashier's drawer of the day with its float, what was counted at its
-- close and the over/short with its reason and the lead who signed it off; a counter payment
-- voided the same day; and the counter's day, closed with its deposit slip and balancing report.
create table drawers (
  id text primary key,
  utility_id text not null,
  business_day date not null,
  seq integer not null check (seq > 0),
  cashier text not null,
  float_cents bigint not null check (float_cents >= 0),
  status text not null check (status in ('open', 'closed')),
  opened_at timestamptz not null,
  closed_at timestamptz,
  closed_by text,
  -- What was counted (cash by denomination, checks, money orders) and the balance by tender.
  count jsonb,
  balance jsonb,
  over_short_cents bigint,
  reason text,
  signed_off_by text,
  unique (utility_id, business_day, seq)
);
-- One open drawer per cashier at a time.
create unique index drawers_one_open on drawers (cashier) where status = 'open';
create index drawers_day on drawers (utility_id, business_day);
create index payments_drawer on payments (drawer_id) where drawer_id is not null;

-- A void is a same-day reversal of a counter payment before its drawer closes, by a lead.
alter table payments add column voided_by text;
alter table payments add column voided_at timestamptz;
alter table payments add column void_reason text;

create table counter_days (
  utility_id text not null,
  business_day date not null,
  closed_by text not null,
  closed_at timestamptz not null,
  report jsonb not null,
  primary key (utility_id, business_day)
);
