import { z } from 'zod';
import { serviceOrderType } from '../cis/entities';

/**
 * The shape of a call flow file (YAML or JSON). Shape only: that every step a flow points to
 * exists, that each can be reached and leads to an end, that prompts carry both languages and
 * name only variables the account has, is checked by `validateFlow` with errors of its own.
 */

/** Languages every prompt must carry. */
export const promptLocales = ['en', 'es'] as const;
export type PromptLocale = (typeof promptLocales)[number];

/** A text in each language; which languages are present is checked after the shape. */
export const localized = z.record(z.string(), z.string());
export type Localized = z.infer<typeof localized>;

export const stepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')
  .max(60);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export type Condition =
  | {
      var: string;
      eq?: string | number | boolean;
      ne?: string | number | boolean;
      gt?: number;
      gte?: number;
      lt?: number;
      lte?: number;
      in?: (string | number)[];
      set?: boolean;
    }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const comparisonOps = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'set'] as const;

const comparison = z
  .object({
    var: z.string().min(1),
    eq: scalar.optional(),
    ne: scalar.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    set: z.boolean().optional(),
  })
  .strict()
  .refine((c) => comparisonOps.filter((op) => c[op] !== undefined).length === 1, {
    message: 'one comparison: eq, ne, gt, gte, lt, lte, in or set',
  });

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    comparison,
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
  ]),
);

export const answerSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('yes-no') }).strict(),
  z
    .object({
      type: z.literal('choice'),
      // Nine at most: the agent answers by pressing the option's number.
      options: z
        .array(z.object({ id: stepId, label: localized }).strict())
        .min(2)
        .max(9),
    })
    .strict(),
  z
    .object({
      type: z.literal('number'),
      /** `money`: typed in dollars, kept in cents. */
      format: z.enum(['plain', 'money']).default('plain'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      type: z.literal('date'),
      /** Bounds counted from the day of the call (0: today). */
      minDaysFromToday: z.number().int().optional(),
      maxDaysFromToday: z.number().int().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('text'),
      maxLength: z.number().int().positive().max(2000).default(500),
      optional: z.boolean().default(false),
    })
    .strict(),
]);
export type AnswerSpec = z.infer<typeof answerSpec>;

/**
 * A prefill value: a literal, or one `{{variable}}` passed as the panel reads it (money in
 * dollars, `125.50`; dates `YYYY-MM-DD`; a choice's id); text around variables is written out.
 */
const prefillValue = z.union([z.string().max(500), z.number(), z.boolean()]);

export const flowAction = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('open-panel'),
      panel: z.string().min(1),
      prefill: z.record(z.string(), prefillValue).default({}),
    })
    .strict(),
  z
    .object({
      type: z.literal('request-service-order'),
      /** The panel sets the priority and escalation from the utility's profile for the type. */
      orderType: serviceOrderType,
      prefill: z.record(z.string(), prefillValue).default({}),
    })
    .strict(),
  z
    .object({
      type: z.literal('issue-notice'),
      kind: z.enum(['disconnection', 'reminder']),
    })
    .strict(),
  z
    .object({
      type: z.literal('transfer'),
      kind: z.enum(['agent', 'queue', 'number']),
      to: z.string().min(1).max(80),
      /** Warm: the agent stays on to introduce the caller (an interpreter, a team lead). */
      warm: z.boolean(),
    })
    .strict(),
]);
export type FlowAction = z.infer<typeof flowAction>;

const common = {
  id: stepId,
  /** For the agent only, in the screen's language (what is on file, what to check). */
  hint: localized.optional(),
};

export const flowStep = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('say'), text: localized, next: z.string() }).strict(),
  z
    .object({
      ...common,
      kind: z.literal('ask'),
      text: localized,
      /** A few words naming the answer in the call's notes ("Identity verified"). */
      label: localized,
      answer: answerSpec,
      next: z.string(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('branch'),
      cases: z.array(z.object({ when: condition, next: z.string() }).strict()).min(1),
      otherwise: z.string().optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('action'),
      text: localized.optional(),
      /** What the action does, as the agent sees it on the button and in the notes. */
      label: localized,
      action: flowAction,
      next: z.string(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('end'),
      text: localized.optional(),
      wrapUpCode: z.string().min(1),
    })
    .strict(),
]);
export type FlowStep = z.infer<typeof flowStep>;
export type StepKind = FlowStep['kind'];
export type StepOf<K extends StepKind> = Extract<FlowStep, { kind: K }>;

export const flowDefinition = z
  .object({
    id: stepId,
    /** Raised with every change; a loaded file must be newer than the version in use. */
    version: z.number().int().positive().max(2_147_483_647),
    title: localized,
    description: localized.optional(),
    /** Call reasons (from the IVR or the simulator) this flow is suggested for. */
    reasons: z.array(z.string().min(1).max(60)).default([]),
    /** The flow suggested when a call's reason matches no flow. */
    fallback: z.boolean().default(false),
    start: z.string(),
    steps: z.array(flowStep).min(1).max(200),
  })
  .strict();
export type FlowDefinition = z.infer<typeof flowDefinition>;
export type FlowDefinitionInput = z.input<typeof flowDefinition>;
