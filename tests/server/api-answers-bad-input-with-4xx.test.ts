import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, seededServer, type TestServer } from './support';

describe.each(await backends())('the CIS API under malformed requests on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 5);
  });
  afterAll(async () => s?.close());

  const routes = [
    ['POST', '/auth/sign-in'],
    ['POST', '/commands'],
    ['POST', '/sync/push'],
    ['GET', '/sync/pull'],
    ['GET', '/sync/snapshot'],
    ['GET', '/accounts'],
    ['GET', '/accounts/SM-1000001'],
    ['GET', '/adjustments/requested'],
    ['GET', '/audit'],
  ] as const;

  it('answers any body, query or content type with 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.jsonValue(),
          fc.string(),
          fc.record({ command: fc.jsonValue() }),
          fc.record({
            clientId: fc.uuid(),
            commands: fc.array(
              fc.record({ seq: fc.integer(), issuedAt: fc.string(), command: fc.jsonValue() }),
              { maxLength: 3 },
            ),
          }),
        ),
        fc.dictionary(
          fc.constantFrom('cursor', 'limit', 'after', 'q', 'phone', 'account', 'x'),
          // Any character, a NUL and half a surrogate pair included.
          fc.oneof(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20, unit: 'binary' })),
        ),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async ([method, url], body, query, contentType) => {
          const qs = new URLSearchParams(query).toString();
          const r = await s.app.inject({
            method,
            url: qs ? `${url}?${qs}` : url,
            headers: { authorization: `Bearer ${s.tokens.lead}`, 'content-type': contentType },
            ...(method === 'POST'
              ? { payload: typeof body === 'string' ? body : JSON.stringify(body) }
              : {}),
          });
          expect(r.statusCode, `${method} ${url} ${r.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an oversized body with 413', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${s.tokens.agent}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        command: { type: 'addNote', accountNumber: 'SM-1000001', text: 'x'.repeat(2_000_000) },
      }),
    });
    expect(r.statusCode).toBe(413);
  });
});
