import { z } from 'zod';
import { accountTask, caseResolution } from '../../cis';
import { channel } from '../define';
import { outboxItem } from './account';

const id = z.string().regex(/^[A-Za-z0-9-]{1,60}$/);

/**
 * The desk's follow-up: the caller's task list (their own and their team's open tasks, from the
 * CIS) and a lead's closing of a case, queued through the outbox like every command. Opening a
 * case, a note, a task and its completion are agent commands and go through `account.command`.
 */
export const followUpChannels = {
  'tasks.mine': channel(z.object({}).strict(), z.object({ tasks: z.array(accountTask) }), [
    'agent',
  ]),
  'cases.close': channel(
    z
      .object({
        accountNumber: z.string().regex(/^[A-Z0-9-]{4,20}$/),
        caseId: id,
        resolution: caseResolution,
        resolutionText: z.string().trim().min(1).max(4000),
        letterId: id.nullable(),
      })
      .strict(),
    outboxItem,
    ['lead'],
  ),
  /** Each team's open cases and those overdue, for the lead's board. */
  'cases.byTeam': channel(
    z.object({}).strict(),
    z.object({
      teams: z.array(
        z.object({
          team: z.string(),
          open: z.number().int().nonnegative(),
          overdue: z.number().int().nonnegative(),
        }),
      ),
    }),
    ['lead'],
  ),
} as const;
