import { z } from 'zod';
import { instant, language } from '../entities';
import { accountNumber, recordId, seconds } from './fields';

/** A call's wrap-up, at most: a desk left in wrap-up past a day is not a call's work. */
const MAX_WRAP_UP_SECONDS = 86_400;

export const addNote = z
  .object({
    type: z.literal('addNote'),
    accountNumber,
    text: z.string().trim().min(1).max(4000),
  })
  .strict();
export const addNoteResult = z.object({ noteId: recordId }).strict();

export const recordInteraction = z
  .object({
    type: z.literal('recordInteraction'),
    accountNumber: accountNumber.nullable(),
    channel: z.enum(['phone', 'email', 'walk-in', 'chat']),
    reason: z.string().min(1).max(60),
    wrapUpCode: z.string().min(1).max(60),
    startedAt: instant,
    answeredAt: instant.nullable(),
    endedAt: instant,
    talkSeconds: seconds,
    holdSeconds: seconds,
    wrapUpSeconds: seconds,
    language,
    notes: z.string().max(8000),
  })
  .strict()
  .superRefine((c, ctx) => {
    // A call's talk and hold fit between its start and its end; its wrap-up within a day.
    const span = (Date.parse(c.endedAt) - Date.parse(c.startedAt)) / 1000;
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'before the start' });
    else if (c.talkSeconds + c.holdSeconds > Math.ceil(span) + 1) {
      ctx.addIssue({ code: 'custom', path: ['talkSeconds'], message: 'longer than the call' });
    }
    if (c.wrapUpSeconds > MAX_WRAP_UP_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['wrapUpSeconds'], message: 'longer than a day' });
    }
  });
export const recordInteractionResult = z.object({ interactionId: recordId }).strict();
