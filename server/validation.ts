import type { z } from 'zod';

/** The field a validation issue is about: its path, and the unknown key when it is one. */
export function issueField(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0]);
  return path.join('.');
}
