import { z } from 'zod';
import { adjustmentRequest, command, commandRoles } from '../../cis';
import { channel } from '../define';
import { outboxItem } from './account';

/** A command an agent may queue; a lead's decision goes through `approvals.decide`. */
export const agentCommand = command.refine((c) => commandRoles[c.type] === 'agent', {
  message: 'not an agent command',
  path: ['type'],
});

export const actionChannels = {
  /** Queues a command of the action panels in the outbox; its outcome arrives as `command.outcome`. */
  'account.command': channel(z.object({ command: agentCommand }).strict(), outboxItem, ['agent']),
  /** A payment's receipt as the central system's PDF (base64), in the customer's language. */
  'payments.receiptPdf': channel(
    z
      .object({
        accountNumber: z.string().regex(/^[A-Z0-9-]{4,20}$/),
        receiptNumber: z.string().regex(/^[A-Z]{1,4}-\d{8}$/),
        lang: z.enum(['en', 'es']),
      })
      .strict(),
    z.object({ base64: z.string() }),
    ['agent'],
  ),
  /** The caller's own adjustment requests of the last 30 days, with the lead's decision. */
  'approvals.mine': channel(
    z.object({}).strict(),
    z.object({ requested: z.array(adjustmentRequest) }),
    ['agent'],
  ),
  /** Adjustments above an agent's limit, waiting for a lead (or a manager). */
  'approvals.pending': channel(
    z.object({}).strict(),
    z.object({ pending: z.array(adjustmentRequest) }),
    ['lead'],
  ),
  'approvals.decide': channel(
    z
      .object({
        accountNumber: z.string().regex(/^[A-Z0-9-]{4,20}$/),
        adjustmentId: z.string().min(1).max(60),
        decision: z.enum(['approve', 'decline']),
        reason: z.string().trim().min(3).max(500),
      })
      .strict(),
    outboxItem,
    ['lead'],
  ),
} as const;
