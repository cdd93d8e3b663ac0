import {
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

/**
 * Applies a client's commands exactly once and in order. Each command is its own transaction:
 * the client's last applied seq, the command's effects and its outcome are committed together,
 * so a crash leaves either all of it or none. A seq already applied answers its stored outcome;
 * a seq past a gap stops the batch with nothing after it applied.
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
  for (const item of ordered) {
    const result = await db.transaction(async (tx) => {
      await tx.query(
        'insert into sync_clients (client_id, last_seq) values ($1, 0) on conflict (client_id) do nothing',
        [clientId],
      );
      const { rows } = await tx.query<{ last_seq: number }>(
        'select last_seq from sync_clients where client_id = $1 for update',
        [clientId],
      );
      const last = rows[0].last_seq;
      lastApplied = last;
      if (item.seq <= last) {
        const stored = await tx.query<{ outcome: CommandOutcome }>(
          'select outcome from sync_results where client_id = $1 and seq = $2',
          [clientId, item.seq],
        );
        const outcome: CommandOutcome = stored.rows[0]?.outcome ?? {
          status: 'rejected',
          reasonKey: 'cis:rejected.forgotten',
          details: {},
        };
        return { kind: 'done' as const, result: { seq: item.seq, outcome, duplicate: true } };
      }
      if (item.seq > last + 1) return { kind: 'gap' as const };

      let outcome: CommandOutcome;
      const parsed = commandSchema.safeParse(item.command);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        outcome = {
          status: 'rejected',
          reasonKey: 'cis:rejected.invalidCommand',
          details: { field: issueField(issue), message: issue.message },
        };
      } else {
        await tx.query('savepoint command');
        try {
          const applied = await applyCommand(
            { tx, principal, now: options.now(), today: options.today(), mailer: options.mailer },
            parsed.data,
          );
          outcome = { status: 'applied', result: applied };
          await tx.query('release savepoint command');
        } catch (err) {
          if (isTransient(err)) throw err;
          // The refusal's audit rows are kept; the command's partial effects are not. When even
          // the rollback fails, the database is gone: the push fails and the desktop retries.
          await tx.query('rollback to savepoint command');
          const refusal = err instanceof Rejection ? err : failedCommand(err);
          outcome = outcomeOfRejection(refusal);
          await auditRejection(tx, principal, parsed.data, refusal);
        }
      }
      await tx.query('insert into sync_results (client_id, seq, outcome) values ($1, $2, $3)', [
        clientId,
        item.seq,
        JSON.stringify(outcome),
      ]);
      await tx.query('update sync_clients set last_seq = $2 where client_id = $1', [
        clientId,
        item.seq,
      ]);
      lastApplied = item.seq;
      return { kind: 'done' as const, result: { seq: item.seq, outcome, duplicate: false } };
    });
    if (result.kind === 'gap') {
      gapAt = item.seq;
      break;
    }
    results.push(result.result);
  }
  return { results, lastApplied, gapAt };
}
