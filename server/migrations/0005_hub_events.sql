-- The team lead's hub: every floor event (agents' states, calls queued, answered, abandoned,
-- ended, wrapped up, leads' directives), so the live picture survives a restart of the hub and
-- the interval reports are computed from what happened. `id` is the reporter's id of the event:
-- a report sent twice is stored once.
create table hub_events (
  seq bigserial primary key,
  id text not null unique,
  at timestamptz not null,
  kind text not null,
  agent_id text,
  call_id text,
  body jsonb not null,
  origin text not null,
  stored_at timestamptz not null default now()
);
create index hub_events_at on hub_events (at);
create index hub_events_stored_at on hub_events (stored_at);
create index hub_events_agent_state on hub_events (agent_id, at) where kind = 'agent.state';

-- Each queue's service-level objective (Genesys Cloud's default: 80% in 20 s) and the length
-- under which an abandon is a short abandon, excluded (0: none excluded). Amazon Connect offers
-- thresholds of 15 to 600 s.
create table hub_queues (
  id text primary key,
  language text not null check (language in ('en', 'es')),
  threshold_seconds integer not null check (threshold_seconds between 1 and 600),
  target_percent integer not null check (target_percent between 1 and 100),
  short_abandon_seconds integer not null check (short_abandon_seconds between 0 and 60)
);
insert into hub_queues (id, language, threshold_seconds, target_percent, short_abandon_seconds)
values ('english', 'en', 20, 80, 5), ('spanish', 'es', 20, 80, 5);
