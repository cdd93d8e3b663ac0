import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Principal } from '../../shared/cis';
import type { Role } from '../../shared/ipc/roles';
import type { Db } from '../db/database';
import { type IdentityProviderSettings, roleOfGroups } from './identity-provider-settings';
import { openSessionById } from './sessions';

/** A sign-in through the provider lives this long between its start and the desk collecting it. */
export const SIGN_IN_MINUTES = 10;

/** Why a sign-in through the provider was refused: an error code the desk translates. */
export type ProviderRefusal =
  | 'identity_provider_no_role'
  | 'identity_provider_refused'
  | 'identity_provider_invalid_answer'
  | 'identity_provider_unavailable';

export class ProviderUnavailable extends Error {}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const loopback = (url: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * The relying party's side of Authorization Code with PKCE (openid-client): start (state, nonce,
 * verifier kept in the database, a secret for the desk), the provider's answer (the code
 * exchanged, the ID token validated, the groups mapped to a role, the user linked by subject),
 * and the desk collecting its session once.
 */
export class IdentityProvider {
  private config: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly db: Db,
    readonly settings: IdentityProviderSettings,
    private readonly now: () => Date,
  ) {}

  /** The provider's configuration (discovery), fetched once it answers; retried after a failure. */
  private configuration(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    this.config ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        undefined,
        oidc.ClientSecretBasic(clientSecret),
        // Plain HTTP only for a provider on this machine (tests, a local trial); TLS otherwise.
        loopback(issuer) ? { execute: [oidc.allowInsecureRequests], timeout: 5 } : { timeout: 5 },
      )
      .catch((err) => {
        this.config = null;
        throw new ProviderUnavailable((err as Error).message);
      });
    return this.config;
  }

  async start(address: string): Promise<{ authorizationUrl: string; handoff: string }> {
    const config = await this.configuration();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    const handoff = randomBytes(32).toString('base64url');
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const at = this.now();
    await this.db.query(`delete from identity_sign_ins where started_at < $1`, [
      new Date(at.getTime() - SIGN_IN_MINUTES * 60_000),
    ]);
    await this.db.query(
      `insert into identity_sign_ins (state, nonce, code_verifier, handoff_hash, address, started_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [state, nonce, verifier, sha256(handoff), address, at],
    );
    return { authorizationUrl: url.href, handoff };
  }

  /**
   * The provider's answer, as the browser brought it (the query of the redirect). A state this
   * server did not give, or gave and already settled, is refused without touching the provider.
   */
  async callback(
    query: string,
    address: string,
  ): Promise<
    { ok: true; name: string } | { ok: false; refusal: ProviderRefusal | 'unknown_state' }
  > {
    const params = new URLSearchParams(query);
    const state = params.get('state') ?? '';
    const at = this.now();
    // One answer per state: the row is claimed (settled) before anything else is done with it.
    const { rows } = await this.db.query<{ nonce: string; code_verifier: string }>(
      `update identity_sign_ins set settled_at = $2
        where state = $1 and settled_at is null and started_at > $3
        returning nonce, code_verifier`,
      [state, at, new Date(at.getTime() - SIGN_IN_MINUTES * 60_000)],
    );
    const attempt = rows[0];
    if (!attempt) {
      await this.audit('signInFailed', null, address, { username: '-', reason: 'unknown_state' });
      return { ok: false, refusal: 'unknown_state' };
    }
    const settle = async (userId: string | null, refusal: ProviderRefusal | null) =>
      this.db.query('update identity_sign_ins set user_id = $2, refusal = $3 where state = $1', [
        state,
        userId,
        refusal,
      ]);
    const refuse = async (refusal: ProviderRefusal, username: string, detail?: string) => {
      await settle(null, refusal);
      await this.audit('signInFailed', null, address, { username, reason: refusal, detail });
      return { ok: false as const, refusal };
    };
    if (params.has('error'))
      return refuse('identity_provider_refused', '-', params.get('error')?.slice(0, 100));
    let claims: Record<string, unknown>;
    try {
      const config = await this.configuration();
      const callbackUrl = new URL(this.settings.redirectUrl);
      callbackUrl.search = params.toString();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      // Many providers put the groups in the user info, not the ID token.
      if (claims[this.settings.groupsClaim] === undefined) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims };
      }
    } catch (err) {
      if (err instanceof ProviderUnavailable || (err as Error).name === 'TypeError')
        return refuse('identity_provider_unavailable', '-', (err as Error).message.slice(0, 200));
      // openid-client's cause names the check that failed (the nonce, the issuer, the audience...).
      const cause = (err as Error).cause;
      const detail = cause instanceof Error ? cause.message : (err as Error).message;
      return refuse('identity_provider_invalid_answer', '-', detail.slice(0, 200));
    }
    const subject = String(claims.sub);
    const username = String(claims.preferred_username ?? claims.email ?? subject).slice(0, 100);
    const role = roleOfGroups(claims[this.settings.groupsClaim], this.settings.roles);
    if (!role) return refuse('identity_provider_no_role', username);
    const name = String(claims.name ?? claims.preferred_username ?? subject).slice(0, 100);
    const userId = await this.link(subject, name, role);
    const { rows: disabled } = await this.db.query(
      'select 1 from users where id = $1 and disabled_at is not null',
      [userId],
    );
    if (disabled.length) return refuse('identity_provider_refused', username, 'disabled');
    await settle(userId, null);
    await this.audit('signedIn', userId, address, { username });
    return { ok: true, name };
  }

  /**
   * The user of this subject: linked on the first sign-in, never by a name or an e-mail (which a
   * provider may let its users change); the role follows the groups at every sign-in.
   */
  private async link(subject: string, name: string, role: Role): Promise<string> {
    const issuer = this.settings.issuer;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: string }>(
        'select user_id from identity_links where issuer = $1 and subject = $2',
        [issuer, subject],
      );
      if (rows[0]) {
        await tx.query('update users set role = $2, name = $3 where id = $1', [
          rows[0].user_id,
          role,
          name,
        ]);
        return rows[0].user_id;
      }
      const id = `idp-${randomUUID()}`;
      // No password signs in as this user: the hash is not one scrypt would make.
      await tx.query(
        `insert into users (id, username, name, password_hash, role) values ($1, $2, $3, '!identity-provider', $4)`,
        [id, `idp-${sha256(`${issuer} ${subject}`).slice(0, 20)}`, name, role],
      );
      await tx.query(
        'insert into identity_links (issuer, subject, user_id, linked_at) values ($1, $2, $3, $4)',
        [issuer, subject, id, this.now()],
      );
      return id;
    });
  }

  /** The desk collects what its sign-in came to, once: a session, a refusal, or not yet. */
  async finish(
    handoff: string,
  ): Promise<
    | { status: 'signedIn'; token: string; principal: Principal }
    | { status: 'refused'; refusal: ProviderRefusal }
    | { status: 'pending' }
    | { status: 'unknown' }
  > {
    const at = this.now();
    const { rows } = await this.db.query<{ user_id: string | null; refusal: string | null }>(
      `delete from identity_sign_ins
        where handoff_hash = $1 and settled_at is not null and started_at > $2
        returning user_id, refusal`,
      [sha256(handoff), new Date(at.getTime() - SIGN_IN_MINUTES * 60_000)],
    );
    const row = rows[0];
    if (row?.user_id) {
      const session = await openSessionById(this.db, row.user_id);
      // Disabled by an administrator since the provider vouched for them: no session.
      return session
        ? { status: 'signedIn', ...session }
        : { status: 'refused', refusal: 'identity_provider_refused' };
    }
    if (row) return { status: 'refused', refusal: row.refusal as ProviderRefusal };
    const { rows: waiting } = await this.db.query(
      'select 1 from identity_sign_ins where handoff_hash = $1 and started_at > $2',
      [sha256(handoff), new Date(at.getTime() - SIGN_IN_MINUTES * 60_000)],
    );
    return waiting.length ? { status: 'pending' } : { status: 'unknown' };
  }

  private async audit(
    action: 'signedIn' | 'signInFailed',
    userId: string | null,
    address: string,
    details: { username: string; reason?: string; detail?: string },
  ): Promise<void> {
    await this.db.query(
      'insert into audit (at, user_id, action, details) values ($1, $2, $3, $4)',
      [
        this.now(),
        userId ?? '-',
        action,
        JSON.stringify({ ...details, address, method: 'identityProvider' }),
      ],
    );
  }
}
