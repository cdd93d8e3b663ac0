import type { PlainDate } from '../../shared/dates';
import type { Db } from '../db/database';

/**
 * Past-due aging from the account's ledger: posted payments and posted credits pay the bills
 * (and the fees posted as debit adjustments, a returned-item fee, due the day they were posted)
 * oldest due date first; what is left of each bill due before `today` is past due, aged from its
 * due date (over 30, 60 and 90 days, each bucket holding the older ones too, as the seed and the
 * header show them). A credit therefore clears the oldest amounts first, and the age is that of
 * the oldest amount still owed.
 */
const AGING = `
  with ledger as (
    select a.number,
           coalesce((select sum(p.amount_cents) from payments p
                      where p.account_number = a.number and p.status = 'posted'), 0)
         - coalesce((select sum(j.amount_cents) from adjustments j
                      where j.account_number = a.number and j.status = 'posted'
                        and j.amount_cents < 0), 0) as paid
      from accounts a
     where %FILTER%
  ),
  charges as (
    select account_number, due_on, total_cents, 0 as ord, id as bill_id, '' as adjustment_id
      from bills
    union all
    select account_number, created_at::date, amount_cents, 1, 0, id
      from adjustments where status = 'posted' and amount_cents > 0
  ),
  billed as (
    select b.account_number, b.due_on, b.total_cents, l.paid,
           coalesce(sum(b.total_cents) over (partition by b.account_number
                      order by b.due_on, b.ord, b.bill_id, b.adjustment_id
                      rows between unbounded preceding and 1 preceding), 0) as before
      from charges b join ledger l on l.number = b.account_number
  ),
  owed as (
    select account_number, due_on,
           greatest(0, total_cents - greatest(0, paid - before)) as open_cents
      from billed
  ),
  aged as (
    select l.number,
           coalesce(sum(o.open_cents) filter (where o.due_on < $1::date), 0) as past_due,
           coalesce($1::date - min(o.due_on) filter (where o.open_cents > 0 and o.due_on < $1::date), 0) as days,
           coalesce(sum(o.open_cents) filter (where o.due_on < $1::date - 30), 0) as over30,
           coalesce(sum(o.open_cents) filter (where o.due_on < $1::date - 60), 0) as over60,
           coalesce(sum(o.open_cents) filter (where o.due_on < $1::date - 90), 0) as over90
      from ledger l left join owed o on o.account_number = l.number
     group by l.number
  )
  update accounts a
     set past_due_cents = x.past_due, past_due_days = x.days,
         over30_cents = x.over30, over60_cents = x.over60, over90_cents = x.over90,
         version = a.version + 1
    from aged x
   where a.number = x.number
     and (a.past_due_cents, a.past_due_days, a.over30_cents, a.over60_cents, a.over90_cents)
         is distinct from (x.past_due::bigint, x.days::integer, x.over30::bigint, x.over60::bigint, x.over90::bigint)
  returning a.number`;

/**
 * Ages the past due of the given accounts, or of every account owing something, as of `today`.
 * Answers the accounts whose past due, age or buckets changed.
 */
export async function ageAccounts(db: Db, today: PlainDate, numbers?: string[]): Promise<string[]> {
  const filter = numbers
    ? 'a.number = any($2::text[])'
    : '(a.balance_cents > 0 or a.past_due_cents > 0)';
  const { rows } = await db.query<{ number: string }>(
    AGING.replace('%FILTER%', filter),
    numbers ? [today.toString(), numbers] : [today.toString()],
  );
  return rows.map((r) => r.number);
}
