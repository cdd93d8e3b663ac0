import { z } from 'zod';
import { isoDay, language } from '../entities';
import { accountNumber, household, recordId } from './fields';

export const enrollAssistance = z
  .object({
    type: z.literal('enrollAssistance'),
    accountNumber,
    program: z.string().regex(/^[a-z0-9-]{1,40}$/),
    household,
    senior: z.boolean().optional(),
  })
  .strict();
export const enrollAssistanceResult = z
  .object({ enrollmentId: recordId, program: z.string(), percentOfPoverty: z.number() })
  .strict();

export const recordRightsInformed = z
  .object({
    type: z.literal('recordRightsInformed'),
    accountNumber,
    /** The language the rights were read or sent in. */
    language,
    channel: z.enum(['read', 'mailed', 'emailed']),
  })
  .strict();
export const recordRightsInformedResult = z
  .object({ informedOn: isoDay, rightsKey: z.string() })
  .strict();
