import type { AccountLetter, AccountTask } from '../../shared/cis';
import type { Db } from '../db/database';

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export const TASK_SELECT = `
  select t.*, u.name as assignee_name from tasks t left join users u on u.id = t.assignee_id`;

export function toTask(r: Row): AccountTask {
  return {
    id: String(r.id),
    accountNumber: String(r.account_number),
    caseId: text(r.case_id),
    kind: r.kind as AccountTask['kind'],
    assigneeId: text(r.assignee_id),
    assigneeName: text(r.assignee_name),
    team: text(r.team),
    dueOn: String(r.due_on),
    note: String(r.note),
    status: r.status as AccountTask['status'],
    createdBy: String(r.created_by),
    doneOn: text(r.done_on),
    outcome: text(r.outcome),
  };
}

/** An account's tasks: open ones first by due date, then the rest newest first. */
export async function tasksOf(db: Db, number: string): Promise<AccountTask[]> {
  const { rows } = await db.query<Row>(
    `${TASK_SELECT} where t.account_number = $1
      order by (t.status = 'open') desc, case when t.status = 'open' then t.due_on end, t.done_on desc, t.id`,
    [number],
  );
  return rows.map(toTask);
}

/** One user's open tasks: their own and their team's, by due date. */
export async function openTasksFor(
  db: Db,
  user: { userId: string; team: string },
  limit: number,
): Promise<AccountTask[]> {
  const { rows } = await db.query<Row>(
    `${TASK_SELECT} where t.status = 'open' and (t.assignee_id = $1 or t.team = $2)
      order by t.due_on, t.id limit $3`,
    [user.userId, user.team, limit],
  );
  return rows.map(toTask);
}

/** An account's letters, newest first, without their PDFs. */
export async function lettersOf(db: Db, number: string): Promise<AccountLetter[]> {
  const { rows } = await db.query<Row>(
    `select id, template, language, delivery, status, title, case_id, pages, created_by, created_at, sent_at
       from letters where account_number = $1 order by created_at desc, id`,
    [number],
  );
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
  return rows.map((r) => ({
    id: String(r.id),
    template: String(r.template),
    language: r.language as AccountLetter['language'],
    delivery: r.delivery as AccountLetter['delivery'],
    status: r.status as AccountLetter['status'],
    title: String(r.title),
    caseId: text(r.case_id),
    pages: Number(r.pages),
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
  }));
}
