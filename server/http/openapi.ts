import { z } from 'zod';
import type { Answer } from './answers';
import type { DeclaredRoute } from './route';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;

/** The path or query parameters of an object schema, one OpenAPI parameter per property. */
function parameters(schema: z.ZodType | undefined, place: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: place,
    required: place === 'path' || (json.required?.includes(name) ?? false),
    schema: s,
  }));
}

function response(answer: Answer): JsonSchema {
  if (!answer.content) return { description: answer.description };
  return {
    description: answer.description,
    content: Object.fromEntries(
      Object.entries(answer.content).map(([type, schema]) => [
        type,
        { schema: schemaOf(schema as z.ZodType, 'output') },
      ]),
    ),
  };
}

const SECURITY: Record<string, JsonSchema[]> = { public: [], twilio: [{ twilioSignature: [] }] };

/** One route's operation, generated from the schemas that validate it and check its answers. */
function operation(route: DeclaredRoute): JsonSchema & { summary: string } {
  const params = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  return {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[/:](\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    security: SECURITY[route.access] ?? [{ bearer: [] }],
    'x-access': route.access,
    ...(params.length ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              [route.bodyType ?? 'application/json']: { schema: schemaOf(route.body, 'input') },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [status, response(answer)]),
    ),
    ...(route.websocket
      ? {
          'x-websocket': {
            receives: schemaOf(route.websocket.receives, 'input'),
            sends: schemaOf(route.websocket.sends, 'output'),
          },
        }
      : {}),
  };
}

/** The OpenAPI 3.1 document of every route the server registered (each came through the helper). */
export function openApiDocument(routes: readonly DeclaredRoute[], version: string) {
  const paths: Record<string, Record<string, JsonSchema & { summary: string }>> = {};
  for (const route of routes) {
    const key = route.url.replace(/:(\w+)/g, '{$1}');
    paths[key] = { ...(paths[key] ?? {}), [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Tapline reference CIS',
      version,
      description:
        'Accounts, sync and commands of the reference Customer Information System, the call flows, the telephony endpoints and Twilio’s webhooks, and the team lead’s hub. Each operation’s `x-access` names who may call it: anyone (public), a signed-in user of at least that role (agent, lead, admin; a session token as `Authorization: Bearer`), or Twilio (its request signature checked). A WebSocket route carries its messages in `x-websocket`.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature' },
      },
    },
    paths,
  };
}

/** The document's own shape, as its route declares its answer. */
export const openApiShape = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ summary: z.string() }))),
});
