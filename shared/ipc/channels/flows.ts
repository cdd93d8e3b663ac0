import { z } from 'zod';
import { flowDefinition } from '../../flows/schema';
import { flowIssueCodes } from '../../flows/validate';
import { channel } from '../define';

export const flowIssue = z.object({
  code: z.enum(flowIssueCodes),
  step: z.string().optional(),
  field: z.string().optional(),
  line: z.number().int().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A flow in use: from the library shipped with Tapline, or loaded by a team lead. */
export const flowEntry = z.object({
  flow: flowDefinition,
  source: z.enum(['library', 'loaded']),
  loadedBy: z.string().nullable(),
  loadedAt: z.string().nullable(),
});
export type FlowEntry = z.infer<typeof flowEntry>;

export const flowsList = z.object({
  flows: z.array(flowEntry),
  /** Files that could not be used, with why (a team lead sees them in the authoring view). */
  problems: z.array(z.object({ file: z.string(), issues: z.array(flowIssue) })),
});
export type FlowsList = z.infer<typeof flowsList>;

/** A flow file as written; 200 KB is far above any flow and under the message limit. */
const flowSource = z.object({ source: z.string().max(200_000) }).strict();

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
  /** Saves a valid flow, newer than the version in use, and puts it in use from the next call. */
  'flows.save': channel(flowSource, z.object({ entry: flowEntry }), ['lead']),
} as const;

export const flowsEvents = {
  'flows.changed': flowsList,
} as const;
