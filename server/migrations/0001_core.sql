-- The reference CIS: customers, accounts, premises, meters, reads, bills, payments, and the
-- records agents create. Money is *_cents bigint; calendar dates are date; instants timestamptz.

create table users (
  id text primary key,
  username text not null unique,
  name text not null,
  password_hash text not null,
  role text not null check (role in ('agent', 'lead', 'admin')),
  languages text[] not null default '{en}',
  team text not null default 'care'
);

create table sessions (
  token_hash text primary key,
  user_id text not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create table customers (
  id text primary key,
  name text not null,
  preferred_language text not null check (preferred_language in ('en', 'es')),
  phones jsonb not null default '[]',
  emails jsonb not null default '[]',
  mailing_address jsonb not null,
  protections jsonb not null
);

create table premises (
  id text primary key,
  address jsonb not null,
  municipality text not null,
  vacant boolean not null default false
);

create table accounts (
  number text primary key,
  utility_id text not null,
  customer_id text not null references customers (id),
  premise_id text not null references premises (id),
  status text not null check (status in ('active', 'inactive', 'pending-start', 'pending-stop', 'closed')),
  class text not null check (class in ('residential', 'commercial')),
  balance_cents bigint not null default 0,
  past_due_cents bigint not null default 0,
  past_due_days integer not null default 0,
  over30_cents bigint not null default 0,
  over60_cents bigint not null default 0,
  over90_cents bigint not null default 0,
  deposit_cents bigint not null default 0,
  autopay boolean not null default false,
  paperless boolean not null default false,
  opened_on date not null,
  version integer not null default 1
);
create index accounts_customer on accounts (customer_id);

-- Phone digits for lookup in any format.
create table account_phones (
  account_number text not null references accounts (number),
  digits text not null,
  primary key (account_number, digits)
);
create index account_phones_digits on account_phones (digits);

create table meters (
  id text primary key,
  account_number text not null references accounts (number),
  service_point_id text not null,
  size text not null,
  type text not null check (type in ('water', 'electric')),
  multiplier integer not null default 1,
  dials integer not null default 4,
  installed_on date not null
);
create index meters_account on meters (account_number);

create table reads (
  id bigserial primary key,
  meter_id text not null references meters (id),
  account_number text not null,
  read_on date not null,
  value numeric not null,
  kind text not null check (kind in ('actual', 'estimated', 'customer'))
);
create index reads_account on reads (account_number, read_on);

create table bills (
  id bigserial primary key,
  account_number text not null,
  period_from date not null,
  period_to date not null,
  usage numeric not null,
  unit text not null,
  estimated boolean not null default false,
  total_cents bigint not null,
  due_on date not null,
  -- [code, descriptionKey, quantity, unit, rate, amountCents, tier, params]
  lines jsonb not null
);
create index bills_account on bills (account_number, period_to);

create table payments (
  id bigserial primary key,
  account_number text not null,
  paid_on date not null,
  amount_cents bigint not null,
  tender text not null check (tender in ('check', 'ach', 'card', 'cash', 'agency')),
  status text not null check (status in ('posted', 'returned'))
);
create index payments_account on payments (account_number, paid_on);

create table adjustments (
  id text primary key,
  account_number text not null references accounts (number),
  kind text not null,
  amount_cents bigint not null,
  status text not null check (status in ('posted', 'pending', 'declined')),
  reason text not null,
  approver text not null check (approver in ('agent', 'lead', 'manager')),
  requested_by text not null,
  decided_by text,
  decision_reason text,
  created_at timestamptz not null default now()
);
create index adjustments_account on adjustments (account_number);
create index adjustments_pending on adjustments (status) where status = 'pending';

create table arrangements (
  id text primary key,
  account_number text not null references accounts (number),
  kind text not null,
  status text not null check (status in ('active', 'broken', 'completed', 'cancelled')),
  created_on date not null,
  down_payment_cents bigint not null,
  total_cents bigint not null,
  installments jsonb not null
);
create index arrangements_account on arrangements (account_number);

create table notices (
  id text primary key,
  account_number text not null references accounts (number),
  kind text not null check (kind in ('disconnection', 'reminder')),
  issued_on date not null,
  amount_cents bigint not null,
  earliest_disconnection date,
  status text not null check (status in ('open', 'closed'))
);
create index notices_account on notices (account_number);

create table service_orders (
  id text primary key,
  account_number text not null references accounts (number),
  type text not null,
  priority text not null check (priority in ('routine', 'high', 'emergency')),
  status text not null check (status in ('open', 'scheduled', 'completed', 'cancelled')),
  window_start timestamptz,
  window_end timestamptz,
  notes text not null default '',
  created_at timestamptz not null default now()
);
create index service_orders_account on service_orders (account_number);

create table interactions (
  id text primary key,
  account_number text,
  channel text not null,
  reason text not null,
  wrap_up_code text not null,
  started_at timestamptz not null,
  answered_at timestamptz,
  ended_at timestamptz not null,
  talk_seconds integer not null,
  hold_seconds integer not null,
  wrap_up_seconds integer not null,
  agent_id text not null,
  language text not null,
  notes text not null default ''
);
create index interactions_account on interactions (account_number);

create table notes (
  id text primary key,
  account_number text not null references accounts (number),
  text text not null,
  author_id text not null,
  author_name text not null,
  created_at timestamptz not null default now()
);
create index notes_account on notes (account_number);

create table enrollments (
  id text primary key,
  account_number text not null references accounts (number),
  program text not null,
  enrolled_on date not null,
  status text not null check (status in ('active', 'ended'))
);

-- Every money or service decision, with who made it and the rule that decided it.
create table audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id text not null,
  action text not null,
  account_number text,
  details jsonb not null
);

-- The change log the desktops pull after their cursor.
create table change_log (
  seq bigserial primary key,
  account_number text not null,
  kind text not null check (kind in ('header', 'detail')),
  entity text not null,
  at timestamptz not null default now()
);

-- Exactly once, in order per client: the last applied seq and each outcome, kept for replays.
create table sync_clients (
  client_id text primary key,
  last_seq integer not null default 0
);
create table sync_results (
  client_id text not null,
  seq integer not null,
  outcome jsonb not null,
  primary key (client_id, seq)
);

create table meta (
  key text primary key,
  value text not null
);
