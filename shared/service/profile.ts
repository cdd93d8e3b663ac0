import { z } from 'zod';
import { ruleSource } from '../collections/policy';

/** The emergency order types a utility may dispatch from the call center. */
export const emergencyOrderTypes = ['emergency-no-water', 'emergency-main-break'] as const;
export type EmergencyOrderType = (typeof emergencyOrderTypes)[number];

/** Who an emergency goes to (an i18n key under `calculators:service.escalation.*`). */
export const escalationTarget = z.enum([
  'distribution-dispatch',
  'on-call-supervisor',
  'water-quality',
]);
export type EscalationTarget = z.infer<typeof escalationTarget>;

const emergency = z
  .object({
    /** The crew's target to be on site, from the moment the order is filed. */
    respondWithinMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60),
    /** Told at once, in this order. */
    escalateTo: z.array(escalationTarget).min(1),
    source: ruleSource,
  })
  .strict();

/**
 * How a utility's field work is booked from the call center: the time zone its crews work in,
 * the appointment window of routine work on a business day, and which emergencies it dispatches
 * with what priority and escalation. Data, with the rule or the utility setting each comes from.
 */
export const fieldServiceProfile = z
  .object({
    utilityId: z.string(),
    /** The state whose holidays close the field office (date-holidays). */
    state: z.string().length(2),
    timeZone: z.string().min(3),
    appointment: z
      .object({
        /** Local hours of the window, on the first business day the work may be done. */
        startHour: z.number().int().min(0).max(23),
        endHour: z.number().int().min(1).max(23),
        /** Business days between the call and the first day routine work is booked. */
        leadBusinessDays: z.number().int().min(0).max(10),
        source: ruleSource,
      })
      .strict()
      .refine((a) => a.startHour < a.endHour, { message: 'startHour must be before endHour' }),
    emergencies: z.partialRecord(z.enum(emergencyOrderTypes), emergency),
    notes: z.array(z.string()),
  })
  .strict();
export type FieldServiceProfile = z.infer<typeof fieldServiceProfile>;
export type FieldServiceProfileInput = z.input<typeof fieldServiceProfile>;

export class FieldServiceProfileError extends Error {
  constructor(
    readonly utilityId: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `field service profile ${utilityId} refused: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'FieldServiceProfileError';
  }
}

/** Validates a profile on load: a malformed one is refused with the field and the reason. */
export function loadFieldServiceProfile(data: unknown): FieldServiceProfile {
  const parsed = fieldServiceProfile.safeParse(data);
  if (parsed.success) return parsed.data;
  const id =
    typeof data === 'object' && data && 'utilityId' in data
      ? String((data as { utilityId: unknown }).utilityId)
      : '?';
  throw new FieldServiceProfileError(
    id,
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
