-- Tasks: a follow-up for one user or a team with a date (call back, check a payment arrived, a
-- certificate expiring, a promise due, an escalated case), on an account, in the assignee's list.

create table tasks (
  id text primary key,
  account_number text not null references accounts (number),
  case_id text references cases (id),
  kind text not null check (kind in ('callback', 'payment-check', 'certificate-expiring', 'promise-due', 'case-escalated', 'other')),
  assignee_id text references users (id),
  team text,
  due_on date not null,
  note text not null default '',
  status text not null check (status in ('open', 'done', 'cancelled')),
  created_by text not null,
  created_at timestamptz not null default now(),
  done_by text,
  done_on date,
  outcome text,
  check ((assignee_id is null) <> (team is null)),
  check ((status = 'open') = (done_on is null))
);
create index tasks_account on tasks (account_number);
create index tasks_assignee_open on tasks (assignee_id, due_on) where status = 'open';
create index tasks_team_open on tasks (team, due_on) where status = 'open';
