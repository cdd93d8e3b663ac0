import type { ServiceOrderType } from '../cis/entities';
import { addBusinessDays, stateCalendar } from '../collections/calendar';
import type { RuleSource } from '../collections/policy';
import { compareDates, type PlainDate, parsePlainDate, Temporal } from '../dates';
import type { AppLocale } from '../i18n/format';
import {
  type EmergencyOrderType,
  type EscalationTarget,
  emergencyOrderTypes,
  type FieldServiceProfile,
} from './profile';

export type OrderPriority = 'routine' | 'high' | 'emergency';

export function isEmergency(type: ServiceOrderType): type is EmergencyOrderType {
  return (emergencyOrderTypes as readonly string[]).includes(type);
}

/** Emergencies first; a leak and a shut-off for nonpayment before routine reads and tests. */
export function orderPriority(type: ServiceOrderType): OrderPriority {
  if (isEmergency(type)) return 'emergency';
  return type === 'leak-investigation' || type === 'field-disconnect' ? 'high' : 'routine';
}

/** Why the day asked for could not be booked. */
export type DayMoved =
  | { reason: 'too-soon'; from: string; earliest: string }
  | { reason: 'weekend'; from: string }
  | { reason: 'holiday'; from: string; holiday: string };

export type OrderPlan =
  | { offered: false; type: ServiceOrderType }
  | {
      offered: true;
      type: ServiceOrderType;
      priority: OrderPriority;
      /** Instants (ISO) of the appointment window, and its local calendar day. */
      windowStart: string;
      windowEnd: string;
      day: string;
      moved: DayMoved | null;
      escalateTo: EscalationTarget[];
      respondWithinMinutes: number | null;
      source: RuleSource;
    };

export interface OrderClock {
  /** The instant the order is filed. */
  now: Date;
  /** The utility's calendar date (business rules are decided on it). */
  today: PlainDate;
  /** The day the customer asked for, YYYY-MM-DD. */
  preferred?: string;
}

/**
 * The priority, appointment window and escalation of a service order under the utility's field
 * service profile: an emergency from now to the crew's response target, told to whom the profile
 * names; other work on the first business day (no weekend, no state holiday) at or after both the
 * day asked for and the profile's lead time, in the profile's window, local time. A holiday that
 * moves the day is named in `language` where its name is translated.
 */
export function planServiceOrder(
  profile: FieldServiceProfile,
  type: ServiceOrderType,
  clock: OrderClock,
  language: AppLocale = 'en',
): OrderPlan {
  if (isEmergency(type)) {
    const e = profile.emergencies[type];
    if (!e) return { offered: false, type };
    const end = new Date(clock.now.getTime() + e.respondWithinMinutes * 60_000);
    return {
      offered: true,
      type,
      priority: 'emergency',
      windowStart: clock.now.toISOString(),
      windowEnd: end.toISOString(),
      day: clock.today.toString(),
      moved: null,
      escalateTo: e.escalateTo,
      respondWithinMinutes: e.respondWithinMinutes,
      source: e.source,
    };
  }
  const a = profile.appointment;
  const calendar = stateCalendar(profile.state);
  let earliest = addBusinessDays(calendar, clock.today, a.leadBusinessDays);
  while (!calendar.isBusinessDay(earliest)) earliest = earliest.add({ days: 1 });
  const asked = clock.preferred ? parsePlainDate(clock.preferred) : null;
  let day = earliest;
  let moved: DayMoved | null = null;
  if (asked && compareDates(asked, earliest) < 0) {
    moved = { reason: 'too-soon', from: asked.toString(), earliest: earliest.toString() };
  } else if (asked) {
    day = asked;
    const holiday = calendar.holidayName(asked, language);
    if (holiday) moved = { reason: 'holiday', from: asked.toString(), holiday };
    else if (asked.dayOfWeek >= 6) moved = { reason: 'weekend', from: asked.toString() };
    while (!calendar.isBusinessDay(day)) day = day.add({ days: 1 });
  }
  const at = (hour: number) =>
    day.toPlainDateTime({ hour }).toZonedDateTime(profile.timeZone).toInstant().toString();
  return {
    offered: true,
    type,
    priority: orderPriority(type),
    windowStart: at(a.startHour),
    windowEnd: at(a.endHour),
    day: day.toString(),
    moved,
    escalateTo: [],
    respondWithinMinutes: null,
    source: a.source,
  };
}

/** The utility's calendar date at an instant, in the profile's time zone. */
export function utilityToday(profile: FieldServiceProfile, now: Date): PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(profile.timeZone)
    .toPlainDate();
}
