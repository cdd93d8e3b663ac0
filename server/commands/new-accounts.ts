import { randomUUID } from 'node:crypto';
import { phoneDigits } from '../../shared/cis';
import { type DepositDecision, depositOf } from '../../shared/collections';
import type { Db } from '../db/database';
import {
  type AccountRow,
  type Applying,
  type CommandContext,
  policyOf,
  rulesForAudit,
} from './context';

/** The customer of a new account: its holder, reached at the address given. */
export async function newCustomer(
  ctx: CommandContext,
  holder: { name: string; preferredLanguage: string; phone: string; email?: string },
  mailingAddress: unknown,
): Promise<string> {
  const id = randomUUID();
  await ctx.tx.query(
    `insert into customers (id, name, preferred_language, phones, emails, mailing_address, protections)
     values ($1, $2, $3, $4, $5, $6, '{"medicalCertificate":null,"lifeSupport":false,"lowIncome":false,"bankruptcy":false}')`,
    [
      id,
      holder.name,
      holder.preferredLanguage,
      JSON.stringify([{ number: holder.phone, kind: 'mobile' }]),
      JSON.stringify(holder.email ? [holder.email] : []),
      JSON.stringify(mailingAddress),
    ],
  );
  return id;
}

/**
 * The next free account number in the utility's numbering (its prefix, seven digits or more),
 * from the database's sequence: concurrent starts never share one. Numbers written without the
 * sequence (an import) move it past them once, the first time one is met.
 */
async function nextAccountNumber(tx: Db, prefix: string): Promise<string> {
  const draw = async () => {
    const { rows } = await tx.query<{ n: number }>("select nextval('account_numbers') as n");
    return `${prefix}-${String(rows[0].n).padStart(7, '0')}`;
  };
  const taken = async (number: string) =>
    (await tx.query('select 1 from accounts where number = $1', [number])).rows.length > 0;
  let number = await draw();
  if (!(await taken(number))) return number;
  await tx.query(
    `select setval('account_numbers', greatest(nextval('account_numbers'),
       (select max(substring(number from '-([0-9]{1,15})$')::bigint) from accounts where number like $1 || '-%')))`,
    [prefix],
  );
  number = await draw();
  if (await taken(number)) throw new Error(`account number ${number} is taken`);
  return number;
}

/** A new account in the utility's numbering, pending its start; the desktops hear of it. */
export async function openAccount(
  ctx: Applying,
  like: AccountRow,
  a: {
    customerId: string;
    premiseId: string;
    class: 'residential' | 'commercial';
    openedOn: string;
    depositCents: number;
    depositDueCents: number;
    phone: string | null;
  },
): Promise<string> {
  const number = await nextAccountNumber(ctx.tx, like.number.split('-')[0]);
  await ctx.tx.query(
    `insert into accounts (number, utility_id, customer_id, premise_id, status, class, opened_on, deposit_cents, deposit_due_cents)
     values ($1, $2, $3, $4, 'pending-start', $5, $6, $7, $8)`,
    [
      number,
      like.utility_id,
      a.customerId,
      a.premiseId,
      a.class,
      a.openedOn,
      a.depositCents,
      a.depositDueCents,
    ],
  );
  const { rows: phones } = a.phone
    ? { rows: [{ number: a.phone }] }
    : await ctx.tx
        .query<{ phones: { number: string }[] }>('select phones from customers where id = $1', [
          a.customerId,
        ])
        .then((r) => ({ rows: r.rows[0]?.phones ?? [] }));
  for (const p of phones) {
    await ctx.tx.query(
      'insert into account_phones (account_number, digits) values ($1, $2) on conflict do nothing',
      [number, phoneDigits(p.number)],
    );
  }
  ctx.changes.push({ accountNumber: number, kind: 'header', entity: 'account' });
  return number;
}

/** The deposit as the command's result gives it to the desk: amount, waiver, the rules. */
export function depositResult(d: DepositDecision) {
  return {
    amountCents: d.amountCents,
    waived: d.waived,
    rules: d.rules.map((r) => ({
      id: r.id,
      messageKey: r.messageKey,
      params: r.params,
      citation: r.citation,
    })),
  };
}

export function depositAudit(d: DepositDecision) {
  return { amountCents: d.amountCents, waived: d.waived, rules: rulesForAudit(d.rules) };
}

/** The deposit the account's utility asks of a service at a premise (shared/collections depositOf). */
export function depositFor(
  ctx: CommandContext,
  account: AccountRow,
  premise: Parameters<typeof depositOf>[1],
  request: Parameters<typeof depositOf>[2],
): DepositDecision {
  return depositOf(policyOf(account), premise, request, ctx.today);
}
