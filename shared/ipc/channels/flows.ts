import { z } from 'zod';
import { flowIssueCodes } from '../../flows/issues';
import { publishFlowRequest } from '../../flows/published';
import { flowDefinition } from '../../flows/schema';
import { channel } from '../define';

export const flowIssue = z.object({
  code: z.enum(flowIssueCodes),
  step: z.string().optional(),
  field: z.string().optional(),
  line: z.number().int().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A flow in use: from the library shipped with Tapline, or published by a team lead. */
export const flowEntry = z.object({
  flow: flowDefinition,
  source: z.enum(['library', 'published']),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type FlowEntry = z.infer<typeof flowEntry>;

const terms = z.object({
  downPercent: z.number(),
  minMonths: z.number().int(),
  maxMonths: z.number().int(),
});

/** A utility as scripts read it (see shared/flows/utility-facts). */
export const utilityFactsView = z.object({
  name: z.string(),
  state: z.string(),
  service: z.enum(['water', 'electric']),
  terms: z.object({ residential: terms, commercial: terms }),
  maxArrangements: z.number().int().nullable(),
  writtenConfirmationDays: z.number().int().nullable(),
  shutoffRulesGathered: z.boolean(),
  usageThresholds: z.object({ highRatio: z.string(), lowRatio: z.string(), leakRatio: z.string() }),
  lines: z
    .object({
      customerServiceLine: z.string(),
      emergencyLine: z.string(),
      interpreterLine: z.string(),
      interpreterClientId: z.string(),
      leadQueue: z.string(),
      spanishQueue: z.string(),
    })
    .nullable(),
});

export const flowsList = z.object({
  flows: z.array(flowEntry),
  /** Every utility's facts, by id: what the flows read of the utility. */
  utilities: z.record(z.string(), utilityFactsView),
  /** Files that could not be used, with why (a team lead sees them in the authoring view). */
  problems: z.array(z.object({ file: z.string(), issues: z.array(flowIssue) })),
});
export type FlowsList = z.infer<typeof flowsList>;

const flowSource = publishFlowRequest;

export const flowsChannels = {
  'flows.list': channel(z.object({}).strict(), flowsList, ['agent']),
  /** Checks a file without saving it: the flow, or every problem with its line. */
  'flows.check': channel(
    flowSource,
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), flow: flowDefinition }),
      z.object({ ok: z.literal(false), issues: z.array(flowIssue) }),
    ]),
    ['lead'],
  ),
  /**
   * Publishes a valid flow, newer than the version in use, on the central system: every desk
   * (this one at once) uses it from its next call.
   */
  'flows.publish': channel(flowSource, z.object({ entry: flowEntry }), ['lead']),
} as const;

export const flowsEvents = {
  'flows.changed': flowsList,
} as const;
