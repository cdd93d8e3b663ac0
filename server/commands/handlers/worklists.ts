import { offerAgainOn } from '../../../shared/collections';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { getUtility } from '../../../shared/utilities';
import { buildWorklistRows } from '../../worklists/build';
import { audit, changed, type Handler, lockAccount, recordOf } from '../context';
import { Rejection } from '../rejection';
import { promiseOn } from './promises';

/** A lead builds a collections worklist; protections leave it, each with its reason. */
export const buildWorklist: Handler<'buildWorklist'> = async (ctx, command) => {
  if (!getUtility(command.criteria.utilityId))
    throw new Rejection('cis:rejected.noPolicy', { utilityId: command.criteria.utilityId });
  const built = await buildWorklistRows(ctx.tx, {
    name: command.name,
    criteria: command.criteria,
    builtBy: ctx.principal.userId,
    today: ctx.today,
  });
  await audit(ctx, 'worklistBuilt', null, {
    worklistId: built.worklistId,
    name: command.name,
    criteria: command.criteria,
    entries: built.entries,
    offered: built.offered,
    excluded: built.excluded,
  });
  return built;
};

/**
 * A lead hands a worklist to the queue (any agent takes the next entry) or to named agents: its
 * open entries shared out in turn, the largest past due first, so each agent's list is alike.
 */
export const assignWorklist: Handler<'assignWorklist'> = async (ctx, command) => {
  const { rows } = await ctx.tx.query<{ id: string }>(
    'select id from worklists where id = $1 for update',
    [command.worklistId],
  );
  if (!rows[0])
    throw new Rejection('cis:rejected.noSuchWorklist', { worklistId: command.worklistId });
  const agents = command.to.kind === 'agents' ? [...new Set(command.to.agents)] : [];
  if (agents.length > 0) {
    const { rows: users } = await ctx.tx.query<{
      id: string;
      role: string;
      disabled: boolean | null;
    }>(
      'select id, role, disabled_at is not null as disabled from users where id = any ($1::text[])',
      [agents],
    );
    const usable = new Set(
      users.filter((u) => !u.disabled && roleAtLeast(u.role as 'agent', 'agent')).map((u) => u.id),
    );
    const unknown = agents.filter((a) => !usable.has(a));
    if (unknown.length > 0)
      throw new Rejection('cis:rejected.noSuchAgent', { agents: unknown.join(', ') });
  }
  await ctx.tx.query('update worklists set assignment = $2, agents = $3 where id = $1', [
    command.worklistId,
    command.to.kind,
    agents,
  ]);
  const { rows: shared } = await ctx.tx.query<{ assigned_to: string | null }>(
    `with r as (
       select account_number, row_number() over (order by past_due_cents desc, account_number) as rn
         from worklist_entries where worklist_id = $1 and state = 'open')
     update worklist_entries e
        set assigned_to = case when $3::int = 0 then null else ($2::text[])[((r.rn - 1) % $3::int) + 1] end,
            leased_by = null, leased_until = null
       from r where e.worklist_id = $1 and e.account_number = r.account_number
     returning e.assigned_to`,
    [command.worklistId, agents, agents.length],
  );
  const byAgent: Record<string, number> = {};
  for (const r of shared)
    byAgent[r.assigned_to ?? 'queue'] = (byAgent[r.assigned_to ?? 'queue'] ?? 0) + 1;
  const assigned = shared.length;
  await audit(ctx, 'worklistAssigned', null, {
    worklistId: command.worklistId,
    to: command.to,
    assigned,
    byAgent,
  });
  return { worklistId: command.worklistId, assigned, byAgent };
};

/**
 * What came of an agent's call on an account offered to them: a promise recorded (limits
 * checked), an arrangement already made, or a refusal, a wrong number, no answer or a message
 * left; the account leaves the list or returns on the day the utility's settings give.
 */
export const recordCallOutcome: Handler<'recordCallOutcome'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{
    state: string;
    leased_by: string | null;
    assigned_to: string | null;
  }>(
    `select state, leased_by, assigned_to from worklist_entries
      where worklist_id = $1 and account_number = $2 for update`,
    [command.worklistId, command.accountNumber],
  );
  const entry = rows[0];
  if (entry?.state !== 'open')
    throw new Rejection('cis:rejected.notOnWorklist', { accountNumber: command.accountNumber });
  if (entry.leased_by !== ctx.principal.userId)
    throw new Rejection('cis:rejected.notOfferedToYou', { accountNumber: command.accountNumber });
  let promiseId: string | undefined;
  if (command.outcome === 'promise' && command.promise)
    promiseId = (await promiseOn(ctx, account, command.promise)).promiseId;
  if (command.outcome === 'arrangement') {
    const record = await recordOf(ctx, account.number);
    if (
      !record.arrangements.some(
        (a) => a.status === 'active' && a.createdOn === ctx.today.toString(),
      )
    )
      throw new Rejection('cis:rejected.noArrangementToday');
  }
  const settings = getUtility(account.utility_id)!.outbound;
  const again = offerAgainOn(settings, command.outcome, ctx.today, command.promise?.promisedOn);
  await ctx.tx.query(
    `update worklist_entries
        set state = $3, reason = $4, next_on = coalesce($5::date, next_on), last_outcome = $6,
            attempts = attempts + 1, leased_by = null, leased_until = null
      where worklist_id = $1 and account_number = $2`,
    [
      command.worklistId,
      command.accountNumber,
      again === null ? 'done' : 'open',
      again === null ? command.outcome : null,
      again,
      command.outcome,
    ],
  );
  await audit(ctx, 'callOutcomeRecorded', account.number, {
    worklistId: command.worklistId,
    outcome: command.outcome,
    offerAgainOn: again,
    ...(promiseId ? { promiseId } : {}),
  });
  await changed(ctx, account.number, 'worklist', false);
  return {
    accountNumber: account.number,
    outcome: command.outcome,
    offerAgainOn: again,
    ...(promiseId ? { promiseId } : {}),
  };
};
