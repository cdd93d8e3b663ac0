import { describe, expect, it } from 'vitest';
import {
  identityProviderFromEnv,
  parseGroupRoles,
  roleOfGroups,
} from '../../server/auth/identity-provider-settings';

const complete = {
  TAPLINE_OIDC_ISSUER: 'https://login.utility.example/realms/cc',
  TAPLINE_OIDC_CLIENT_ID: 'tapline',
  TAPLINE_OIDC_CLIENT_SECRET: 's3cret',
  TAPLINE_OIDC_REDIRECT_URL: 'https://tapline.utility.example/auth/identity-provider/callback',
  TAPLINE_OIDC_ROLES: 'cc-agents=agent, cc-leads=lead,it=admin',
};

describe('the identity provider’s settings', () => {
  it('are off without an issuer, and complete with one', () => {
    expect(identityProviderFromEnv({})).toBeNull();
    expect(identityProviderFromEnv(complete)).toMatchObject({
      name: 'login.utility.example',
      groupsClaim: 'groups',
      scope: 'openid profile',
      roles: { 'cc-agents': 'agent', 'cc-leads': 'lead', it: 'admin' },
    });
  });

  it('refuse a partial setting, naming what is missing', () => {
    const { TAPLINE_OIDC_CLIENT_SECRET: _, ...partial } = complete;
    expect(() => identityProviderFromEnv(partial)).toThrow(/TAPLINE_OIDC_CLIENT_SECRET/);
  });

  it('refuse a role that is not agent, lead or admin, and a pair without a group', () => {
    expect(() => parseGroupRoles('cc-leads=manager')).toThrow(/cc-leads=manager/);
    expect(() => parseGroupRoles('=agent')).toThrow(/=agent/);
    expect(() => parseGroupRoles('cc-leads')).toThrow(/cc-leads/);
  });

  it('give the highest role of the mapped groups, and none for unmapped or odd claims', () => {
    const map = parseGroupRoles(complete.TAPLINE_OIDC_ROLES);
    expect(roleOfGroups(['cc-agents', 'cc-leads', 'x'], map)).toBe('lead');
    expect(roleOfGroups('it', map)).toBe('admin');
    expect(roleOfGroups(['marketing'], map)).toBeNull();
    expect(roleOfGroups(undefined, map)).toBeNull();
    expect(roleOfGroups([{ name: 'cc-leads' }], map)).toBeNull();
    // A group named like an object's own property maps to nothing.
    expect(roleOfGroups(['constructor', '__proto__'], map)).toBeNull();
  });
});
