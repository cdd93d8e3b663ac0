import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppServicesOptions, createAppServices } from '../../electron/services/app-services';
import type { HubSettings } from '../../shared/hub/settings';
import { ownCis } from './own-cis';

export const TEST_CACHE_KEY = '0123456789abcdef'.repeat(4);

/**
 * The desktop's services as the web host and Electron run them, on a fresh data folder, with the
 * embedded CIS seeded small (and fast) for tests. `ownCis`: the desk talks to a CIS the test
 * starts in its own process instead (see own-cis.ts), for a test that reads the server's database.
 */
export async function testServices(
  options: {
    accounts?: number;
    utilityId?: string;
    dataDir?: string;
    cisUrl?: string;
    telephony?: 'simulator' | 'twilio';
    hub?: HubSettings;
    detailDays?: number;
    ownCis?: boolean;
    trainingCardFor?: AppServicesOptions['trainingCardFor'];
    cardKeyingMs?: number;
    log?: (message: string, details?: unknown) => void;
  } = {},
) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tapline-desk-'));
  const own = options.ownCis
    ? await ownCis({ utilityId: options.utilityId, accounts: options.accounts, hub: options.hub })
    : null;
  const services = await createAppServices({
    host: 'web',
    dataDir,
    version: '0.0.0-test',
    cacheKey: TEST_CACHE_KEY,
    cisUrl: own?.url ?? options.cisUrl,
    training: own ? true : undefined,
    embedded: {
      utilityId: options.utilityId ?? 'philadelphia-water-pa',
      accounts: options.accounts ?? 40,
    },
    detailDays: options.detailDays,
    syncIntervalMs: 500,
    telephony: options.telephony,
    hub: options.hub,
    trainingCardFor: options.trainingCardFor,
    cardKeyingMs: options.cardKeyingMs,
    log: options.log ?? (() => {}),
  });
  return Object.assign(services, {
    dataDir,
    /** The test's own CIS (null: the desk's embedded one, or the cisUrl given). */
    ownCis: own,
    async dispose() {
      await services.close();
      await own?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
