import { parsePlainDate } from '../dates';
import { type AppLocale, formatMoney, formatPlainDate } from '../i18n/format';
import type { Cents } from '../money';
import type { CollectionPolicy } from './policy';
import { collectionsText } from './text';

/** The parts of a plan its schedule shows (a planned arrangement, or one the CIS created). */
export interface SchedulePlan {
  kind: string;
  downPaymentCents: Cents;
  installments: { number: number; due: string; amountCents: Cents; currentBillCents?: Cents }[];
  totalCents: Cents;
  currentBillsMustBePaid: boolean;
  /** The balance billed but not yet due, paid on its own due date beside the plan. */
  currentBalanceCents?: Cents;
  writtenConfirmationBy: string | null;
  notes?: string[];
}

export interface ScheduleInput {
  customerName: string;
  accountNumber: string;
  pastDueCents: Cents;
  /** The day the plan was made: the down payment is due then. */
  today: string;
}

export interface ScheduleRow {
  label: string;
  due: string;
  amount: string;
}

export interface ArrangementSchedule {
  locale: AppLocale;
  subject: string;
  title: string;
  before: string[];
  columns: { payment: string; due: string; amount: string };
  rows: ScheduleRow[];
  after: string[];
  /** The whole schedule as plain text, for an email. */
  text: string;
}

/**
 * The schedule of a payment arrangement in one language, as the customer receives it: each
 * payment with its due date and amount, what happens if one is missed (the policy's grace),
 * and when the utility confirms it in writing where a rule requires it.
 */
export function arrangementSchedule(
  policy: CollectionPolicy,
  plan: SchedulePlan,
  input: ScheduleInput,
  locale: AppLocale,
): ArrangementSchedule {
  const t = (key: string, params = {}) => collectionsText(locale, key, params);
  const money = (c: Cents) => formatMoney(c, locale);
  const date = (iso: string) => {
    const d = parsePlainDate(iso);
    return d ? formatPlainDate(d, locale, 'long') : iso;
  };
  const count = plan.installments.length;
  const rows: ScheduleRow[] = [];
  if (plan.downPaymentCents > 0)
    rows.push({
      label: t('schedule.down'),
      due: date(input.today),
      amount: money(plan.downPaymentCents),
    });
  for (const i of plan.installments) {
    rows.push({
      label:
        i.currentBillCents !== undefined
          ? t('schedule.installmentPlusCurrent', {
              number: i.number,
              count,
              current: money(i.currentBillCents),
            })
          : t('schedule.installment', { number: i.number, count }),
      due: date(i.due),
      amount: money(i.amountCents),
    });
  }
  const before = [
    input.customerName.trim()
      ? t('schedule.greeting', { name: input.customerName.trim() })
      : t('schedule.greetingNoName'),
    t(plan.kind === 'percent-of-income' ? 'schedule.introIncome' : 'schedule.intro', {
      account: input.accountNumber,
      pastDue: money(input.pastDueCents),
      total: money(plan.totalCents),
      count,
    }),
  ];
  const after = [
    ...(plan.currentBillsMustBePaid ? [t('schedule.currentBills')] : []),
    ...(plan.currentBalanceCents
      ? [t('schedule.currentBalance', { amount: money(plan.currentBalanceCents) })]
      : []),
    t('schedule.missed', { grace: policy.arrangement.graceDays.days }),
    ...(plan.writtenConfirmationBy
      ? [t('schedule.confirmBy', { date: date(plan.writtenConfirmationBy) })]
      : []),
    ...(plan.notes ?? []).map((key) => t(key)),
    t('schedule.questions', { utility: policy.utilityName }),
  ];
  const title = t('schedule.title', { account: input.accountNumber });
  const subject = t('schedule.subject', {
    account: input.accountNumber,
    utility: policy.utilityName,
  });
  const table = rows.map((r) => `  ${r.label} — ${r.due} — ${r.amount}`);
  const text = [title, '', ...before, '', ...table, '', ...after].join('\n');
  const columns = {
    payment: t('schedule.columns.payment'),
    due: t('schedule.columns.due'),
    amount: t('schedule.columns.amount'),
  };
  return { locale, subject, title, before, columns, rows, after, text };
}
