import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../context';
import { changed, type Handler, lockAccount, refusePastDate } from '../context';
import { Rejection } from '../rejection';

/**
 * A follow-up on the account for a user or a team. An agent may give one to themselves, to a
 * colleague of their team or to their team; a lead to any user or team.
 */
export const createTask: Handler<'createTask'> = async (ctx, command) => {
  await lockAccount(ctx.tx, command.accountNumber);
  refusePastDate(ctx, command.dueOn);
  const lead = ctx.principal.role !== 'agent';
  let assigneeId: string | null = null;
  let team: string | null = null;
  if ('userId' in command.assignee) {
    const { rows } = await ctx.tx.query<{ id: string; team: string }>(
      'select id, team from users where id = $1',
      [command.assignee.userId],
    );
    if (!rows[0])
      throw new Rejection('cis:rejected.noSuchUser', { userId: command.assignee.userId });
    if (!lead && rows[0].team !== ctx.principal.team)
      throw new Rejection('cis:rejected.taskOutsideTeam', { team: rows[0].team });
    assigneeId = rows[0].id;
  } else {
    const { rows } = await ctx.tx.query('select 1 from users where team = $1 limit 1', [
      command.assignee.team,
    ]);
    if (!rows[0]) throw new Rejection('cis:rejected.noSuchTeam', { team: command.assignee.team });
    if (!lead && command.assignee.team !== ctx.principal.team)
      throw new Rejection('cis:rejected.taskOutsideTeam', { team: command.assignee.team });
    team = command.assignee.team;
  }
  const id = randomUUID();
  await insertTask(ctx, {
    id,
    accountNumber: command.accountNumber,
    caseId: null,
    kind: command.kind,
    assigneeId,
    team,
    dueOn: command.dueOn,
    note: command.note,
  });
  await changed(ctx, command.accountNumber, 'task', false);
  return { taskId: id };
};

/** Writes one open task and its audit row (the escalation's task included). */
export async function insertTask(
  ctx: CommandContext,
  t: {
    id: string;
    accountNumber: string;
    caseId: string | null;
    kind: string;
    assigneeId: string | null;
    team: string | null;
    dueOn: string;
    note: string;
  },
): Promise<void> {
  await ctx.tx.query(
    `insert into tasks (id, account_number, case_id, kind, assignee_id, team, due_on, note, status, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10)`,
    [
      t.id,
      t.accountNumber,
      t.caseId,
      t.kind,
      t.assigneeId,
      t.team,
      t.dueOn,
      t.note,
      ctx.principal.userId,
      ctx.now,
    ],
  );
  await ctx.tx.query(
    'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
    [
      ctx.principal.userId,
      'taskCreated',
      t.accountNumber,
      JSON.stringify({
        taskId: t.id,
        kind: t.kind,
        caseId: t.caseId,
        assigneeId: t.assigneeId,
        team: t.team,
        dueOn: t.dueOn,
      }),
    ],
  );
}

/** A task done or cancelled: by its assignee, anyone of its team, or a lead. */
export const completeTask: Handler<'completeTask'> = async (ctx, command) => {
  await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{
    status: string;
    assignee_id: string | null;
    team: string | null;
    assignee_team: string | null;
  }>(
    `select t.status, t.assignee_id, t.team, u.team as assignee_team
       from tasks t left join users u on u.id = t.assignee_id
      where t.id = $1 and t.account_number = $2 for update of t`,
    [command.taskId, command.accountNumber],
  );
  const task = rows[0];
  if (!task) throw new Rejection('cis:rejected.noSuchTask', { taskId: command.taskId });
  if (task.status !== 'open')
    throw new Rejection('cis:rejected.taskNotOpen', { status: task.status });
  const mine =
    task.assignee_id === ctx.principal.userId ||
    (task.team ?? task.assignee_team) === ctx.principal.team;
  if (ctx.principal.role === 'agent' && !mine)
    throw new Rejection('cis:rejected.taskOutsideTeam', { team: task.team ?? task.assignee_team });
  const doneOn = ctx.today.toString();
  await ctx.tx.query(
    'update tasks set status = $2, done_by = $3, done_on = $4, outcome = $5 where id = $1',
    [command.taskId, command.status, ctx.principal.userId, doneOn, command.outcome],
  );
  await ctx.tx.query(
    'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
    [
      ctx.principal.userId,
      'taskCompleted',
      command.accountNumber,
      JSON.stringify({ taskId: command.taskId, status: command.status }),
    ],
  );
  await changed(ctx, command.accountNumber, 'task', false);
  return { taskId: command.taskId, doneOn };
};

/** A closed case's open tasks are done with it. */
export async function closeCaseTasks(ctx: CommandContext, caseId: string): Promise<void> {
  await ctx.tx.query(
    `update tasks set status = 'done', done_by = $2, done_on = $3, outcome = 'case closed'
      where case_id = $1 and status = 'open'`,
    [caseId, ctx.principal.userId, ctx.today.toString()],
  );
}
