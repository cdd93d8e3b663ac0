import type { FastifyReply } from 'fastify';
import type { Db } from '../db/database';

/**
 * Slows down password guessing: after FREE_FAILURES failed sign-ins of one user name (or
 * FREE_FAILURES_PER_ADDRESS from one address: a call centre's desks may share one) within
 * WINDOW_MINUTES, each further attempt waits twice as long as the one before (1 s, 2 s, 4 s ...
 * at most MAX_WAIT_SECONDS) after the last failure. Counted from the audit trail, so every
 * instance of the server sees the same attempts.
 */
export const FREE_FAILURES = 5;
export const FREE_FAILURES_PER_ADDRESS = 50;
export const WINDOW_MINUTES = 15;
export const MAX_WAIT_SECONDS = 15 * 60;

export interface Attempt {
  username: string;
  address: string;
}

/** Seconds to wait before another attempt, or 0. */
export async function secondsToWait(db: Db, attempt: Attempt, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const { rows } = await db.query<{ n: number; last: Date | string | null }>(
    `select count(*)::int as n, max(at) as last from audit
      where action = 'signInFailed' and at > $2 and details ->> $3 = $1`,
    [attempt.username.toLowerCase(), since, 'username'],
  );
  const byAddress = await db.query<{ n: number; last: Date | string | null }>(
    `select count(*)::int as n, max(at) as last from audit
      where action = 'signInFailed' and at > $2 and details ->> $3 = $1`,
    [attempt.address, since, 'address'],
  );
  let wait = 0;
  const counted: [(typeof rows)[0] | undefined, number][] = [
    [rows[0], FREE_FAILURES],
    [byAddress.rows[0], FREE_FAILURES_PER_ADDRESS],
  ];
  for (const [r, free] of counted) {
    if (!r || r.n < free || r.last === null) continue;
    const seconds = Math.min(2 ** (r.n - free), MAX_WAIT_SECONDS);
    const until = new Date(r.last).getTime() + seconds * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/**
 * Whether an attempt (a sign-in, an unlock, a password change) must wait: the seconds, the
 * attempt audited as throttled; 0 when it may go on.
 */
export async function throttled(
  db: Db,
  attempt: Attempt,
  userId: string | null,
  now: Date,
): Promise<number> {
  const wait = await secondsToWait(db, attempt, now);
  if (wait > 0) await auditSignIn(db, 'signInThrottled', attempt, userId, now);
  return wait;
}

/** The 429 answer's body, with Retry-After set on the reply. */
export function tooManyAttempts(reply: FastifyReply, wait: number) {
  reply.header('retry-after', String(wait));
  return {
    error: 'too_many_attempts',
    message: `too many failed attempts: try again in ${wait} s`,
  };
}

/**
 * One audit row per sign-in (and per unlock of a locked desk, whose failures count as sign-in
 * failures): who (when known), the user name and address tried, the outcome.
 */
export async function auditSignIn(
  db: Db,
  action: 'signedIn' | 'signInFailed' | 'signInThrottled' | 'unlocked' | 'passwordChangeRequired',
  attempt: Attempt,
  userId: string | null,
  now: Date,
): Promise<void> {
  await db.query('insert into audit (at, user_id, action, details) values ($1, $2, $3, $4)', [
    now,
    userId ?? '-',
    action,
    JSON.stringify({ username: attempt.username.toLowerCase(), address: attempt.address }),
  ]);
}
