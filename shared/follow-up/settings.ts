import { z } from 'zod';
import { ruleSource } from '../collections/policy';

export const caseKinds = ['complaint', 'dispute', 'claim', 'request'] as const;
export type CaseKind = (typeof caseKinds)[number];

const days = (max: number) =>
  z.object({ days: z.number().int().positive().max(max), source: ruleSource }).strict();

/**
 * A utility's follow-up settings: the days it allows to answer each kind of case, how close to
 * the due date a case goes to a lead, and whether an open dispute holds its amount from
 * collection. Where a published rule was gathered, its citation; otherwise Tapline's default,
 * labelled "not gathered" with the setting to change.
 */
export const followUpSettingsSchema = z
  .object({
    utilityId: z.string().min(1),
    caseDueDays: z.object(Object.fromEntries(caseKinds.map((k) => [k, days(365)]))).strict(),
    escalateDaysBeforeDue: z
      .object({ days: z.number().int().nonnegative().max(60), source: ruleSource })
      .strict(),
    holdDisputedAmount: z.object({ holds: z.boolean(), source: ruleSource }).strict(),
    /** What a letter prints at its head: the utility's name and return address. */
    letterhead: z
      .object({
        name: z.string().min(1).max(80),
        address: z.array(z.string().min(1).max(80)).min(1).max(4),
        source: ruleSource,
      })
      .strict(),
  })
  .strict();
export type FollowUpSettings = {
  utilityId: string;
  caseDueDays: Record<CaseKind, { days: number; source: z.infer<typeof ruleSource> }>;
  escalateDaysBeforeDue: { days: number; source: z.infer<typeof ruleSource> };
  holdDisputedAmount: { holds: boolean; source: z.infer<typeof ruleSource> };
  letterhead: { name: string; address: string[]; source: z.infer<typeof ruleSource> };
};
export type FollowUpSettingsInput = z.input<typeof followUpSettingsSchema>;

export function loadFollowUpSettings(input: FollowUpSettingsInput): FollowUpSettings {
  return followUpSettingsSchema.parse(input) as FollowUpSettings;
}

/** Tapline's defaults where no utility rule was gathered: each names the setting to change. */
export const DEFAULT_CASE_DUE_DAYS: Record<CaseKind, number> = {
  complaint: 30,
  dispute: 30,
  claim: 30,
  request: 10,
};
export const DEFAULT_ESCALATE_DAYS_BEFORE_DUE = 3;

/** A setting whose rule was not gathered: Tapline's default, and where the utility changes it. */
export function notGathered(utilityId: string, setting: string, value: string) {
  return {
    citation: `not gathered: Tapline's default ${value}`,
    utilitySetting: true,
    note: `set ${setting} in shared/utilities/${utilityId}/follow-up.ts`,
  };
}

/** Follow-up settings from Tapline's defaults, with any gathered rule given in `gathered`. */
export function defaultFollowUpSettings(
  utilityId: string,
  letterhead: { name: string; address: string[] },
  gathered: Partial<Pick<FollowUpSettingsInput, 'holdDisputedAmount'>> = {},
): FollowUpSettingsInput {
  return {
    utilityId,
    letterhead: {
      ...letterhead,
      source: {
        citation:
          'utility setting: the name and town are the utility’s; its street or box for replies was not gathered',
        utilitySetting: true,
        note: `set letterhead.address in shared/utilities/${utilityId}/follow-up.ts`,
      },
    },
    caseDueDays: Object.fromEntries(
      caseKinds.map((k) => [
        k,
        {
          days: DEFAULT_CASE_DUE_DAYS[k],
          source: notGathered(
            utilityId,
            `caseDueDays.${k}`,
            `${DEFAULT_CASE_DUE_DAYS[k]} calendar days`,
          ),
        },
      ]),
    ) as FollowUpSettingsInput['caseDueDays'],
    escalateDaysBeforeDue: {
      days: DEFAULT_ESCALATE_DAYS_BEFORE_DUE,
      source: notGathered(
        utilityId,
        'escalateDaysBeforeDue',
        `${DEFAULT_ESCALATE_DAYS_BEFORE_DUE} days before the due date`,
      ),
    },
    holdDisputedAmount: gathered.holdDisputedAmount ?? {
      holds: true,
      source: notGathered(
        utilityId,
        'holdDisputedAmount',
        'an open dispute holds its amount from collection',
      ),
    },
  };
}
