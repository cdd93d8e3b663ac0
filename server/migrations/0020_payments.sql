-- Payments taken through Tapline: a receipt number of the utility's own sequence, the tender's
-- details as records keep them (never a card number; a bank account's last four only), where it
-- was taken, who took it, what each cent paid, and a bank's return.
alter table payments drop constraint payments_tender_check;
alter table payments add constraint payments_tender_check
  check (tender in ('check', 'ach', 'card', 'cash', 'agency', 'money-order'));
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check
  check (status in ('posted', 'returned', 'reversed'));

alter table payments add column utility_id text;
alter table payments add column receipt_number text;
alter table payments add column channel text check (channel in ('phone', 'counter', 'mail', 'online'));
alter table payments add column drawer_id text;
alter table payments add column tender_detail jsonb not null default '{}';
alter table payments add column taken_by text;
alter table payments add column taken_at timestamptz;
-- The account's balance once the payment was applied, as its receipt prints it.
alter table payments add column balance_after_cents bigint;
-- The payment took the account out of a disconnection the policy allowed before it.
alter table payments add column stopped_disconnection boolean not null default false;
alter table payments add column returned_on date;
alter table payments add column return_reason text
  check (return_reason in ('insufficient-funds', 'closed-account', 'no-account', 'stopped', 'other'));
alter table payments add column return_code text;
create unique index payments_receipt on payments (utility_id, receipt_number)
  where receipt_number is not null;

-- What each cent of a payment paid, in the utility's order; the lines add up to the payment.
create table payment_allocations (
  payment_id bigint not null references payments (id),
  line integer not null,
  bucket text not null check (bucket in ('installment', 'pastDue', 'current', 'fees', 'credit')),
  item_id text,
  bill_id text,
  cents bigint not null check (cents > 0),
  primary key (payment_id, line)
);

-- Each utility's last receipt number: drawn under the row's lock, so numbers never repeat or skip.
create table receipt_numbers (
  utility_id text primary key,
  last_number bigint not null
);
