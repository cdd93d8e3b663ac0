import { z } from 'zod';
import { roles } from '../ipc/roles';
import { containsCardNumber } from './cards';

export * from './password-rule';

import { language } from './entities';
import { isStorableText, UNSTORABLE_MESSAGE } from './text';

/**
 * The users of a production server, as administrators manage them: the password rule every
 * password a person chooses or an administrator sets must meet, and the messages of the admin
 * routes (server/users) and the desk's Users screen.
 */

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isStorableText, UNSTORABLE_MESSAGE)
    .refine((t) => !containsCardNumber(t), 'a card number cannot be stored here');

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '2 to 40 letters, digits, dots, dashes or underscores');

export const userRole = z.enum(roles);

/** A user as an administrator sees them (never their password or its hash). */
export const userSummary = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: userRole,
    languages: z.array(language),
    team: z.string(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .strict();
export type UserSummary = z.infer<typeof userSummary>;

/** Why an administrator did what they did: kept in the audit trail with who did it. */
const reason = text(300);

export const addUserRequest = z
  .object({
    username,
    name: text(100),
    role: userRole,
    languages: z.array(language).min(1).max(2).default(['en']),
    team: text(40).default('care'),
    temporaryPassword: z.string().min(1).max(200),
    reason,
  })
  .strict();
export type AddUserRequest = z.input<typeof addUserRequest>;

export const userReason = z.object({ reason }).strict();
export const resetPasswordRequest = z
  .object({ temporaryPassword: z.string().min(1).max(200), reason })
  .strict();
export const changeRoleRequest = z.object({ role: userRole, reason }).strict();

/** A user with a temporary password chooses their own: the old one proves who they are. */
export const changePasswordRequest = z
  .object({
    username: z.string().trim().min(1).max(60).refine(isStorableText, UNSTORABLE_MESSAGE),
    password: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(200),
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
