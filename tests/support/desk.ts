import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppServices, createAppServices } from '../../electron/services/app-services';
import type { HubServerOptions } from '../../server/start';

export const TEST_CACHE_KEY = '0123456789abcdef'.repeat(4);

/**
 * The desktop's services as the web host and Electron run them, on a fresh data folder, with the
 * embedded CIS seeded small (and fast) for tests.
 */
export async function testServices(
  options: {
    accounts?: number;
    utilityId?: string;
    dataDir?: string;
    cisUrl?: string;
    telephony?: 'simulator' | 'twilio';
    hub?: HubServerOptions;
    detailDays?: number;
  } = {},
): Promise<AppServices & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tapline-desk-'));
  const services = await createAppServices({
    host: 'web',
    dataDir,
    version: '0.0.0-test',
    cacheKey: TEST_CACHE_KEY,
    cisUrl: options.cisUrl,
    embedded: {
      utilityId: options.utilityId ?? 'philadelphia-water-pa',
      accounts: options.accounts ?? 40,
    },
    detailDays: options.detailDays,
    syncIntervalMs: 500,
    telephony: options.telephony,
    hub: options.hub,
    log: () => {},
  });
  return Object.assign(services, {
    dataDir,
    async dispose() {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
