import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CisServer, type HubServerOptions, startCisServer } from '../../server/start';

/**
 * A reference CIS of the test's own, in the test's process (PGlite in a temporary folder), for a
 * test that reads or changes the server's database: the desktop's embedded CIS runs in a worker
 * thread no test reaches into. The desk is pointed at it as at a central training CIS. `stop`
 * and `start` take it away and bring it back on the same port (the desk goes offline and back).
 */
export async function ownCis(
  o: { utilityId?: string; accounts?: number; hub?: HubServerOptions | null } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapline-own-cis-'));
  let server: CisServer | null = await startCisServer({
    mode: 'training',
    dataDir,
    seed: { utilityId: o.utilityId ?? 'philadelphia-water-pa', accounts: o.accounts ?? 40 },
    hub: o.hub,
  });
  const { url, port } = server;
  const running = (): CisServer => {
    if (!server) throw new Error('the test stopped its CIS');
    return server;
  };
  return {
    url,
    /** The running server's database. */
    get db() {
      return running().db;
    },
    async stop() {
      await running().close();
      server = null;
    },
    async start() {
      server ??= await startCisServer({
        mode: 'training',
        dataDir,
        port,
        hub: o.hub,
      });
    },
    async close() {
      await server?.close().catch(() => {});
      server = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type OwnCis = Awaited<ReturnType<typeof ownCis>>;
