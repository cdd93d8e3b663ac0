import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { principal as principalSchema } from '../../shared/cis';
import { resources } from '../../shared/i18n/resources';
import { namespaceText } from '../../shared/i18n/text';
import type { Db } from '../db/database';
import type { Gate } from '../http/access';
import { json, refusal } from '../http/answers';
import { routeHelper } from '../http/route';
import { IdentityProvider, ProviderUnavailable } from './identity-provider';
import type { IdentityProviderSettings } from './identity-provider-settings';

export interface IdentityProviderPluginOptions {
  db: Db;
  auth: Gate['auth'];
  now?: () => Date;
  /** Null: the server signs in with passwords only, and says so. */
  settings: IdentityProviderSettings | null;
}

export const IDENTITY_PROVIDER_PATH = '/auth/identity-provider';

const accountText = namespaceText({ en: resources.en.account, es: resources.es.account });
const errorText = namespaceText({ en: resources.en.errors, es: resources.es.errors });
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page the browser shows once the provider sent it back: in its language, no script. */
function page(language: 'en' | 'es', title: string, message: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

const html = (description: string) => ({ description, content: { 'text/html': z.string() } });

/**
 * Sign-in through the utility's identity provider (OpenID Connect, Authorization Code with PKCE):
 * the desk starts it and opens the provider's page in a browser; the provider sends the browser
 * to the callback; the desk collects its session with the secret only it holds.
 */
export const identityProviderPlugin: FastifyPluginAsync<IdentityProviderPluginOptions> = async (
  app,
  options,
) => {
  const { settings } = options;
  const provider = settings
    ? new IdentityProvider(options.db, settings, options.now ?? (() => new Date()))
    : null;
  const route = routeHelper(app, { auth: options.auth });
  const notConfigured = {
    error: 'identity_provider_not_configured',
    message: 'this server signs in with passwords only',
  };

  route({
    method: 'GET',
    url: IDENTITY_PROVIDER_PATH,
    summary: 'Whether users may sign in through the identity provider, and its name',
    tags: ['auth'],
    access: 'public',
    responses: {
      200: json('The provider’s name, or null', z.object({ name: z.string().nullable() })),
    },
    handler: async () => ({ name: settings?.name ?? null }),
  });

  route({
    method: 'POST',
    url: `${IDENTITY_PROVIDER_PATH}/start`,
    summary: 'Start a sign-in: the provider’s page to open, and the secret to collect the session',
    tags: ['auth'],
    access: 'public',
    responses: {
      200: json(
        'Open the URL in a browser; keep the handoff secret',
        z.object({ authorizationUrl: z.string(), handoff: z.string() }),
      ),
      404: refusal('No identity provider is configured'),
      503: refusal('The identity provider does not answer'),
    },
    handler: async ({ req, answer }) => {
      if (!provider) return answer(404, notConfigured);
      try {
        return await provider.start(req.ip);
      } catch (err) {
        if (!(err instanceof ProviderUnavailable)) throw err;
        req.log.warn({ problem: err.message }, 'identity provider unavailable');
        return answer(503, {
          error: 'identity_provider_unavailable',
          message: 'the identity provider does not answer',
        });
      }
    },
  });

  route({
    method: 'GET',
    url: `${IDENTITY_PROVIDER_PATH}/callback`,
    summary: 'Where the provider sends the browser back: the code is exchanged and checked',
    tags: ['auth'],
    access: 'public',
    query: z.record(z.string().max(4096), z.string().max(8192)),
    responses: {
      200: html('Signed in: the page says to return to the desk'),
      400: html('Refused (state unknown or used, nonce, no mapped group...): the page says why'),
      404: refusal('No identity provider is configured'),
    },
    handler: async ({ req, reply, answer }) => {
      if (!provider) return answer(404, notConfigured);
      const language = req.headers['accept-language']?.trim().startsWith('es') ? 'es' : 'en';
      const query = (req.raw.url ?? '').split('?')[1] ?? '';
      const result = await provider.callback(query, req.ip);
      const t = (key: string, params = {}) => accountText(language, key, params);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (result.ok)
        return reply
          .code(200)
          .send(
            page(language, t('identityProvider.signedInTitle'), t('identityProvider.signedIn')),
          );
      const reason =
        result.refusal === 'unknown_state'
          ? t('identityProvider.unknownState')
          : errorText(language, result.refusal, { name: provider.settings.name });
      return reply.code(400).send(page(language, t('identityProvider.refusedTitle'), reason));
    },
  });

  route({
    method: 'POST',
    url: `${IDENTITY_PROVIDER_PATH}/finish`,
    summary: 'Collect the session of a sign-in this desk started (once)',
    tags: ['auth'],
    access: 'public',
    body: z.object({ handoff: z.string().min(20).max(100) }).strict(),
    responses: {
      200: json(
        'Signed in: the session token and who it belongs to',
        z.object({ token: z.string(), principal: principalSchema }),
      ),
      202: json(
        'The provider has not answered yet: ask again',
        z.object({ status: z.literal('pending') }),
      ),
      403: refusal(
        'Refused: the error names why (no mapped group, the provider refused, an invalid answer)',
      ),
      404: refusal('No such sign-in, or it expired, or its session was collected already'),
    },
    handler: async ({ body, answer }) => {
      if (!provider) return answer(404, notConfigured);
      const result = await provider.finish(body.handoff);
      if (result.status === 'signedIn') return { token: result.token, principal: result.principal };
      if (result.status === 'pending') return answer(202, { status: 'pending' as const });
      if (result.status === 'refused')
        return answer(403, { error: result.refusal, message: 'not signed in' });
      return answer(404, { error: 'not_found', message: 'no such sign-in, or it expired' });
    },
  });
};
