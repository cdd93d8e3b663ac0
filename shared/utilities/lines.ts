import { z } from 'zod';

/**
 * The numbers and queues a script hands a caller to: the utility's customer service and 24-hour
 * emergency lines, its telephone interpreter service (the number and the client ID the
 * interpreter company asks for), and the contact center's team-lead and Spanish queues.
 *
 * None of these were gathered in the reference: every number here is illustrative (555-01xx,
 * reserved for fiction), and the utility loads its own before production use. They are data,
 * not prompts, so a utility changes a number without touching a flow.
 */
export const utilityLinesSchema = z.object({
  customerServiceLine: z.string().regex(/^\d{10}$/),
  emergencyLine: z.string().regex(/^\d{10}$/),
  interpreterLine: z.string().regex(/^\d{10}$/),
  interpreterClientId: z.string().min(1),
  leadQueue: z.string().min(1),
  spanishQueue: z.string().min(1),
  source: z.object({ citation: z.string().min(1), illustrative: z.literal(true) }),
});
export type UtilityLines = z.infer<typeof utilityLinesSchema>;

/** The source of lines no utility has given yet: illustrative numbers to be replaced. */
export const ILLUSTRATIVE_LINES = {
  citation: 'Contact-center setting (not gathered): illustrative numbers to be replaced',
  illustrative: true,
} as const;
