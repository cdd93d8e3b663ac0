import { resolve } from 'node:path';
import {
  telephonyFromEnv,
  telephonySources,
} from '../../../electron/services/softphone/telephony-config';
import { startWebHost, type WebHost } from '../../../electron/web/host';
import { testServices } from '../../support/desk';

export interface RunningDesk {
  services: Awaited<ReturnType<typeof testServices>>;
  host: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the desktop's services (embedded CIS included) and the web host, on a fresh data folder. */
export async function startDesk(
  options: Parameters<typeof testServices>[0] = {},
): Promise<RunningDesk> {
  const services = await testServices(options);
  const host = await startWebHost({
    registry: services.registry,
    session: services.session,
    staticDir: resolve('out/renderer'),
    port: 0,
    telephonySources: telephonySources(
      telephonyFromEnv({ TAPLINE_TELEPHONY: options.telephony ?? 'simulator' }),
    ),
  });
  return {
    services,
    host,
    dataDir: services.dataDir,
    async stop() {
      await host.close();
      await services.dispose();
    },
  };
}
