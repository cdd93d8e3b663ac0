-- Outbound collections worklists: a lead builds one from the accounts of a utility by aging
-- bucket, amount and language; each account is an entry, offered to an agent when it is theirs
-- (or the queue's), due, and not held by another agent's lease. An entry excluded at build or at
-- offer says why.
create table worklists (
  id text primary key,
  name text not null,
  utility_id text not null,
  criteria jsonb not null,
  built_on date not null,
  built_by text not null,
  -- 'draft' until assigned; 'queue' offers each entry to any agent; 'agents' to its own agent.
  assignment text not null default 'draft' check (assignment in ('draft', 'queue', 'agents')),
  agents text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table worklist_entries (
  worklist_id text not null references worklists (id),
  account_number text not null references accounts (number),
  state text not null check (state in ('open', 'excluded', 'done')),
  -- why it left: an exclusion reason or the outcome that ended it
  reason text,
  past_due_cents bigint not null,
  past_due_days integer not null,
  assigned_to text,
  next_on date not null,
  leased_by text,
  leased_until timestamptz,
  last_outcome text,
  attempts integer not null default 0,
  primary key (worklist_id, account_number)
);
create index worklist_entries_offer on worklist_entries (worklist_id, state, next_on, past_due_cents desc)
  where state = 'open';
