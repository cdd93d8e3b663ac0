import { z } from 'zod';
import { isoDay } from '../entities';
import { accountNumber, recordId } from './fields';

export const issueNotice = z
  .object({
    type: z.literal('issueNotice'),
    accountNumber,
    kind: z.enum(['disconnection', 'reminder']),
  })
  .strict();
/** A disconnection notice names the earliest day a shut-off may follow; a reminder none. */
export const issueNoticeResult = z
  .object({ noticeId: recordId, earliestDisconnection: isoDay.nullable() })
  .strict();
