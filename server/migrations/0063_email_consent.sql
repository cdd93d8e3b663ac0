-- E-mail consent: each time a customer gave or withdrew consent to e-mail at an address, kept
-- (the latest decides). No e-mail goes to a customer whose latest word is a withdrawal.

create table email_consents (
  id text primary key,
  -- The order the words were recorded in: the latest decides, whatever the clocks said.
  seq bigserial not null unique,
  customer_id text not null references customers (id),
  email text not null,
  status text not null check (status in ('given', 'withdrawn')),
  recorded_by text not null,
  recorded_at timestamptz not null default now()
);
create index email_consents_customer on email_consents (customer_id, seq);
