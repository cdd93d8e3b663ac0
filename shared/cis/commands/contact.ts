import { z } from 'zod';
import { address, language } from '../entities';
import { accountNumber } from './fields';

export const updateContactInfo = z
  .object({
    type: z.literal('updateContactInfo'),
    accountNumber,
    phones: z
      .array(
        z
          .object({
            number: z.string().regex(/^\+?[0-9]{10,15}$/),
            kind: z.enum(['mobile', 'home', 'work']),
          })
          .strict(),
      )
      .max(5)
      .optional(),
    emails: z.array(z.string().email()).max(5).optional(),
    mailingAddress: address.optional(),
    preferredLanguage: language.optional(),
  })
  .strict();
/** Which details changed, not their values: the customer record keeps those. */
export const updateContactInfoResult = z
  .object({
    updated: z.array(z.enum(['phones', 'emails', 'mailingAddress', 'preferredLanguage'])),
  })
  .strict();
