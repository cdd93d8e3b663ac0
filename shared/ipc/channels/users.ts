import { z } from 'zod';
import {
  addUserRequest,
  changeRoleRequest,
  resetPasswordRequest,
  userReason,
  userSummary,
} from '../../cis/users';
import { channel } from '../define';

/** Which user an administrator acts on: their id or user name, as the CIS routes take it. */
const target = { user: z.string().trim().min(1).max(60) };

/**
 * The administrator's Users screen: the CIS's users, and the changes it makes to them, each with
 * a reason the server audits. Only an administrator may call them (the server checks again).
 */
export const usersChannels = {
  'users.list': channel(z.object({}).strict(), z.object({ users: z.array(userSummary) }), [
    'admin',
  ]),
  'users.add': channel(addUserRequest, userSummary, ['admin']),
  'users.disable': channel(userReason.extend(target).strict(), userSummary, ['admin']),
  'users.enable': channel(userReason.extend(target).strict(), userSummary, ['admin']),
  'users.resetPassword': channel(resetPasswordRequest.extend(target).strict(), userSummary, [
    'admin',
  ]),
  'users.changeRole': channel(changeRoleRequest.extend(target).strict(), userSummary, ['admin']),
} as const;

/** The CIS's refusals of a user change, each a code of `errors.json`. */
export const userRefusalCodes = [
  'no_such_user',
  'username_taken',
  'last_admin',
  'own_account',
  'weak_password',
] as const;
