/**
 * A real OpenID Connect provider (the `oidc-provider` package) in its own process, for the
 * sign-in tests: one confidential client (Tapline's server) and test accounts in groups. Its
 * login page is the package's development page (any password; the login names the account).
 * Started by tests/support/identity-provider/index.ts; prints `ready <issuer>` when it listens.
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [port, redirectUri] = [Number(process.argv[2] ?? 0), process.argv[3] ?? ''];

/** The test accounts: their groups decide their role at Tapline. */
const accounts: Record<string, { name: string; groups: string[] }> = {
  'ana.lead': { name: 'Ana Lead', groups: ['cc-leads', 'all-staff'] },
  'ben.agent': { name: 'Ben Agent', groups: ['cc-agents'] },
  'mia.admin': { name: 'Mia Admin', groups: ['cc-agents', 'it-admins'] },
  'zoe.visitor': { name: 'Zoe Visitor', groups: ['marketing'] },
};

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'tapline',
        client_secret: 'tapline-test-secret',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: account.name,
          preferred_username: id,
          groups: account.groups,
        }),
      };
    },
    // Tapline is the utility's own application: no consent screen after the login.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope('openid profile groups');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  console.log(`ready ${issuer}`);
});
