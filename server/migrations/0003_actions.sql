-- Calculators and actions: who an emergency was escalated to and by when a crew must be there,
-- who filed each order; when a lead decided an adjustment; the deposit a new or moved service
-- owes; where a stopped account's final bill goes; what an assistance enrolment was screened on.

alter table service_orders add column escalation text;
alter table service_orders add column respond_by timestamptz;
alter table service_orders add column requested_by text;

alter table adjustments add column decided_at timestamptz;
create index adjustments_requested_by on adjustments (requested_by, created_at);

alter table accounts add column deposit_due_cents bigint not null default 0;
alter table accounts add column final_bill_address jsonb;

alter table enrollments add column household_size integer;
alter table enrollments add column annual_income_cents bigint;
alter table enrollments add column percent_of_poverty numeric;
