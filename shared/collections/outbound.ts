import { z } from 'zod';
import { ruleSource } from './policy';

/** The outcomes an agent records for one outbound collections call. */
export const callOutcomes = [
  'promise',
  'arrangement',
  'refused',
  'wrong-number',
  'no-answer',
  'left-message',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const days = (max: number) =>
  z.object({ days: z.number().int().min(0).max(max), source: ruleSource }).strict();

/**
 * A utility's outbound collections settings: how far ahead and how often a customer may promise
 * to pay, the hours a customer may be called (local time where they live), and when an account
 * worked with each outcome is offered again. None of these was gathered for the utilities Tapline
 * ships: each is Tapline's default, labelled with the setting to change.
 */
export const outboundSettingsSchema = z
  .object({
    utilityId: z.string().min(1),
    promises: z
      .object({
        /** The promised date is at most this many days after the day it is made. */
        maxDaysAhead: days(90),
        /** At most this many promises made in the 365 days up to and including today. */
        maxPerYear: z
          .object({ count: z.number().int().min(1).max(52), source: ruleSource })
          .strict(),
      })
      .strict(),
    callingHours: z
      .object({ from: hhmm, to: hhmm, source: ruleSource })
      .strict()
      .refine((h) => h.from < h.to, { message: 'from is not before to', path: ['from'] }),
    /** Days until an account worked with the outcome is offered again; null: it leaves the list. */
    offerAgainAfter: z
      .object(
        Object.fromEntries(
          callOutcomes.map((o) => [
            o,
            z
              .object({ days: z.number().int().min(0).max(365).nullable(), source: ruleSource })
              .strict(),
          ]),
        ) as Record<
          CallOutcome,
          z.ZodObject<{ days: z.ZodNullable<z.ZodNumber>; source: typeof ruleSource }>
        >,
      )
      .strict(),
  })
  .strict();
export type OutboundSettings = z.output<typeof outboundSettingsSchema>;
export type OutboundSettingsInput = z.input<typeof outboundSettingsSchema>;

export function loadOutboundSettings(input: OutboundSettingsInput): OutboundSettings {
  return outboundSettingsSchema.parse(input);
}

/** Tapline's defaults where no rule was gathered: each names the setting to change. */
export const DEFAULT_OUTBOUND = {
  promiseMaxDaysAhead: 14,
  promiseMaxPerYear: 2,
  callingHours: { from: '08:00', to: '21:00' },
  offerAgainAfter: {
    promise: null,
    arrangement: null,
    refused: 7,
    'wrong-number': null,
    'no-answer': 1,
    'left-message': 2,
  } satisfies Record<CallOutcome, number | null>,
} as const;

function notGathered(utilityId: string, setting: string, value: string) {
  return {
    citation: `not gathered: Tapline's default ${value}`,
    utilitySetting: true,
    note: `set ${setting} in shared/utilities/${utilityId}/outbound.ts`,
  };
}

/** Outbound settings from Tapline's defaults (no utility's rule for them was gathered). */
export function defaultOutboundSettings(utilityId: string): OutboundSettingsInput {
  const d = DEFAULT_OUTBOUND;
  return {
    utilityId,
    promises: {
      maxDaysAhead: {
        days: d.promiseMaxDaysAhead,
        source: notGathered(
          utilityId,
          'promises.maxDaysAhead',
          `${d.promiseMaxDaysAhead} days ahead`,
        ),
      },
      maxPerYear: {
        count: d.promiseMaxPerYear,
        source: notGathered(
          utilityId,
          'promises.maxPerYear',
          `${d.promiseMaxPerYear} promises in 365 days`,
        ),
      },
    },
    callingHours: {
      ...d.callingHours,
      source: notGathered(
        utilityId,
        'callingHours',
        `${d.callingHours.from}–${d.callingHours.to} in the customer's time zone`,
      ),
    },
    offerAgainAfter: Object.fromEntries(
      callOutcomes.map((o) => {
        const days = d.offerAgainAfter[o];
        return [
          o,
          {
            days,
            source: notGathered(
              utilityId,
              `offerAgainAfter.${o}`,
              days === null ? 'leaves the list' : `offered again after ${days} days`,
            ),
          },
        ];
      }),
    ) as OutboundSettingsInput['offerAgainAfter'],
  };
}
