import { randomUUID } from 'node:crypto';
import type { WorklistCriteria } from '../../shared/cis';
import {
  AGING_BUCKET_DAYS,
  type ExclusionReason,
  getCollectionPolicy,
  type PromiseToPay,
  promisePendingUntil,
  standingOf,
  type WorklistFacts,
  worklistExclusions,
} from '../../shared/collections';
import type { PlainDate } from '../../shared/dates';
import { getFollowUpSettings } from '../../shared/follow-up/registry';
import type { Db } from '../db/database';

const INT4_MAX = 2_147_483_647;
const CHUNK = 20_000;

type Payment = { paidOn: string; amountCents: number; status: string };

interface FactsRow {
  number: string;
  past_due_cents: number;
  past_due_days: number;
  protections: { medicalCertificate?: { expiresOn?: string | null } | null; lifeSupport?: unknown };
  disputed_cents: number | null;
  arrangement: {
    id: string;
    kind: string;
    status: string;
    createdOn: string;
    downPaymentCents: number;
    totalCents: number;
    installments: { number: number; due: string; amountCents: number }[];
  } | null;
  promises: PromiseToPay[] | null;
  payments: Payment[] | null;
}

/**
 * The accounts a worklist's criteria match, with the facts its exclusions weigh, in one
 * statement: candidates by utility, bucket, amount and language; what open disputes hold, the
 * latest arrangement, the pending promises and the payments since either, each grouped once.
 */
const FACTS_SQL = `
with cand as (
  select a.number, a.past_due_cents, a.past_due_days, c.protections
    from accounts a join customers c on c.id = a.customer_id
   where a.utility_id = $1 and a.status = 'active' and a.past_due_cents > 0
     and exists (select 1 from unnest($2::int[], $3::int[]) b(lo, hi)
                  where a.past_due_days between b.lo and b.hi)
     and a.past_due_cents between $4 and $5
     and ($6::text is null or c.preferred_language = $6)
),
disp as (
  select k.account_number, sum(k.disputed_cents) as cents
    from cases k join cand on cand.number = k.account_number
   where k.kind = 'dispute' and k.status <> 'closed' group by k.account_number
),
arr as (
  select distinct on (r.account_number) r.account_number, r.id, r.kind, r.status, r.created_on,
         r.down_payment_cents, r.total_cents, r.installments
    from arrangements r join cand on cand.number = r.account_number
   order by r.account_number, r.created_on desc, r.id
),
prom as (
  select p.account_number, min(p.made_on) as since,
         json_agg(json_build_object('id', p.id, 'madeOn', p.made_on, 'promisedOn', p.promised_on,
                  'amountCents', p.amount_cents, 'status', p.status)) as list
    from promises p join cand on cand.number = p.account_number
   where p.status = 'pending' and p.promised_on >= $7::date group by p.account_number
),
need as (
  select account_number, min(since) as since from (
    select account_number, created_on as since from arr where status = 'active'
    union all select account_number, since from prom) x group by account_number
),
pay as (
  select p.account_number,
         json_agg(json_build_object('paidOn', p.paid_on, 'amountCents', p.amount_cents,
                  'status', p.status)) as list
    from payments p join need n on n.account_number = p.account_number and p.paid_on >= n.since
   group by p.account_number
)
select cand.number, cand.past_due_cents, cand.past_due_days, cand.protections,
       disp.cents as disputed_cents,
       case when arr.id is null then null else json_build_object('id', arr.id, 'kind', arr.kind,
         'status', arr.status, 'createdOn', arr.created_on, 'downPaymentCents', arr.down_payment_cents,
         'totalCents', arr.total_cents, 'installments', arr.installments) end as arrangement,
       prom.list as promises, pay.list as payments
  from cand
  left join disp on disp.account_number = cand.number
  left join arr on arr.account_number = cand.number
  left join prom on prom.account_number = cand.number
  left join pay on pay.account_number = cand.number`;

/** The facts of one row, as the account's record would give them (shared/collections). */
function factsOf(utilityId: string, row: FactsRow, today: PlainDate): WorklistFacts {
  const policy = getCollectionPolicy(utilityId)!;
  const payments = row.payments ?? [];
  let arrangement: WorklistFacts['arrangement'] = 'none';
  if (row.arrangement) {
    const a = row.arrangement;
    if (a.status === 'active') {
      const standing = standingOf(
        policy,
        { ...a, status: 'active' },
        payments.map((p) => ({ ...p, status: p.status as 'posted' })),
        today,
      ).status;
      arrangement = standing === 'good' ? 'good' : standing;
    } else arrangement = a.status === 'broken' ? 'broken' : 'none';
  }
  const holds = getFollowUpSettings(utilityId)?.holdDisputedAmount.holds ?? true;
  const lifeSupport = row.protections?.lifeSupport;
  const cert = row.protections?.medicalCertificate;
  return {
    arrangement,
    disputedHeldCents: holds ? Number(row.disputed_cents ?? 0) : 0,
    promisePendingUntil: promisePendingUntil(row.promises ?? [], payments, today),
    medicalCertificate: cert ? { expiresOn: cert.expiresOn ?? null } : null,
    ...(typeof lifeSupport === 'boolean' ? { lifeSupport } : {}),
  };
}

export interface Built {
  worklistId: string;
  entries: number;
  offered: number;
  excluded: Record<string, number>;
}

/**
 * Builds a worklist in the caller's transaction: one statement gathers the candidates and their
 * facts, `worklistExclusions` decides each, and the entries go in by slices of arrays (unnest).
 */
export async function buildWorklistRows(
  tx: Db,
  input: { name: string; criteria: WorklistCriteria; builtBy: string; today: PlainDate },
): Promise<Built> {
  const { criteria, today } = input;
  const id = `wl-${randomUUID()}`;
  await tx.query(
    'insert into worklists (id, name, utility_id, criteria, built_on, built_by) values ($1, $2, $3, $4, $5, $6)',
    [id, input.name, criteria.utilityId, JSON.stringify(criteria), today.toString(), input.builtBy],
  );
  const buckets = criteria.buckets.map((b) => AGING_BUCKET_DAYS[b]);
  const { rows } = await tx.query<FactsRow>(FACTS_SQL, [
    criteria.utilityId,
    buckets.map((b) => b.from),
    buckets.map((b) => b.to ?? INT4_MAX),
    criteria.minPastDueCents ?? 0,
    criteria.maxPastDueCents ?? Number.MAX_SAFE_INTEGER,
    criteria.language ?? null,
    today.toString(),
  ]);
  const excluded: Record<string, number> = {};
  let offered = 0;
  for (let at = 0; at < rows.length; at += CHUNK) {
    const slice = rows.slice(at, at + CHUNK);
    const reasons: (ExclusionReason | null)[] = slice.map((r) => {
      const why = worklistExclusions(factsOf(criteria.utilityId, r, today), today);
      if (why.length === 0) {
        offered++;
        return null;
      }
      excluded[why[0]] = (excluded[why[0]] ?? 0) + 1;
      return why[0];
    });
    await tx.query(
      `insert into worklist_entries (worklist_id, account_number, state, reason, past_due_cents, past_due_days, next_on)
       select $1, n, case when r is null then 'open' else 'excluded' end, r, c, d, $2::date
         from unnest($3::text[], $4::text[], $5::bigint[], $6::int[]) as t(n, r, c, d)`,
      [
        id,
        today.toString(),
        slice.map((r) => r.number),
        reasons,
        slice.map((r) => r.past_due_cents),
        slice.map((r) => r.past_due_days),
      ],
    );
  }
  return { worklistId: id, entries: rows.length, offered, excluded };
}
