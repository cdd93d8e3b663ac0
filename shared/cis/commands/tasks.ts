import { z } from 'zod';
import { isoDay, taskKind } from '../entities';
import { accountNumber, recordId } from './fields';

const userOrTeam = z.string().regex(/^[A-Za-z0-9:_-]{1,60}$/, 'a user id or a team');

/**
 * A follow-up on an account for one user or a team, due on a day not in the past. An agent gives
 * one to themselves, a colleague of their team or their team; a lead to anyone.
 */
export const createTask = z
  .object({
    type: z.literal('createTask'),
    accountNumber,
    kind: taskKind.exclude(['case-escalated']),
    assignee: z.union([
      z.object({ userId: userOrTeam }).strict(),
      z.object({ team: userOrTeam }).strict(),
    ]),
    dueOn: isoDay,
    note: z.string().trim().max(2000),
  })
  .strict();
export const createTaskResult = z.object({ taskId: recordId }).strict();

/** A task done (with what came of it) or cancelled, by its assignee, its team, or a lead. */
export const completeTask = z
  .object({
    type: z.literal('completeTask'),
    accountNumber,
    taskId: z.string().regex(/^[A-Za-z0-9-]{1,60}$/, 'a task id'),
    status: z.enum(['done', 'cancelled']),
    outcome: z.string().trim().min(1).max(2000),
  })
  .strict();
export const completeTaskResult = z.object({ taskId: recordId, doneOn: isoDay }).strict();
