import type { AccountDetail, AccountHeader, Address, Bill } from '../../shared/cis';
import { phoneDigits } from '../../shared/cis';
import type { AccountRecord } from '../../shared/collections';
import type { Db } from '../db/database';
import { casesOf } from './cases';
import { lettersOf, tasksOf } from './tasks';

interface HeaderRow {
  number: string;
  utility_id: string;
  name: string;
  preferred_language: 'en' | 'es';
  phones: { number: string }[];
  protections: {
    medicalCertificate: unknown;
    lifeSupport: boolean;
    lowIncome: boolean;
    bankruptcy: boolean;
  };
  address: Address;
  municipality: string;
  status: AccountHeader['status'];
  class: AccountHeader['class'];
  balance_cents: number;
  past_due_cents: number;
  past_due_days: number;
  version: number;
  active_arrangement: boolean;
  open_notices: number;
}

export const HEADER_SELECT = `
  select a.number, a.utility_id, c.name, c.preferred_language, c.phones, c.protections, p.address, p.municipality,
         a.status, a.class, a.balance_cents, a.past_due_cents, a.past_due_days, a.version,
         exists (select 1 from arrangements r where r.account_number = a.number and r.status = 'active') as active_arrangement,
         (select count(*)::int from notices n where n.account_number = a.number and n.status = 'open') as open_notices
    from accounts a
    join customers c on c.id = a.customer_id
    join premises p on p.id = a.premise_id`;

export function toHeader(r: HeaderRow): AccountHeader {
  const protections: AccountHeader['protections'] = [];
  if (r.protections.medicalCertificate) protections.push('medical');
  if (r.protections.lifeSupport) protections.push('life-support');
  if (r.protections.lowIncome) protections.push('low-income');
  if (r.protections.bankruptcy) protections.push('bankruptcy');
  return {
    number: r.number,
    utilityId: r.utility_id,
    name: r.name,
    phones: r.phones.map((p) => p.number),
    serviceAddress: `${r.address.line1}, ${r.address.city}`,
    municipality: r.municipality,
    status: r.status,
    class: r.class,
    balanceCents: r.balance_cents,
    pastDueCents: r.past_due_cents,
    pastDueDays: r.past_due_days,
    language: r.preferred_language,
    protections,
    activeArrangement: r.active_arrangement,
    openNotices: r.open_notices,
    version: r.version,
  };
}

export async function headerOf(db: Db, number: string): Promise<AccountHeader | null> {
  const { rows } = await db.query<HeaderRow>(`${HEADER_SELECT} where a.number = $1`, [number]);
  return rows[0] ? toHeader(rows[0]) : null;
}

export async function headersPage(db: Db, after: string, limit: number): Promise<AccountHeader[]> {
  const { rows } = await db.query<HeaderRow>(
    `${HEADER_SELECT} where a.number > $1 order by a.number limit $2`,
    [after, limit],
  );
  return rows.map(toHeader);
}

export async function headersByNumbers(db: Db, numbers: string[]): Promise<AccountHeader[]> {
  if (numbers.length === 0) return [];
  const { rows } = await db.query<HeaderRow>(`${HEADER_SELECT} where a.number = any($1::text[])`, [
    numbers,
  ]);
  return rows.map(toHeader);
}

export async function findByPhone(db: Db, phone: string): Promise<AccountHeader[]> {
  const digits = phoneDigits(phone);
  if (digits.length < 7) return [];
  const { rows } = await db.query<{ account_number: string }>(
    'select account_number from account_phones where digits = $1 limit 20',
    [digits],
  );
  return headersByNumbers(
    db,
    rows.map((r) => r.account_number),
  );
}

export async function searchAccounts(db: Db, q: string): Promise<AccountHeader[]> {
  const text = q.trim();
  if (!text) return [];
  const digits = phoneDigits(text);
  if (digits.length >= 7 && /^[\d\s()+.-]+$/.test(text)) return findByPhone(db, text);
  const { rows } = await db.query<HeaderRow>(
    `${HEADER_SELECT} where a.number = upper($1) or a.number like upper($1) || '%' or c.name ilike '%' || $1 || '%' or p.address->>'line1' ilike '%' || $1 || '%' order by a.number limit 25`,
    [text],
  );
  return rows.map(toHeader);
}

type Row = Record<string, unknown>;

/** A bill's lines as stored (`[code, descriptionKey, quantity, unit, rate, amountCents, tier, params]`). */
export function billLines(stored: unknown): Bill['lines'] {
  return (stored as unknown[][]).map(
    ([code, descriptionKey, quantity, unit, rate, amountCents, tier, params]) => ({
      code: String(code),
      descriptionKey: String(descriptionKey),
      quantity: String(quantity),
      unit: String(unit),
      rate: String(rate),
      amountCents: Number(amountCents),
      ...(tier ? { tier: Number(tier) } : {}),
      params: (params ?? {}) as Record<string, string | number>,
    }),
  );
}
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));

/** The account's row with its customer and premise, and the rows the rules weigh. */
async function queryAccount(db: Db, number: string) {
  const header = await headerOf(db, number);
  if (!header) return null;
  const one = async (sql: string) => (await db.query<Row>(sql, [number])).rows;
  const [acct] = await one(
    `select a.*, c.id as customer_id, c.name, c.preferred_language, c.phones, c.emails, c.mailing_address, c.protections,
            p.id as premise_id, p.address, p.municipality, p.vacant
       from accounts a join customers c on c.id = a.customer_id join premises p on p.id = a.premise_id where a.number = $1`,
  );
  const [
    bills,
    premiseBills,
    payments,
    adjustments,
    arrangements,
    notices,
    enrollments,
    cases,
    promises,
  ] = await Promise.all([
    one('select * from bills where account_number = $1 order by period_to desc'),
    one(
      `select b.period_from, b.period_to, b.total_cents from bills b join accounts a on a.number = b.account_number
          where a.premise_id = (select premise_id from accounts where number = $1) and a.number <> $1
          order by b.period_to desc`,
    ),
    one(
      `select p.*, coalesce((select json_agg(json_build_object('bucket', x.bucket, 'itemId', x.item_id,
                  'billId', x.bill_id, 'cents', x.cents) order by x.line)
                  from payment_allocations x where x.payment_id = p.id), '[]') as allocations
           from payments p where p.account_number = $1 order by p.paid_on desc, p.id desc`,
    ),
    one('select * from adjustments where account_number = $1 order by created_at desc'),
    one('select * from arrangements where account_number = $1 order by created_on desc'),
    one('select * from notices where account_number = $1 order by issued_on desc'),
    one('select * from enrollments where account_number = $1 order by enrolled_on desc'),
    casesOf(db, number),
    one('select * from promises where account_number = $1 order by made_on desc, created_at desc'),
  ]);
  return {
    one,
    acct,
    record: {
      header,
      customer: {
        id: String(acct.customer_id),
        name: String(acct.name),
        preferredLanguage: acct.preferred_language as 'en' | 'es',
        phones: acct.phones as AccountDetail['customer']['phones'],
        emails: acct.emails as string[],
        mailingAddress: acct.mailing_address as Address,
        protections: acct.protections as AccountDetail['customer']['protections'],
      },
      bills: bills.map((b) => ({
        id: String(b.id),
        periodFrom: String(b.period_from),
        periodTo: String(b.period_to),
        usage: String(b.usage),
        unit: String(b.unit),
        estimated: Boolean(b.estimated),
        totalCents: Number(b.total_cents),
        dueOn: String(b.due_on),
        lines: billLines(b.lines),
      })),
      premiseBills: premiseBills.map((b) => ({
        periodFrom: String(b.period_from),
        periodTo: String(b.period_to),
        totalCents: Number(b.total_cents),
      })),
      payments: payments.map((p) => ({
        id: String(p.id),
        paidOn: String(p.paid_on),
        amountCents: Number(p.amount_cents),
        tender: p.tender as 'check',
        status: p.status as 'posted',
        receiptNumber: (p.receipt_number as string | null) ?? null,
        channel: (p.channel as 'phone' | null) ?? null,
        drawerId: (p.drawer_id as string | null) ?? null,
        tenderDetail: (p.tender_detail as Record<string, string> | null) ?? {},
        allocations: (
          p.allocations as NonNullable<AccountDetail['payments'][number]['allocations']>
        ).map((a) => ({ ...a, cents: Number(a.cents) })),
        takenBy: (p.taken_by as string | null) ?? null,
        returnedOn: (p.returned_on as string | null) ?? null,
        returnReason: (p.return_reason as string | null) ?? null,
        returnCode: (p.return_code as string | null) ?? null,
      })),
      adjustments: adjustments.map((a) => ({
        id: String(a.id),
        kind: a.kind as 'leak',
        amountCents: Number(a.amount_cents),
        status: a.status as 'posted',
        reason: String(a.reason),
        approver: a.approver as 'agent',
        requestedBy: String(a.requested_by),
        decidedBy: (a.decided_by as string | null) ?? null,
        decisionReason: (a.decision_reason as string | null) ?? null,
        billId: ((a.basis as { billId?: string } | null)?.billId as string | undefined) ?? null,
        createdAt: iso(a.created_at)!,
        decidedAt: iso(a.decided_at ?? null),
      })),
      arrangements: arrangements.map((a) => ({
        id: String(a.id),
        kind: String(a.kind),
        status: a.status as 'active',
        createdOn: String(a.created_on),
        downPaymentCents: Number(a.down_payment_cents),
        totalCents: Number(a.total_cents),
        installments: a.installments as { number: number; due: string; amountCents: number }[],
      })),
      notices: notices.map((n) => ({
        id: String(n.id),
        kind: n.kind as 'disconnection',
        issuedOn: String(n.issued_on),
        amountCents: Number(n.amount_cents),
        earliestDisconnection: (n.earliest_disconnection as string | null) ?? null,
        status: n.status as 'open',
      })),
      enrollments: enrollments.map((e) => ({
        id: String(e.id),
        program: String(e.program),
        enrolledOn: String(e.enrolled_on),
        status: e.status as 'active',
        household:
          e.household_size === null || e.annual_income_cents === null
            ? null
            : { size: Number(e.household_size), annualIncomeCents: Number(e.annual_income_cents) },
      })),
      cases,
      promises: promises.map((p) => ({
        id: String(p.id),
        madeOn: String(p.made_on),
        promisedOn: String(p.promised_on),
        amountCents: Number(p.amount_cents),
        status: p.status as 'pending',
      })),
    } satisfies AccountRecord,
  };
}

/**
 * What the rules weigh about an account, exactly as its detail serves it to the desk: a command
 * reads it in its own transaction and decides with the same shared function the panel shows.
 */
export async function accountRecord(db: Db, number: string): Promise<AccountRecord | null> {
  return (await queryAccount(db, number))?.record ?? null;
}

export async function accountDetail(db: Db, number: string): Promise<AccountDetail | null> {
  const queried = await queryAccount(db, number);
  if (!queried) return null;
  const { one, acct, record } = queried;
  const [meters, reads, orders, interactions, notes, tasks, letters] = await Promise.all([
    one('select * from meters where account_number = $1 order by id'),
    one('select * from reads where account_number = $1 order by read_on'),
    one('select * from service_orders where account_number = $1 order by created_at desc'),
    one('select * from interactions where account_number = $1 order by started_at desc limit 50'),
    one('select * from notes where account_number = $1 order by created_at desc'),
    tasksOf(db, number),
    lettersOf(db, number),
  ]);
  return {
    header: record.header,
    customer: record.customer,
    premise: {
      id: String(acct.premise_id),
      address: acct.address as Address,
      municipality: String(acct.municipality),
      vacant: Boolean(acct.vacant),
    },
    depositCents: Number(acct.deposit_cents),
    depositDueCents: Number(acct.deposit_due_cents ?? 0),
    autopay: Boolean(acct.autopay),
    paperless: Boolean(acct.paperless),
    openedOn: String(acct.opened_on),
    pastDue: {
      totalCents: Number(acct.past_due_cents),
      days: Number(acct.past_due_days),
      over30Cents: Number(acct.over30_cents),
      over60Cents: Number(acct.over60_cents),
      over90Cents: Number(acct.over90_cents),
    },
    meters: meters.map((m) => ({
      id: String(m.id),
      servicePointId: String(m.service_point_id),
      size: String(m.size),
      type: m.type as 'water' | 'electric',
      multiplier: Number(m.multiplier),
      dials: Number(m.dials),
      installedOn: String(m.installed_on),
    })),
    reads: reads.map((r) => ({
      id: String(r.id),
      meterId: String(r.meter_id),
      date: String(r.read_on),
      value: Number(r.value),
      kind: r.kind as 'actual',
      source: r.source as 'field',
      status: r.status as 'posted',
      findings: (r.findings as { code: string }[]).map((f) => f.code),
      reason: (r.reason as string | null) ?? null,
      troubleCode: (r.trouble_code as string | null) ?? null,
      method: (r.method as string | null) ?? null,
    })),
    bills: record.bills,
    premiseBills: record.premiseBills,
    payments: record.payments,
    adjustments: record.adjustments,
    arrangements: record.arrangements,
    notices: record.notices,
    serviceOrders: orders.map((o) => ({
      id: String(o.id),
      type: o.type as 'reread',
      priority: o.priority as 'routine',
      status: o.status as 'open',
      windowStart: iso(o.window_start),
      windowEnd: iso(o.window_end),
      notes: String(o.notes),
      createdAt: iso(o.created_at)!,
      escalateTo: o.escalation ? String(o.escalation).split(',') : [],
      respondBy: iso(o.respond_by ?? null),
    })),
    interactions: interactions.map((i) => ({
      id: String(i.id),
      channel: i.channel as 'phone',
      reason: String(i.reason),
      wrapUpCode: String(i.wrap_up_code),
      startedAt: iso(i.started_at)!,
      answeredAt: iso(i.answered_at),
      endedAt: iso(i.ended_at)!,
      talkSeconds: Number(i.talk_seconds),
      holdSeconds: Number(i.hold_seconds),
      wrapUpSeconds: Number(i.wrap_up_seconds),
      agentId: String(i.agent_id),
      language: i.language as 'en',
      notes: String(i.notes),
    })),
    notes: notes.map((n) => ({
      id: String(n.id),
      text: String(n.text),
      authorId: String(n.author_id),
      authorName: String(n.author_name),
      createdAt: iso(n.created_at)!,
    })),
    enrollments: record.enrollments,
    promises: record.promises,
    cases: record.cases,
    tasks,
    letters,
  };
}
