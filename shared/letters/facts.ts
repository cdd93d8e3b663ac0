import type { AccountCase, AccountDetail } from '../cis/entities';
import { type PlainDate, parsePlainDate } from '../dates';
import { type AppLocale, formatMoney, formatPlainDate } from '../i18n/format';

/** What a letter is filled from: the account's detail, the case it answers, and the day. */
export interface LetterContext {
  detail: Pick<
    AccountDetail,
    'header' | 'customer' | 'bills' | 'arrangements' | 'notices' | 'depositDueCents' | 'cases'
  >;
  utility: { name: string; phone: string };
  case: AccountCase | null;
  /** The answer a case letter gives, written by the agent or lead. */
  answer: string | null;
  today: PlainDate;
}

type Value = { text: string } | { cents: number } | { date: string } | null;

const latest = <T>(list: T[], key: (t: T) => string) =>
  [...list].sort((a, b) => key(b).localeCompare(key(a)))[0];

/**
 * Every fact a template may name, and where it comes from. A fact the account does not have (no
 * arrangement, no open notice) is null: the letter is refused rather than printed with a gap.
 */
const FACTS = {
  'customer.name': (c) => ({ text: c.detail.customer.name }),
  'account.number': (c) => ({ text: c.detail.header.number }),
  'account.serviceAddress': (c) => ({ text: c.detail.header.serviceAddress }),
  'account.balance': (c) => ({ cents: c.detail.header.balanceCents }),
  'account.pastDue': (c) => ({ cents: c.detail.header.pastDueCents }),
  'letter.date': (c) => ({ date: c.today.toString() }),
  'utility.name': (c) => ({ text: c.utility.name }),
  'utility.phone': (c) => ({ text: c.utility.phone }),
  'arrangement.total': (c) => {
    const a = latest(
      c.detail.arrangements.filter((x) => x.status === 'active'),
      (x) => x.createdOn,
    );
    return a ? { cents: a.totalCents } : null;
  },
  'arrangement.installments': (c) => {
    const a = latest(
      c.detail.arrangements.filter((x) => x.status === 'active'),
      (x) => x.createdOn,
    );
    return a ? { text: String(a.installments.length) } : null;
  },
  'arrangement.firstDue': (c) => {
    const a = latest(
      c.detail.arrangements.filter((x) => x.status === 'active'),
      (x) => x.createdOn,
    );
    return a?.installments[0] ? { date: a.installments[0].due } : null;
  },
  'arrangement.installmentAmount': (c) => {
    const a = latest(
      c.detail.arrangements.filter((x) => x.status === 'active'),
      (x) => x.createdOn,
    );
    return a?.installments[0] ? { cents: a.installments[0].amountCents } : null;
  },
  'deposit.amount': (c) =>
    c.detail.depositDueCents > 0 ? { cents: c.detail.depositDueCents } : null,
  'notice.amount': (c) => {
    const n = openNotice(c);
    return n ? { cents: n.amountCents } : null;
  },
  'notice.earliestDisconnection': (c) => {
    const n = openNotice(c);
    return n?.earliestDisconnection ? { date: n.earliestDisconnection } : null;
  },
  'bill.total': (c) => {
    const b = latest(c.detail.bills, (x) => x.periodTo);
    return b ? { cents: b.totalCents } : null;
  },
  'bill.dueOn': (c) => {
    const b = latest(c.detail.bills, (x) => x.periodTo);
    return b ? { date: b.dueOn } : null;
  },
  'case.openedOn': (c) => (c.case ? { date: c.case.openedOn } : null),
  'case.reference': (c) => (c.case ? { text: c.case.id.slice(0, 8).toUpperCase() } : null),
  'case.disputedAmount': (c) => (c.case?.disputedCents ? { cents: c.case.disputedCents } : null),
  'case.answer': (c) => (c.answer ? { text: c.answer } : null),
} satisfies Record<string, (c: LetterContext) => Value>;

export type LetterFact = keyof typeof FACTS;
export const letterFacts = Object.keys(FACTS) as LetterFact[];

export function isLetterFact(name: string): name is LetterFact {
  return Object.hasOwn(FACTS, name);
}

function openNotice(c: LetterContext) {
  return latest(
    c.detail.notices.filter((n) => n.kind === 'disconnection' && n.status === 'open'),
    (n) => n.issuedOn,
  );
}

/** A fact as the letter prints it in `locale` (money and dates through Intl), or null. */
export function factText(name: LetterFact, c: LetterContext, locale: AppLocale): string | null {
  const v = FACTS[name](c);
  if (v === null) return null;
  if ('text' in v) return v.text;
  if ('cents' in v) return formatMoney(v.cents, locale);
  return formatPlainDate(parsePlainDate(v.date)!, locale, 'long');
}
