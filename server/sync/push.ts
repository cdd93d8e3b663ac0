import {
  type Command,
  type CommandOutcome,
  command as commandSchema,
  type Principal,
  type PushResponse,
} from '../../shared/cis';
import type { Temporal } from '../../shared/dates';
import {
  applyCommand,
  auditRejection,
  failedCommand,
  isTransient,
  outcomeOfRejection,
  Rejection,
} from '../commands';
import type { Db } from '../db/database';
import type { Mailer } from '../follow-up/mailer';
import { issueField } from '../validation';

/** A push under a client id that another user's desktop pushed under first. */
export class ClientOfAnotherUser extends Error {
  constructor() {
    super('this client id belongs to another user');
  }
}

/**
 * Binds a client id to the user pushing under it the first time; refuses another user. The
 * desktop derives one client id per user from its workstation id, so a user's own pushes never
 * meet another's.
 */
async function claimClient(db: Db, clientId: string, userId: string): Promise<void> {
  await db.query(
    `insert into sync_clients (client_id, last_seq, user_id) values ($1, 0, $2)
     on conflict (client_id) do update set user_id = $2 where sync_clients.user_id is null`,
    [clientId, userId],
  );
  const { rows } = await db.query<{ user_id: string }>(
    'select user_id from sync_clients where client_id = $1',
    [clientId],
  );
  if (rows[0]?.user_id !== userId) throw new ClientOfAnotherUser();
}

export interface PushOptions {
  now: () => Date;
  /** The utility's calendar date for "today" (rules are decided on calendar dates). */
  today: () => Temporal.PlainDate;
  /** Sends the e-mail a command sends (a letter by e-mail); none where it is not set. */
  mailer?: Mailer;
}

/** A command that failed or was refused: its transaction is rolled back, its refusal recorded. */
class Refused {
  constructor(
    readonly refusal: Rejection,
    readonly command: Command,
  ) {}
}

/**
 * Applies a client's commands exactly once and in order. Each command is its own transaction:
 * the client's last applied seq, the command's effects and its outcome are committed together,
 * so a crash leaves either all of it or none. A seq already applied answers its stored outcome;
 * a seq past a gap stops the batch with nothing after it applied.
 *
 * The commands' commits do not each wait for the log to reach the disk (`synchronous_commit =
 * off`); one durable write after the batch, before the answer, flushes the log through every
 * one of them (the log is written in order). If PostgreSQL itself stops before that flush, the
 * batch's last commits are lost with their seqs, no answer was sent, and the desktop sends them
 * again: still exactly once. A refused command rolls back whatever it did and its refusal is
 * recorded in a transaction of its own, so an applied command needs no savepoint.
 */
export async function pushCommands(
  db: Db,
  principal: Principal,
  clientId: string,
  commands: { seq: number; issuedAt: string; command: unknown }[],
  options: PushOptions,
): Promise<PushResponse> {
  await claimClient(db, clientId, principal.userId);
  const results: PushResponse['results'] = [];
  let lastApplied = 0;
  let gapAt: number | null = null;
  const ordered = [...commands].sort((a, b) => a.seq - b.seq);
  try {
    for (const item of ordered) {
      const result = await inOrder(db, clientId, item.seq, async (tx) => {
        const parsed = commandSchema.safeParse(item.command);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return {
            status: 'rejected',
            reasonKey: 'cis:rejected.invalidCommand',
            details: { field: issueField(issue), message: issue.message },
          } satisfies CommandOutcome;
        }
        try {
          const applied = await applyCommand(
            { tx, principal, now: options.now(), today: options.today(), mailer: options.mailer },
            parsed.data,
          );
          return { status: 'applied', result: applied } satisfies CommandOutcome;
        } catch (err) {
          if (isTransient(err)) throw err;
          throw new Refused(err instanceof Rejection ? err : failedCommand(err), parsed.data);
        }
      }).catch(async (err) => {
        if (!(err instanceof Refused)) throw err;
        // The command's partial effects went with its transaction; its refusal is kept. When
        // the database is gone, this fails too: the push fails and the desktop retries.
        return inOrder(db, clientId, item.seq, async (tx) => {
          await auditRejection(tx, principal, err.command, err.refusal);
          return outcomeOfRejection(err.refusal);
        });
      });
      lastApplied = result.last;
      if (result.kind === 'gap') {
        gapAt = item.seq;
        break;
      }
      results.push(result.result);
    }
  } finally {
    // The durable write that flushes the log through every commit above (before the answer).
    await db.query('update sync_clients set last_seq = last_seq where client_id = $1', [clientId]);
  }
  return { results, lastApplied, gapAt };
}

type InOrder =
  | { kind: 'done'; last: number; result: PushResponse['results'][number] }
  | { kind: 'gap'; last: number };

/**
 * One seq of a client in one transaction: its stored outcome when it was applied before, a gap
 * when an earlier seq is missing, or `apply`'s outcome recorded with the seq as the client's last.
 */
async function inOrder(
  db: Db,
  clientId: string,
  seq: number,
  apply: (tx: Db) => Promise<CommandOutcome>,
): Promise<InOrder> {
  return db.transaction(async (tx) => {
    await tx.query('set local synchronous_commit = off');
    const { rows } = await tx.query<{ last_seq: number }>(
      'select last_seq from sync_clients where client_id = $1 for update',
      [clientId],
    );
    const last = rows[0].last_seq;
    if (seq <= last) {
      const stored = await tx.query<{ outcome: CommandOutcome }>(
        'select outcome from sync_results where client_id = $1 and seq = $2',
        [clientId, seq],
      );
      const outcome: CommandOutcome = stored.rows[0]?.outcome ?? {
        status: 'rejected',
        reasonKey: 'cis:rejected.forgotten',
        details: {},
      };
      return { kind: 'done', last, result: { seq, outcome, duplicate: true } };
    }
    if (seq > last + 1) return { kind: 'gap', last };
    const outcome = await apply(tx);
    await tx.query(
      `with result as (insert into sync_results (client_id, seq, outcome) values ($1, $2, $3))
       update sync_clients set last_seq = $2 where client_id = $1`,
      [clientId, seq, JSON.stringify(outcome)],
    );
    return { kind: 'done', last: seq, result: { seq, outcome, duplicate: false } };
  });
}
