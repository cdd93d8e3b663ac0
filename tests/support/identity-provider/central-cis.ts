import { createServer } from 'node:net';
import { type CisServer, startCisServer } from '../../../server/start';
import { startTestIdentityProvider, type TestIdentityProvider } from './index';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * A central CIS (training, 5 Philadelphia accounts) that signs in through the test provider: the
 * provider's process started first with the CIS's callback registered, agents and leads mapped
 * from its groups. Stop both with `stop()`.
 */
export async function cisWithTestProvider(): Promise<{
  idp: TestIdentityProvider;
  cis: CisServer;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const callback = `http://127.0.0.1:${port}/auth/identity-provider/callback`;
  const idp = await startTestIdentityProvider(callback);
  const cis = await startCisServer({
    mode: 'training',
    dataDir: null,
    port,
    seed: { utilityId: 'philadelphia-water-pa', accounts: 5 },
    hub: null,
    identityProvider: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl: callback,
      name: 'Utility Sign-In',
      groupsClaim: 'groups',
      roles: { 'cc-agents': 'agent', 'cc-leads': 'lead' },
      scope: 'openid profile groups',
    },
  }).catch(async (err) => {
    await idp.stop();
    throw err;
  });
  return {
    idp,
    cis,
    async stop() {
      await cis.close();
      await idp.stop();
    },
  };
}
