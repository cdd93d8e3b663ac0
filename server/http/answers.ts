import { z } from 'zod';
import type { RouteAccess } from './access';

/** Every refusal and failure the server answers: a code, a message, and the field at fault. */
export const apiError = z.object({
  error: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof apiError>;

export type MediaType =
  | 'application/json'
  | 'text/csv'
  | 'text/html'
  | 'text/xml'
  | 'application/pdf'
  | 'application/x-tar';

/** One answer a route may give: what it means and, unless it has no body, its body's schema. */
export interface Answer {
  description: string;
  content?: { [M in MediaType]?: z.ZodType };
}

export const json = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': schema },
});
export const refusal = (description: string) => json(description, apiError);
export const noBody = (description: string): Answer => ({ description });

/**
 * The answers a route gives without its handler saying so: refusals of the access check and of
 * the input's schemas, the body parser's, and the server's own failures.
 */
export function commonAnswers(route: {
  method: string;
  access: RouteAccess;
  hasInput: boolean;
}): Record<number, Answer> {
  const answers: Record<number, Answer> = {};
  const takesBody = route.method === 'POST' || route.method === 'PUT';
  if (route.hasInput || takesBody)
    answers[400] = refusal('The request is not valid: the field and the reason');
  if (route.access === 'twilio') {
    answers[403] = refusal('Missing or wrong Twilio signature');
  } else if (route.access !== 'public') {
    answers[401] = refusal('Not signed in, or the session has ended');
    // Every role is at least an agent's: only a lead's or an admin's route refuses a role.
    if (route.access !== 'agent') answers[403] = refusal(`Needs the role ${route.access} or above`);
  }
  if (takesBody) {
    answers[413] = refusal('The body is larger than the limit');
    answers[415] = refusal('The body’s media type is not accepted');
  }
  answers[500] = refusal('The server failed');
  answers[503] = refusal(
    route.access === 'twilio'
      ? 'The database is busy or away, or Twilio is not configured on this server (TWILIO_AUTH_TOKEN, TAPLINE_PUBLIC_URL)'
      : 'The database is busy or away: nothing was done, try again',
  );
  return answers;
}

/**
 * A route's answers with the common ones: where both speak of one status, the descriptions are
 * joined and either body is accepted.
 */
export function withCommonAnswers(
  declared: Record<number, Answer>,
  common: Record<number, Answer>,
): Record<number, Answer> {
  const all: Record<number, Answer> = { ...common };
  for (const [key, answer] of Object.entries(declared)) {
    const status = Number(key);
    const shared = common[status];
    if (!shared) {
      all[status] = answer;
      continue;
    }
    const content: Answer['content'] = { ...shared.content };
    for (const [type, schema] of Object.entries(answer.content ?? {}) as [MediaType, z.ZodType][]) {
      const before = content[type];
      content[type] = before && before !== schema ? z.union([schema, before]) : schema;
    }
    all[status] = { description: `${answer.description}; ${shared.description}`, content };
  }
  return all;
}
