import { z } from 'zod';
import { instant, language } from '../entities';
import { accountNumber, recordId, seconds } from './fields';

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
  .strict();
export const recordInteractionResult = z.object({ interactionId: recordId }).strict();
