import { z } from 'zod';

/** A flow file as written; 200 KB is far above any flow and under every message limit. */
export const MAX_FLOW_SOURCE_CHARS = 200_000;

export const flowFormat = z.enum(['yaml', 'json']);
export type FlowFormat = z.infer<typeof flowFormat>;

/** JSON when the file opens an object, YAML otherwise (every JSON object is YAML too). */
export function flowFormatOf(source: string): FlowFormat {
  return source.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** A lead's request to publish a flow file to every desk. */
export const publishFlowRequest = z
  .object({ source: z.string().min(1).max(MAX_FLOW_SOURCE_CHARS) })
  .strict();

/** One version a lead published, as the central system keeps it. */
export const publishedFlow = z.object({
  /** The order of publication: a desk asks for the versions after the last it holds. */
  seq: z.number().int().positive(),
  flowId: z.string(),
  version: z.number().int().positive(),
  format: flowFormat,
  source: z.string(),
  /** The lead's name. */
  publishedBy: z.string(),
  publishedAt: z.string(),
});
export type PublishedFlow = z.infer<typeof publishedFlow>;

export const publishedFlowsPage = z.object({
  versions: z.array(publishedFlow),
  /** The seq of the last version in this page (the cursor asked for when the page is empty). */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PublishedFlowsPage = z.infer<typeof publishedFlowsPage>;
