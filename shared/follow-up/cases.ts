import type { AccountCase } from '../cis/entities';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import type { CaseKind, FollowUpSettings } from './settings';

/** The day a case of `kind` opened on `openedOn` must be answered by (calendar days). */
export function caseDueOn(settings: FollowUpSettings, kind: CaseKind, openedOn: PlainDate): string {
  return openedOn.add({ days: settings.caseDueDays[kind].days }).toString();
}

export type CaseUrgency = 'overdue' | 'due-soon' | 'on-time';

/**
 * How a case stands against its due date today: overdue the day after it, due soon from the
 * setting's days before it (the due day itself included), on time before that.
 */
export function caseUrgency(
  settings: FollowUpSettings,
  c: Pick<AccountCase, 'dueOn' | 'status'>,
  today: PlainDate,
): CaseUrgency {
  const due = parsePlainDate(c.dueOn)!;
  if (compareDates(today, due) > 0) return 'overdue';
  const from = due.subtract({ days: settings.escalateDaysBeforeDue.days });
  return compareDates(today, from) >= 0 ? 'due-soon' : 'on-time';
}

/** An open case goes to a lead once it is due soon or overdue, once. */
export function needsEscalation(
  settings: FollowUpSettings,
  c: Pick<AccountCase, 'dueOn' | 'status'>,
  today: PlainDate,
): boolean {
  return c.status === 'open' && caseUrgency(settings, c, today) !== 'on-time';
}

/**
 * The amount the account's open disputes hold from collection: not past due while its case is
 * open (escalated included), due again once the case is closed.
 */
export function disputedHeldCents(
  settings: Pick<FollowUpSettings, 'holdDisputedAmount'> | null,
  cases: Pick<AccountCase, 'kind' | 'status' | 'disputedCents'>[],
): number {
  if (settings && !settings.holdDisputedAmount.holds) return 0;
  return cases
    .filter((c) => c.kind === 'dispute' && c.status !== 'closed')
    .reduce((sum, c) => sum + c.disputedCents, 0);
}
