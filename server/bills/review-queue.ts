import type { BillReviewSettings } from '../../shared/usage/bill-review';
import type { Db } from '../db/database';

/**
 * Checks every new draft of a bill run in one statement and sends those outside the utility's
 * thresholds to review (the rest are clear to go out):
 *
 * - `high` / `low`: the use above `highRatio` × or below `lowRatio` × the use expected for the
 *   same days: the same period last year (a bill ending 350 to 380 days before), else the last
 *   three actual bills, as a daily use times the draft's days;
 * - `zero`: no use on an active account at a premise not vacant;
 * - `high-amount`: the amount above `highRatio` × the last three bills' average amount;
 * - `estimated-streak`: an estimated bill whose `maxEstimatedInARow − 1` bills before it were all
 *   estimated (not checked while the setting is not gathered);
 * - `negative`: an amount below zero;
 * - `rate-change`: a rate change inside the period split the bill.
 *
 * Set-based (one update joined to the account's bills through its index), so a run of hundreds
 * of thousands of accounts is checked in one pass. Answers how many went to review and how many
 * are clear.
 */
export async function buildReviewQueue(
  db: Db,
  runId: number,
  settings: BillReviewSettings,
): Promise<{ review: number; clear: number }> {
  const { rows } = await db.query<{ status: string; n: string }>(
    `with d as (
       select d.id, d.account_number, d.usage, d.total_cents, d.estimated, d.rate_changed,
              d.period_from, d.period_to, greatest(d.period_to - d.period_from, 1) as days,
              a.status = 'active' and not p.vacant as occupied
         from bill_drafts d
         join accounts a on a.number = d.account_number
         join premises p on p.id = a.premise_id
        where d.run_id = $1 and d.status = 'new'
     ),
     expected as (
       select d.*,
              coalesce(ly.usage, recent.usage) as ref_usage,
              coalesce(ly.days, recent.days) as ref_days,
              recent.total as recent_total, recent.n as recent_n,
              streak.all_estimated
         from d
         left join lateral (
           select b.usage, greatest(b.period_to - b.period_from, 1) as days from bills b
            where b.account_number = d.account_number and not b.estimated
              and b.period_to between d.period_to - 380 and d.period_to - 350
            order by abs(b.period_to - (d.period_to - 365)) limit 1
         ) ly on true
         left join lateral (
           select sum(x.usage) as usage, greatest(sum(x.period_to - x.period_from), 1) as days,
                  sum(x.total_cents) as total, count(*) as n
             from (select b.usage, b.period_from, b.period_to, b.total_cents from bills b
                    where b.account_number = d.account_number and not b.estimated
                      and b.period_to < d.period_to
                    order by b.period_to desc limit 3) x
         ) recent on true
         left join lateral (
           select count(*) = $4::int - 1 and coalesce(bool_and(x.estimated), true) as all_estimated
             from (select b.estimated from bills b
                    where b.account_number = d.account_number and b.period_to < d.period_to
                    order by b.period_to desc limit greatest($4::int - 1, 0)) x
         ) streak on $4::int is not null and d.estimated
     ),
     -- Compared as products (use × reference days against ratio × reference use × days), never
     -- through a rounded quotient, so a use exactly on the limit is on it.
     found as (
       select e.id, e.ref_usage * e.days / e.ref_days as expected_usage,
              array_remove(array[
                case when e.ref_usage > 0 and e.usage * e.ref_days > $2::numeric * e.ref_usage * e.days then 'high' end,
                case when e.ref_usage > 0 and e.usage > 0 and e.usage * e.ref_days < $3::numeric * e.ref_usage * e.days then 'low' end,
                case when e.usage = 0 and e.occupied then 'zero' end,
                case when e.recent_total > 0 and e.total_cents * e.recent_n > $2::numeric * e.recent_total then 'high-amount' end,
                case when e.all_estimated then 'estimated-streak' end,
                case when e.total_cents < 0 then 'negative' end,
                case when e.rate_changed then 'rate-change' end
              ], null) as codes
         from expected e
     ),
     marked as (
       update bill_drafts b
          set exceptions = f.codes,
              expected_usage = round(f.expected_usage, 3),
              status = case when cardinality(f.codes) > 0 then 'review' else 'clear' end
         from found f
        where b.id = f.id
       returning b.status
     )
     select status, count(*) as n from marked group by status`,
    [runId, settings.highRatio, settings.lowRatio, settings.maxEstimatedInARow],
  );
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { review: n('review'), clear: n('clear') };
}

/** Issues a run's drafts that are clear (or released) as bills, in one statement. */
export async function issueClearDrafts(db: Db, runId: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `with issued as (
       insert into bills (account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines)
       select account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines
         from bill_drafts where run_id = $1 and status = 'clear'
       returning id, account_number
     ),
     linked as (
       update bill_drafts d set status = 'released', bill_id = i.id
         from issued i where d.run_id = $1 and d.account_number = i.account_number
       returning 1
     )
     select count(*) as n from linked`,
    [runId],
  );
  return Number(rows[0]?.n ?? 0);
}
