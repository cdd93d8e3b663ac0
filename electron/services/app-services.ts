import { mkdirSync } from 'node:fs';
import type { HubSettings } from '../../shared/hub/settings';
import { type CisService, createCisService } from './cis/cis-service';
import { FlowStore, registerFlowHandlers } from './flows/flow-store';
import { type HubService, registerHubHandlers } from './hub/hub-service';
import { anonymousSession, type CallerSession, HandlerRegistry } from './registry';
import { SettingsStore } from './settings';
import type { TrainingCard, TrainingCardProcessor } from './simulator/training-card-processor';
import type { TrainingSimulator } from './simulator/training-simulator';
import { registerCardCaptureHandlers } from './softphone/card-capture-service';
import { registerSoftphoneHandlers } from './softphone/softphone-service';

export interface AppServicesOptions {
  host: 'electron' | 'web';
  dataDir: string;
  version: string;
  /** 64 hex characters: the local cache's key (safeStorage under Electron; env or file in the web host). */
  cacheKey: string;
  /** An external CIS URL; unset: the embedded reference CIS (TAPLINE_CIS_URL). */
  cisUrl?: string;
  /** The CIS is a training one: the sign-in offers its demo users (default: when embedded). */
  training?: boolean;
  embedded?: { utilityId: string; accounts: number };
  /** Days the cache keeps an account's detail (TAPLINE_DETAIL_DAYS); unset: the setting. */
  detailDays?: number;
  syncIntervalMs?: number;
  /** The softphone: the training simulator (default) or Twilio Voice (TAPLINE_TELEPHONY=twilio). */
  telephony?: 'simulator' | 'twilio';
  /** Twilio's edges in order of preference (TAPLINE_TWILIO_EDGES). */
  twilioEdges?: string[];
  /** Where the flow library is read from (default: beside the code, see defaultLibraryDir). */
  flowLibraryDir?: string;
  /** The embedded CIS's hub for team leads (NATS, time zone, training floor). */
  hub?: HubSettings;
  /** Minutes idle before the desk locks (TAPLINE_LOCK_MINUTES; default 15). */
  lockAfterMinutes?: number;
  /** Opens the identity provider's page in the system's browser (Electron); see cis-service. */
  openExternal?: (url: string) => Promise<void>;
  log?: (message: string, details?: unknown) => void;
  /** The test card a training caller keys (default: the approving one) and how long they take. */
  trainingCardFor?: (callId: string) => TrainingCard;
  cardKeyingMs?: number;
}

export interface AppServices {
  registry: HandlerRegistry;
  settings: SettingsStore;
  /** One agent per workstation: the desktop-wide session every window or tab shares. */
  session: CallerSession;
  cis: CisService;
  simulator: TrainingSimulator;
  /** The training simulator's card processor (card capture on simulated calls). */
  cardTraining: TrainingCardProcessor;
  flows: FlowStore;
  hub: HubService;
  close(): Promise<void>;
}

/**
 * Everything the main side does, in plain Node: the same object serves Electron's ipcMain and
 * the web host, so both answer exactly alike.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const log =
    options.log ?? ((message, details) => console.error(`[tapline] ${message}`, details ?? ''));
  const registry = new HandlerRegistry(log);
  const settings = new SettingsStore(options.dataDir);
  const session = anonymousSession();

  registry.handle('app.info', (_req, session) => ({
    name: 'Tapline',
    version: options.version,
    host: options.host,
    platform: process.platform,
    dataDir: options.dataDir,
    role: session.role,
  }));
  registry.handle('app.ping', (req) => ({ nonce: req.nonce, at: new Date().toISOString() }));
  registry.handle('settings.get', () => settings.get());

  const cis = await createCisService({
    registry,
    session,
    dataDir: options.dataDir,
    cacheKey: options.cacheKey,
    cisUrl: options.cisUrl,
    training: options.training,
    embedded: options.embedded,
    detailDays: options.detailDays ?? settings.get().detailDays,
    syncIntervalMs: options.syncIntervalMs,
    hub: options.hub,
    lockAfterMinutes: options.lockAfterMinutes,
    openExternal: options.openExternal,
    log,
  });

  const { simulator } = registerSoftphoneHandlers({
    registry,
    cis,
    mode: options.telephony ?? 'simulator',
    twilioEdges: options.twilioEdges,
    dataDir: options.dataDir,
    log,
  });
  const cards = registerCardCaptureHandlers({
    registry,
    cis,
    mode: options.telephony ?? 'simulator',
    simulator,
    trainingCardFor: options.trainingCardFor,
    keyingMs: options.cardKeyingMs,
  });
  const hub = registerHubHandlers({
    registry,
    session,
    baseUrl: () => cis.client.baseUrl,
    log,
  });
  const offQueue = simulator.observeQueue((o) => hub.observeQueue(o));

  registry.handle('settings.set', (patch) => {
    const next = settings.set(patch);
    // The environment's days are IT's to set: the workstation's setting applies without them.
    if (options.detailDays === undefined && next.detailDays !== cis.cache.detailExpiryDays) {
      cis.cache.setDetailDays(next.detailDays);
      cis.cache.expireDetails(Date.now());
    }
    registry.emit('settings.changed', next);
    return next;
  });

  const flows = new FlowStore({
    dataDir: options.dataDir,
    central: cis.client,
    libraryDir: options.flowLibraryDir,
  });
  // Published flows are asked for on sign-in and every third sync round at most.
  registerFlowHandlers(registry, flows, { refreshMs: 3 * (options.syncIntervalMs ?? 5000), log });

  return {
    registry,
    settings,
    session,
    cis,
    simulator,
    cardTraining: cards.processor,
    flows,
    hub,
    async close() {
      offQueue();
      cards.close();
      hub.close();
      simulator.stop();
      await cis.close();
    },
  };
}
