/** Types of build-if-changed.mjs, for its test. */
export interface BuildPart {
  inputs: string[];
  output: string;
  command: string[];
}
export function stampOf(inputs: string[]): string;
export function buildIfChanged(options?: {
  parts?: Record<string, BuildPart>;
  stamps?: string;
}): string[];
