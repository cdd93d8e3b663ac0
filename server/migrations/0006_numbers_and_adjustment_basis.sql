-- New account numbers come from one sequence, so two starts of service never get the same
-- number and none collides with a seeded one (the seed moves the sequence past its own). It
-- starts past every number already in the database.
create sequence account_numbers minvalue 1 start with 1000000;
select setval(
  'account_numbers',
  greatest(
    1000000,
    coalesce((select max(substring(number from '-([0-9]{1,15})$')::bigint) from accounts), 0)
  )
);

-- What an adjustment was computed from (the bill, the proof of repair, the percent) and the
-- policy's rules that computed it: the server recomputes every amount, and a late fee is
-- reversed once per bill.
alter table adjustments add column basis jsonb;
create index adjustments_basis_bill on adjustments ((basis ->> 'billId')) where basis is not null;
