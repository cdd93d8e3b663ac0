import type { Principal } from '../../shared/cis';
import type { AccountDetail } from '../../shared/cis/entities';
import {
  callingHoursAt,
  type ExclusionReason,
  getCollectionPolicy,
  worklistExclusions,
  worklistFactsOf,
} from '../../shared/collections';
import type { PlainDate } from '../../shared/dates';
import { getUtility } from '../../shared/utilities';
import { accountDetail } from '../cis/reads';
import type { Db } from '../db/database';

/** How long an offered account stays the agent's before another may be offered it. */
export const LEASE_MINUTES = 15;
/** At most this many entries found excluded or paid are passed over in one offer. */
const MAX_PASSED_OVER = 50;

export type Offer =
  | {
      kind: 'account';
      worklistId: string;
      accountNumber: string;
      attempts: number;
      lastOutcome: string | null;
      detail: AccountDetail;
      remaining: number;
    }
  | { kind: 'closed'; worklistId: string; local: string; opensAt: string; timeZone: string }
  | { kind: 'empty'; worklistId: string; passedOver: Record<string, number> }
  | { kind: 'not-found' }
  | { kind: 'not-assigned' };

/**
 * The next account of a worklist for an agent: nothing outside the utility's calling hours in
 * the customer's time zone; else the due open entry that is theirs (or the queue's), largest past
 * due first, not leased to another. An entry whose account now has a protection or nothing past
 * due leaves the list with its reason and the next is tried. The one offered is leased to them.
 */
export async function nextOffer(
  db: Db,
  principal: Principal,
  worklistId: string,
  now: Date,
  today: PlainDate,
): Promise<Offer> {
  const { rows: lists } = await db.query<{ utility_id: string; assignment: string }>(
    'select utility_id, assignment from worklists where id = $1',
    [worklistId],
  );
  const list = lists[0];
  if (!list) return { kind: 'not-found' };
  if (list.assignment === 'draft') return { kind: 'not-assigned' };
  const utility = getUtility(list.utility_id)!;
  const timeZone = utility.service.timeZone;
  const hours = callingHoursAt(utility.outbound, timeZone, now);
  if (!hours.open)
    return { kind: 'closed', worklistId, local: hours.local, opensAt: hours.opensAt, timeZone };
  const policy = getCollectionPolicy(list.utility_id)!;
  const passedOver: Record<string, number> = {};
  for (let i = 0; i < MAX_PASSED_OVER; i++) {
    const offered = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        account_number: string;
        attempts: number;
        last_outcome: string | null;
      }>(
        `select account_number, attempts, last_outcome from worklist_entries
          where worklist_id = $1 and state = 'open' and next_on <= $2::date
            and (assigned_to = $3 or ($4 = 'queue' and assigned_to is null))
            and (leased_by is null or leased_by = $3 or leased_until < $5)
          order by (leased_by = $3) desc nulls last, past_due_cents desc, account_number
          limit 1 for update skip locked`,
        [worklistId, today.toString(), principal.userId, list.assignment, now],
      );
      const entry = rows[0];
      if (!entry) return null;
      const detail = await accountDetail(tx, entry.account_number);
      const leave = (reason: string, state: 'excluded' | 'done') =>
        tx.query(
          `update worklist_entries set state = $3, reason = $4, leased_by = null, leased_until = null
            where worklist_id = $1 and account_number = $2`,
          [worklistId, entry.account_number, state, reason],
        );
      if (detail?.header.status !== 'active' || detail.header.pastDueCents <= 0) {
        await leave('nothing-past-due', 'done');
        return { left: 'nothing-past-due' as const };
      }
      const why: ExclusionReason[] = worklistExclusions(
        worklistFactsOf(policy, detail, today),
        today,
      );
      if (why.length > 0) {
        await leave(why[0], 'excluded');
        return { left: why[0] };
      }
      await tx.query(
        `update worklist_entries set leased_by = $3, leased_until = $4
          where worklist_id = $1 and account_number = $2`,
        [
          worklistId,
          entry.account_number,
          principal.userId,
          new Date(now.getTime() + LEASE_MINUTES * 60_000),
        ],
      );
      return { entry, detail };
    });
    if (!offered) return { kind: 'empty', worklistId, passedOver };
    if ('left' in offered) {
      const why = offered.left as string;
      passedOver[why] = (passedOver[why] ?? 0) + 1;
      continue;
    }
    const { rows: left } = await db.query<{ n: number }>(
      `select count(*)::int as n from worklist_entries
        where worklist_id = $1 and state = 'open' and (assigned_to = $2 or ($3 = 'queue' and assigned_to is null))`,
      [worklistId, principal.userId, list.assignment],
    );
    return {
      kind: 'account',
      worklistId,
      accountNumber: offered.entry.account_number,
      attempts: offered.entry.attempts,
      lastOutcome: offered.entry.last_outcome,
      detail: offered.detail,
      remaining: left[0]?.n ?? 0,
    };
  }
  return { kind: 'empty', worklistId, passedOver };
}

export interface WorklistSummary {
  id: string;
  name: string;
  utilityId: string;
  builtOn: string;
  builtBy: string;
  assignment: 'draft' | 'queue' | 'agents';
  agents: string[];
  open: number;
  excluded: number;
  done: number;
  /** Entries that left, by reason (an exclusion or the outcome that ended them). */
  reasons: Record<string, number>;
}

/** The worklists a user sees: a lead every one, an agent those handed to them or the queue. */
export async function listWorklists(db: Db, principal: Principal): Promise<WorklistSummary[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    utility_id: string;
    built_on: string;
    built_by: string;
    assignment: 'draft' | 'queue' | 'agents';
    agents: string[];
    counts: { state: string; reason: string | null; n: number }[] | null;
  }>(
    `select w.*, (select json_agg(json_build_object('state', s.state, 'reason', s.reason, 'n', s.n))
                    from (select state, reason, count(*)::int as n from worklist_entries e
                           where e.worklist_id = w.id group by state, reason) s) as counts
       from worklists w
      where $1 <> 'agent' or w.assignment = 'queue' or $2 = any (w.agents)
      order by w.created_at desc limit 200`,
    [principal.role, principal.userId],
  );
  return rows.map((w) => {
    const counts = w.counts ?? [];
    const sum = (state: string) =>
      counts.filter((c) => c.state === state).reduce((s, c) => s + c.n, 0);
    return {
      id: w.id,
      name: w.name,
      utilityId: w.utility_id,
      builtOn: String(w.built_on),
      builtBy: w.built_by,
      assignment: w.assignment,
      agents: w.agents,
      open: sum('open'),
      excluded: sum('excluded'),
      done: sum('done'),
      reasons: Object.fromEntries(
        counts.filter((c) => c.reason !== null).map((c) => [c.reason as string, c.n]),
      ),
    };
  });
}

/** A worklist's entries, one page, for the lead: each with its state and why it left. */
export async function worklistEntries(
  db: Db,
  worklistId: string,
  page: { offset: number; limit: number },
) {
  const { rows } = await db.query<{
    account_number: string;
    state: string;
    reason: string | null;
    past_due_cents: number;
    past_due_days: number;
    assigned_to: string | null;
    next_on: string;
    last_outcome: string | null;
    attempts: number;
  }>(
    `select account_number, state, reason, past_due_cents, past_due_days, assigned_to, next_on, last_outcome, attempts
       from worklist_entries where worklist_id = $1
      order by state, past_due_cents desc, account_number offset $2 limit $3`,
    [worklistId, page.offset, page.limit],
  );
  return rows.map((r) => ({
    accountNumber: r.account_number,
    state: r.state as 'open' | 'excluded' | 'done',
    reason: r.reason,
    pastDueCents: r.past_due_cents,
    pastDueDays: r.past_due_days,
    assignedTo: r.assigned_to,
    nextOn: String(r.next_on),
    lastOutcome: r.last_outcome,
    attempts: r.attempts,
  }));
}
