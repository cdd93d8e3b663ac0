import { randomUUID } from 'node:crypto';
import { changed, type Handler, lockAccount } from '../context';
import { Rejection } from '../rejection';

export const addNote: Handler<'addNote'> = async (ctx, command) => {
  await lockAccount(ctx.tx, command.accountNumber);
  const id = randomUUID();
  await ctx.tx.query(
    'insert into notes (id, account_number, text, author_id, author_name, created_at) values ($1, $2, $3, $4, $5, $6)',
    [id, command.accountNumber, command.text, ctx.principal.userId, ctx.principal.name, ctx.now],
  );
  await changed(ctx, command.accountNumber, 'note', false);
  return { noteId: id };
};

/** A call, chat or visit as the desk recorded it, on an account or on none (a caller not found). */
export const recordInteraction: Handler<'recordInteraction'> = async (ctx, command) => {
  if (command.accountNumber) await lockAccount(ctx.tx, command.accountNumber);
  if (Date.parse(command.endedAt) < Date.parse(command.startedAt))
    throw new Rejection('cis:rejected.interactionTimes');
  const id = randomUUID();
  await ctx.tx.query(
    `insert into interactions (id, account_number, channel, reason, wrap_up_code, started_at, answered_at, ended_at,
       talk_seconds, hold_seconds, wrap_up_seconds, agent_id, language, notes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      command.accountNumber,
      command.channel,
      command.reason,
      command.wrapUpCode,
      command.startedAt,
      command.answeredAt,
      command.endedAt,
      command.talkSeconds,
      command.holdSeconds,
      command.wrapUpSeconds,
      ctx.principal.userId,
      command.language,
      command.notes,
    ],
  );
  if (command.accountNumber) await changed(ctx, command.accountNumber, 'interaction', false);
  return { interactionId: id };
};
