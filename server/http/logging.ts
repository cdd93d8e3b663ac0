import type { FastifyServerOptions } from 'fastify';
import { redactCardNumbers } from '../../shared/cis/cards';

/**
 * The server's structured log: Fastify's own (pino), one JSON line per event, each request with
 * its id (`reqId`), every 5xx with its error and stack. Never a card number, a token or a
 * password: a request is logged as its method and path only (a query may carry a searched card
 * number, the hub's URL nothing secret but the path is enough), headers and bodies never, and
 * every message's text has card numbers blanked out.
 */
export interface ServerLog {
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /** Where the lines go: standard output by default. */
  stream?: { write(line: string): void };
}

export function loggerOptions(log: ServerLog): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: log.level ?? 'info',
    ...(log.stream ? { stream: log.stream } : {}),
    redact: {
      paths: [
        'req.headers',
        'headers',
        'authorization',
        'password',
        'token',
        'body',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id?: string }) => ({
        method: req.method,
        path: redactCardNumbers(req.url.split('?')[0]),
      }),
      err: (err: Error & { code?: string; statusCode?: number }) => ({
        type: err.name,
        message: redactCardNumbers(err.message),
        code: err.code,
        stack: redactCardNumbers(err.stack ?? ''),
      }),
    },
  };
}
