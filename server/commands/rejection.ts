import type { Command, CommandOutcome, Principal } from '../../shared/cis';
import type { Db } from '../db/database';

/** A command refused by the account's state or a rule; nothing it did is kept. */
export class Rejection extends Error {
  constructor(
    readonly reasonKey: string,
    readonly details: Record<string, unknown> = {},
    /** The decision to keep in the audit trail although the command's effects are undone. */
    readonly audit?: { action: string; details: Record<string, unknown> },
  ) {
    super(reasonKey);
    this.name = 'Rejection';
  }
}

/** Writes the audit row of a refused command, after its effects were rolled back. */
export async function auditRejection(
  db: Db,
  principal: Principal,
  command: Command,
  err: Rejection,
): Promise<void> {
  await db.query(
    'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
    [
      principal.userId,
      err.audit?.action ?? 'commandRejected',
      'accountNumber' in command ? command.accountNumber : null,
      JSON.stringify({
        type: command.type,
        reasonKey: err.reasonKey,
        details: err.details,
        ...(err.audit?.details ?? {}),
      }),
    ],
  );
}

export function outcomeOfRejection(err: Rejection): CommandOutcome {
  return { status: 'rejected', reasonKey: err.reasonKey, details: err.details };
}

/**
 * A command that failed for a reason no rule names (a fault of this server, found on this
 * command): refused and recorded like any refusal, so the desktop shows it and goes on with the
 * next command instead of sending this one again forever.
 */
export function failedCommand(err: unknown): Rejection {
  const code = (err as { code?: unknown } | null)?.code;
  return new Rejection(
    'cis:rejected.internal',
    { code: typeof code === 'string' ? code : null },
    {
      action: 'commandFailed',
      details: { error: err instanceof Error ? err.message : String(err) },
    },
  );
}
