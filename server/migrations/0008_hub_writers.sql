-- Catching up after an outage by each writer's sequence, not by the time rows were stored. Each
-- hub instance writes its events one batch after another, so the rows one instance wrote appear
-- in the order of their seq: the highest seq an instance has seen of another's tells it exactly
-- what it has not seen. `stored_at` (the start of the writing transaction) could not: a slow
-- transaction's rows appear later than their stored_at says.
alter table hub_events add column stored_by text;
create index hub_events_stored_by_seq on hub_events (stored_by, seq) where stored_by is not null;

-- Each instance's last seq written, updated in the statement that writes the batch: what a
-- restarted instance continues from and what the others compare their own marks with.
create table hub_writers (
  instance text primary key,
  last_seq bigint not null,
  written_at timestamptz not null default now()
);
