-- Money moved off an account on someone's authority other than by a credit (adjustments keep
-- those): a payment transferred to another account or reversed, a refund approved, a balance
-- written off. What one user moved, and what was moved on one account, within the policy's
-- window add up against the approval limits with the credits.
create table money_moves (
  id bigserial primary key,
  kind text not null check (kind in ('transfer', 'reversal', 'refund', 'write-off')),
  account_number text not null references accounts (number),
  amount_cents bigint not null check (amount_cents > 0),
  -- Who authorized it: who made it on their own authority, or who approved it.
  moved_by text not null,
  reference text,
  created_at timestamptz not null
);
create index money_moves_by on money_moves (moved_by, created_at);
create index money_moves_account on money_moves (account_number, created_at);
