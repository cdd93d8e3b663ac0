-- Refunds: a closed account's credit, an overpayment asked back, a deposit due back (with the
-- interest the policy pays). Requested, then approved or declined by amount (the approval
-- limits, counted with the credits), then issued by accounts payable with its check number.
create table refunds (
  id text primary key,
  account_number text not null references accounts (number),
  utility_id text not null,
  reason text not null check (reason in ('closed-account-credit', 'overpayment', 'deposit')),
  amount_cents bigint not null check (amount_cents > 0),
  payee text not null,
  address jsonb not null,
  note text,
  status text not null check (status in ('requested', 'approved', 'declined', 'issued')),
  approver text not null check (approver in ('agent', 'lead', 'manager')),
  requested_by text not null,
  requested_at timestamptz not null,
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  check_number text,
  issued_on date,
  check ((status = 'issued') = (check_number is not null and issued_on is not null))
);
create index refunds_account on refunds (account_number);
create index refunds_status on refunds (utility_id, status);
