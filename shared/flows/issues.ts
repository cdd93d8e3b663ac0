/**
 * Everything that can be wrong with a flow file, each with where (the step, the field, the line)
 * and the facts an author needs; `flows:issues.<code>` says it in the agent's language.
 */
export const flowIssueCodes = [
  'syntax',
  'schema',
  'duplicate-step',
  'unknown-step',
  'unreachable-step',
  'branch-without-otherwise',
  'no-way-out',
  'missing-language',
  'unknown-variable',
  'unknown-answer',
  'not-readable',
  'unbalanced-braces',
  'unknown-option',
  'wrong-comparison',
  'unknown-wrap-up-code',
  'unknown-panel',
] as const;
export type FlowIssueCode = (typeof flowIssueCodes)[number];

export interface FlowIssue {
  code: FlowIssueCode;
  /** The step's id, when the problem is inside one. */
  step?: string;
  /** The field inside the step (or the file), dotted: `answer.options.2.label`. */
  field?: string;
  /** 1-based line in the file, when it is known. */
  line?: number;
  params: Record<string, string | number>;
}

export interface ValidationOptions {
  /** The team's wrap-up codes an end step may suggest. */
  wrapUpCodes: readonly string[];
  /** The workspace panels an action may open. */
  panels: readonly string[];
}
