-- Reads entered at the desk, from a reader's route file or an AMR drive-by, checked against the
-- meter's history (shared/usage/validate-read): where each came from, who read it, what the check
-- found, and whether it is posted (billable) or waits in the exception queue for a reviewer.

alter table reads
  add column source text not null default 'field'
    check (source in ('desk', 'handheld', 'amr', 'field', 'estimate')),
  add column status text not null default 'posted'
    check (status in ('posted', 'exception', 'rejected')),
  add column reader text,
  add column trouble_code text,
  add column reason text,
  add column findings jsonb not null default '[]',
  add column method text,
  add column entered_by text references users (id),
  add column entered_at timestamptz,
  add column route_run_id bigint;

create index reads_exceptions on reads (status) where status = 'exception';

-- A route (a book): the meters a reader walks or an AMR van drives, in order.
create table routes (
  id text primary key,
  utility_id text not null,
  name text not null,
  created_by text not null references users (id),
  created_at timestamptz not null default now(),
  unique (utility_id, name)
);

create table route_stops (
  route_id text not null references routes (id),
  sequence integer not null,
  meter_id text not null references meters (id),
  location_note text not null default '',
  primary key (route_id, sequence),
  unique (route_id, meter_id)
);

-- One day's reading of a route: downloaded for a handheld, its reads uploaded back.
create table route_runs (
  id bigserial primary key,
  route_id text not null references routes (id),
  read_on date not null,
  downloaded_by text not null references users (id),
  downloaded_at timestamptz not null default now(),
  unique (route_id, read_on)
);

-- A stop the reader could not read, with the trouble code.
create table route_skips (
  run_id bigint not null references route_runs (id),
  meter_id text not null references meters (id),
  trouble_code text not null,
  note text not null default '',
  primary key (run_id, meter_id)
);

alter table reads add constraint reads_route_run foreign key (route_run_id) references route_runs (id);
