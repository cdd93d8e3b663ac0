import type { CommandOf, CommandResult, CommandType, Principal } from '../../shared/cis';
import {
  type AccountRecord,
  type CollectionPolicy,
  getCollectionPolicy,
  type RuleCheck,
} from '../../shared/collections';
import { compareDates, type PlainDate, plainDate } from '../../shared/dates';
import { accountRecord } from '../cis/reads';
import type { Db } from '../db/database';
import type { Mailer } from '../follow-up/mailer';
import { Rejection } from './rejection';

/** What every command is applied with: its transaction, who sent it, and the utility's clock. */
export interface CommandContext {
  tx: Db;
  principal: Principal;
  now: Date;
  today: PlainDate;
  /** Sends the e-mail a command sends; a command that must send one is refused without it. */
  mailer?: Mailer;
}

export interface Change {
  accountNumber: string;
  kind: 'header' | 'detail';
  entity: string;
}

/** A command being applied: the changes it made, appended to the change log as it ends. */
export interface Applying extends CommandContext {
  changes: Change[];
}

/** Applies one command of its type inside the caller's transaction, or throws Rejection. */
export type Handler<K extends CommandType> = (
  ctx: Applying,
  command: CommandOf<K>,
) => Promise<CommandResult<K>>;

/** An account's own row, locked for the command's transaction. */
export interface AccountRow {
  number: string;
  utility_id: string;
  customer_id: string;
  premise_id: string;
  status: string;
  class: 'residential' | 'commercial';
  balance_cents: number;
  past_due_cents: number;
  past_due_days: number;
}

export async function lockAccount(tx: Db, number: string): Promise<AccountRow> {
  const { rows } = await tx.query<AccountRow>(
    'select * from accounts where number = $1 for update',
    [number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchAccount', { accountNumber: number });
  return rows[0];
}

/**
 * What the rules weigh about an account, read in the command's transaction in the shape its
 * detail gives the desk, so both decide with the same shared function (shared/collections
 * account-facts). Lock the account first.
 */
export async function recordOf(ctx: CommandContext, number: string): Promise<AccountRecord> {
  const record = await accountRecord(ctx.tx, number);
  if (!record) throw new Rejection('cis:rejected.noSuchAccount', { accountNumber: number });
  return record;
}

/** Records that an account changed: its version now, its change-log row as the command ends. */
export async function changed(
  ctx: Applying,
  number: string,
  entity: string,
  header: boolean,
): Promise<void> {
  await ctx.tx.query('update accounts set version = version + 1 where number = $1', [number]);
  ctx.changes.push({ accountNumber: number, kind: header ? 'header' : 'detail', entity });
}

/**
 * One key for every writer of the change log. A desktop pulls the rows after its cursor, so a
 * row must never become visible after a later one: a transaction takes this lock before it
 * draws its sequence numbers and keeps it until it commits, so appends commit in their order.
 */
const CHANGE_LOG_LOCK = 7_301_002;

/** Appends changes to the change log, in the order of commits (see CHANGE_LOG_LOCK). */
export async function appendChanges(tx: Db, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.query('select pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  await tx.query(
    `insert into change_log (account_number, kind, entity)
     select * from unnest($1::text[], $2::text[], $3::text[])`,
    [changes.map((c) => c.accountNumber), changes.map((c) => c.kind), changes.map((c) => c.entity)],
  );
}

/** Every money or service decision, with who made it: a row of the audit trail. */
export async function audit(
  ctx: CommandContext,
  action: string,
  account: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await ctx.tx.query(
    'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
    [ctx.principal.userId, action, account, JSON.stringify(details)],
  );
}

/** The rules a decision weighed, as the audit trail keeps them. */
export function rulesForAudit(rules: RuleCheck[]) {
  return rules.map((r) => ({ id: r.id, outcome: r.outcome, citation: r.citation }));
}

export function firstFailure(rules: RuleCheck[]): RuleCheck | undefined {
  return rules.find((r) => r.outcome === 'fail');
}

export function policyOf(account: AccountRow): CollectionPolicy {
  const policy = getCollectionPolicy(account.utility_id);
  if (!policy) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  return policy;
}

export function refusePastDate(ctx: CommandContext, day: string): void {
  if (compareDates(plainDate(day), ctx.today) < 0)
    throw new Rejection('cis:rejected.dateInPast', { date: day });
}
