-- Cases: a complaint, dispute, claim or request opened on an account, due by the utility's
-- setting for its kind, owned by one user, escalated to a lead as it comes due. An open
-- dispute's amount is held from collection (shared/follow-up/cases.ts).

create table cases (
  id text primary key,
  account_number text not null references accounts (number),
  kind text not null check (kind in ('complaint', 'dispute', 'claim', 'request')),
  status text not null check (status in ('open', 'escalated', 'closed')),
  description text not null,
  bill_id text,
  disputed_cents bigint not null default 0 check (disputed_cents >= 0),
  preferred_contact text not null check (preferred_contact in ('phone', 'email', 'mail')),
  language text not null check (language in ('en', 'es')),
  opened_on date not null,
  due_on date not null,
  owner_id text not null references users (id),
  team text not null,
  opened_by text not null,
  escalated_on date,
  resolution text check (resolution in ('upheld', 'partly-upheld', 'denied', 'withdrawn', 'answered')),
  resolution_text text,
  letter_id text,
  closed_on date,
  closed_by text,
  documents jsonb not null default '[]',
  created_at timestamptz not null default now(),
  check ((status = 'closed') = (closed_on is not null))
);
create index cases_account on cases (account_number);
create index cases_open_due on cases (due_on) where status <> 'closed';

create table case_notes (
  id text primary key,
  case_id text not null references cases (id),
  text text not null,
  author_id text not null,
  author_name text not null,
  documents jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create index case_notes_case on case_notes (case_id);
