-- Bills before they go out, and bills found wrong after. A bill run's drafts are checked against
-- the utility's thresholds in one statement (server/bills/review-queue.ts); those outside wait
-- for a reviewer (release, hold with a reason, or a reread). A bill cancelled and rebilled keeps
-- every version; a field order that comes back keeps its result.

create table bill_runs (
  id bigserial primary key,
  utility_id text not null,
  bill_on date not null,
  created_by text not null references users (id),
  created_at timestamptz not null default now()
);

create table bill_drafts (
  id bigserial primary key,
  run_id bigint not null references bill_runs (id),
  account_number text not null references accounts (number),
  period_from date not null,
  period_to date not null,
  usage numeric not null,
  unit text not null,
  estimated boolean not null default false,
  total_cents bigint not null,
  due_on date not null,
  lines jsonb not null,
  -- A rate change inside the period split the bill (the rate engine's `split`).
  rate_changed boolean not null default false,
  status text not null default 'new'
    check (status in ('new', 'clear', 'review', 'released', 'held', 'reread')),
  exceptions text[] not null default '{}',
  expected_usage numeric,
  decided_by text references users (id),
  decided_at timestamptz,
  decision_reason text,
  bill_id bigint references bills (id),
  service_order_id text references service_orders (id),
  unique (run_id, account_number)
);
create index bill_drafts_status on bill_drafts (run_id, status);

-- Every version of a bill: the one cancelled, the one that replaced it, one waiting for approval.
alter table bills add column version integer not null default 1;
create table bill_versions (
  id bigserial primary key,
  bill_id bigint not null references bills (id),
  version integer not null,
  status text not null check (status in ('cancelled', 'current', 'pending', 'declined')),
  period_from date not null,
  period_to date not null,
  usage numeric not null,
  unit text not null,
  estimated boolean not null,
  total_cents bigint not null,
  lines jsonb not null,
  -- The reads the version was computed from, and what changed, for the customer's explanation.
  basis jsonb not null default '{}',
  difference_cents bigint not null default 0,
  reason text,
  adjustment_id text references adjustments (id),
  created_by text references users (id),
  created_at timestamptz not null default now(),
  unique (bill_id, version)
);

-- The read a reread order checks (a misread), the bill it may correct, and the order's result.
alter table service_orders
  add column read_id bigint references reads (id),
  add column bill_id bigint references bills (id),
  add column result jsonb,
  add column completed_by text references users (id),
  add column completed_at timestamptz;

alter table reads add column replaced_by bigint references reads (id);

-- Meters changed in the field: the old one's final read and the new one's first.
alter table meters add column removed_on date;

-- A utility's own bill review settings. None of the five utilities' were gathered: without a
-- row (or with a null), the check that needs it is not made and says so ("not gathered").
create table bill_review_settings (
  utility_id text primary key,
  -- Estimated bills in a row (this one included) that send a bill to review.
  max_estimated_in_a_row integer check (max_estimated_in_a_row between 1 and 24),
  -- How far from 100% a tested meter may register and still be accurate.
  meter_test_tolerance_percent numeric check (meter_test_tolerance_percent between 0 and 50),
  -- How many months before a test a fast meter's overcharge is refunded.
  fast_meter_refund_months integer check (fast_meter_refund_months between 1 and 120),
  source text not null,
  set_at timestamptz not null default now()
);
