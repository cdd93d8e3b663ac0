import { type Role, roles } from '../../shared/ipc/roles';

/**
 * How the server signs users in through the utility's identity provider (OpenID Connect): the
 * server is the relying party, a confidential client of the provider. Set by the environment:
 *
 * - `TAPLINE_OIDC_ISSUER`: the provider's issuer URL (discovery at `/.well-known/openid-configuration`)
 * - `TAPLINE_OIDC_CLIENT_ID`, `TAPLINE_OIDC_CLIENT_SECRET`: this server's client at the provider
 * - `TAPLINE_OIDC_REDIRECT_URL`: this server's `/auth/identity-provider/callback` as the browser
 *   reaches it (the public URL behind the reverse proxy), registered at the provider
 * - `TAPLINE_OIDC_NAME`: the provider's name on the sign-in button ("Contoso Sign-In")
 * - `TAPLINE_OIDC_GROUPS_CLAIM`: the claim listing the user's groups (default `groups`)
 * - `TAPLINE_OIDC_ROLES`: which group gives which role, `group=role` pairs separated by commas
 *   (`cc-agents=agent,cc-leads=lead,it-admins=admin`); a user in none is refused
 * - `TAPLINE_OIDC_SCOPE`: the scopes asked for (default `openid profile`; add the one that makes
 *   the provider send the groups claim, e.g. `groups`, if it needs one)
 */
export interface IdentityProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  name: string;
  groupsClaim: string;
  /** Group name → role; the highest role of the user's mapped groups is theirs. */
  roles: Record<string, Role>;
  scope: string;
}

const ROLES: readonly Role[] = roles;

/** Parses `group=role,group=role`; throws on a role that is not agent, lead or admin. */
export function parseGroupRoles(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const group = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim() as Role;
    if (at <= 0 || !group || !ROLES.includes(role))
      throw new Error(`TAPLINE_OIDC_ROLES: "${pair}" is not group=agent|lead|admin`);
    map[group] = role;
  }
  return map;
}

/** The settings, or null when TAPLINE_OIDC_ISSUER is not set; throws on a partial setting. */
export function identityProviderFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): IdentityProviderSettings | null {
  if (!env.TAPLINE_OIDC_ISSUER) return null;
  const required = [
    'TAPLINE_OIDC_CLIENT_ID',
    'TAPLINE_OIDC_CLIENT_SECRET',
    'TAPLINE_OIDC_REDIRECT_URL',
    'TAPLINE_OIDC_ROLES',
  ] as const;
  const missing = required.filter((k) => !env[k]);
  if (missing.length) throw new Error(`TAPLINE_OIDC_ISSUER is set: set ${missing.join(', ')} too`);
  const roles = parseGroupRoles(env.TAPLINE_OIDC_ROLES ?? '');
  if (Object.keys(roles).length === 0) throw new Error('TAPLINE_OIDC_ROLES maps no group');
  return {
    issuer: env.TAPLINE_OIDC_ISSUER,
    clientId: env.TAPLINE_OIDC_CLIENT_ID ?? '',
    clientSecret: env.TAPLINE_OIDC_CLIENT_SECRET ?? '',
    redirectUrl: env.TAPLINE_OIDC_REDIRECT_URL ?? '',
    name: env.TAPLINE_OIDC_NAME || new URL(env.TAPLINE_OIDC_ISSUER).host,
    groupsClaim: env.TAPLINE_OIDC_GROUPS_CLAIM || 'groups',
    roles,
    scope: env.TAPLINE_OIDC_SCOPE || 'openid profile',
  };
}

/** The highest role any of the user's groups maps to, or null. */
export function roleOfGroups(groups: unknown, map: Record<string, Role>): Role | null {
  const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  let best = -1;
  for (const g of list) {
    if (typeof g !== 'string' || !Object.hasOwn(map, g)) continue;
    best = Math.max(best, ROLES.indexOf(map[g]));
  }
  return best < 0 ? null : ROLES[best];
}
