import { z } from 'zod';
import {
  addUserRequest,
  changePasswordRequest,
  changeRoleRequest,
  principal as principalSchema,
  resetPasswordRequest,
  userReason,
  userSummary,
} from '../../shared/cis';
import type { Db } from '../db/database';
import { json, refusal } from '../http/answers';
import type { routeHelper } from '../http/route';
import type { SessionAuth } from './sessions';
import { auditSignIn, throttled, tooManyAttempts } from './throttle';
import {
  addUser,
  changeOwnPassword,
  changeRole,
  listUsers,
  resetPassword,
  setDisabled,
  UserChangeRefused,
} from './users';

type Route = ReturnType<typeof routeHelper>;

const STATUS_OF = {
  no_such_user: 404,
  username_taken: 409,
  last_admin: 409,
  own_account: 409,
  admin_exists: 409,
  weak_password: 422,
} as const;

/** A refusal of users.ts as the route's answer; anything else is the server's failure. */
function refused(err: unknown) {
  if (!(err instanceof UserChangeRefused)) throw err;
  const body = {
    error: err.code,
    message: err.message,
    ...(err.problem ? { field: err.problem } : {}),
  };
  return { status: STATUS_OF[err.code], body };
}

const userAnswer = {
  200: json('The user as it now is', userSummary),
  404: refusal('No user with this id or user name'),
  409: refusal('Refused: the last enabled administrator, or an administrator’s own account'),
};
const userParams = z.object({ user: z.string().min(1).max(60) });

/**
 * Users and passwords: a user changes a temporary password (public, throttled like sign-in), and
 * administrators list, add, disable, enable, reset and change the role of users. Each change is
 * audited with who made it and why (server/auth/users.ts).
 */
export function userRoutes(route: Route, db: Db, auth: SessionAuth, now: () => Date): void {
  route({
    method: 'POST',
    url: '/auth/password',
    summary: 'Choose a new password (a temporary one must be changed so); answers a session',
    tags: ['auth'],
    access: 'public',
    body: changePasswordRequest,
    responses: {
      200: json(
        'Changed: the session token and who it belongs to',
        z.object({ token: z.string(), principal: principalSchema }),
      ),
      401: refusal('Wrong user name or current password'),
      409: refusal('The new password is the current one'),
      422: refusal('The new password is too weak: the field names the rule'),
      429: refusal('Too many failed attempts for this user name or from this address: wait'),
    },
    handler: async ({ body, req, reply, answer }) => {
      const attempt = { username: body.username, address: req.ip };
      const at = now();
      const wait = await throttled(db, attempt, null, at);
      if (wait > 0) return answer(429, tooManyAttempts(reply, wait));
      try {
        const changed = await changeOwnPassword(db, body.username, body.password, body.newPassword);
        if (changed.ok) {
          await auditSignIn(db, 'signedIn', attempt, changed.userId, at);
          return changed.session;
        }
        if (changed.why === 'same')
          return answer(409, {
            error: 'same_password',
            message: 'choose a password other than the current one',
          });
        await auditSignIn(db, 'signInFailed', attempt, changed.userId, at);
        return answer(401, { error: 'bad_credentials', message: 'wrong user name or password' });
      } catch (err) {
        const r = refused(err);
        return answer(422, r.body);
      }
    },
  });

  route({
    method: 'GET',
    url: '/admin/users',
    summary: 'Every user of the server, disabled ones too (never a password)',
    tags: ['users'],
    access: 'admin',
    responses: { 200: json('By user name', z.object({ users: z.array(userSummary) })) },
    handler: async () => ({ users: await listUsers(db) }),
  });

  route({
    method: 'POST',
    url: '/admin/users',
    summary: 'Add a user with a temporary password, to be changed at the first sign-in',
    tags: ['users'],
    access: 'admin',
    body: addUserRequest,
    responses: {
      200: json('Added', userSummary),
      409: refusal('The user name is taken'),
      422: refusal('The temporary password is too weak: the field names the rule'),
    },
    handler: async ({ body, principal, answer }) => {
      try {
        const id = await addUser(db, principal.userId, body);
        const added = (await listUsers(db)).find((u) => u.id === id);
        return added!;
      } catch (err) {
        const r = refused(err);
        return r.status === 422 ? answer(422, r.body) : answer(409, r.body);
      }
    },
  });

  const change = (actor: string, reason: string) => ({
    actor,
    reason,
    endSessions: (userId: string) => auth.endSessionsOf(userId),
  });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    route({
      method: 'POST',
      url: `/admin/users/:user/${verb}`,
      summary: disabled
        ? 'Disable a user: their sessions end and their sockets close at once'
        : 'Enable a disabled user again',
      tags: ['users'],
      access: 'admin',
      params: userParams,
      body: userReason,
      responses: userAnswer,
      handler: async ({ params, body, principal, answer }) => {
        try {
          return await setDisabled(
            db,
            change(principal.userId, body.reason),
            params.user,
            disabled,
          );
        } catch (err) {
          const r = refused(err);
          return r.status === 404 ? answer(404, r.body) : answer(409, r.body);
        }
      },
    });
  }

  route({
    method: 'POST',
    url: '/admin/users/:user/password',
    summary: 'Reset a user’s password: a temporary one, changed at the next sign-in',
    tags: ['users'],
    access: 'admin',
    params: userParams,
    body: resetPasswordRequest,
    responses: {
      ...userAnswer,
      422: refusal('The temporary password is too weak: the field names the rule'),
    },
    handler: async ({ params, body, principal, answer }) => {
      try {
        return await resetPassword(
          db,
          change(principal.userId, body.reason),
          params.user,
          body.temporaryPassword,
        );
      } catch (err) {
        const r = refused(err);
        return r.status === 404
          ? answer(404, r.body)
          : r.status === 422
            ? answer(422, r.body)
            : answer(409, r.body);
      }
    },
  });

  route({
    method: 'POST',
    url: '/admin/users/:user/role',
    summary: 'Change a user’s role; their sessions end, they sign in again under it',
    tags: ['users'],
    access: 'admin',
    params: userParams,
    body: changeRoleRequest,
    responses: userAnswer,
    handler: async ({ params, body, principal, answer }) => {
      try {
        return await changeRole(db, change(principal.userId, body.reason), params.user, body.role);
      } catch (err) {
        const r = refused(err);
        return r.status === 404 ? answer(404, r.body) : answer(409, r.body);
      }
    },
  });
}
