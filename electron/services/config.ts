import { type HubSettings, hubConfigFromEnv } from '../../shared/hub/settings';
import { MAX_DETAIL_DAYS, settings } from '../../shared/ipc';
import { defaultUtilityId, utilityIds } from '../../shared/utilities';

/** Simulated agents on the embedded training CIS's floor, so a lead sees a populated board. */
export const TRAINING_FLOOR_AGENTS = 36;

/**
 * Where the desktop's CIS is, from the environment: TAPLINE_CIS_URL points at a central server;
 * without it the embedded reference CIS runs in a worker thread, seeded with TAPLINE_SEED_ACCOUNTS
 * accounts (default 2,000) of TAPLINE_UTILITY (default: `defaultUtilityId` of shared/utilities) on first start,
 * with its hub for team leads (shared/hub/settings: TAPLINE_NATS_URL, TAPLINE_TIME_ZONE,
 * TAPLINE_TRAINING_FLOOR). TAPLINE_DETAIL_DAYS, when set, is how many days the cache keeps an
 * account's detail, over the workstation's setting. TAPLINE_TRAINING=1 says the central CIS is a
 * training one (its sign-in offers the demo users, as the embedded CIS's does).
 * TAPLINE_LOCK_MINUTES is how long the desk may sit idle before it locks (1 to 15; default 15,
 * the most PCI DSS 8.2.8 allows).
 */
export function cisConfigFromEnv(env: NodeJS.ProcessEnv = process.env): {
  cisUrl?: string;
  training?: boolean;
  embedded: { utilityId: string; accounts: number };
  hub: HubSettings;
  detailDays?: number;
  lockAfterMinutes?: number;
} {
  const utilityId = env.TAPLINE_UTILITY ?? defaultUtilityId;
  if (!utilityIds.includes(utilityId)) {
    throw new Error(`TAPLINE_UTILITY "${utilityId}" is not one of: ${utilityIds.join(', ')}`);
  }
  const accounts = Number(env.TAPLINE_SEED_ACCOUNTS ?? 2000);
  if (!Number.isInteger(accounts) || accounts < 1)
    throw new Error('TAPLINE_SEED_ACCOUNTS must be a whole number of at least 1');
  const cisUrl = env.TAPLINE_CIS_URL || undefined;
  // The hub runs with the embedded CIS; pointed at a central server, the desktop uses that one's.
  const hub = hubConfigFromEnv(env, cisUrl ? 0 : TRAINING_FLOOR_AGENTS);
  const detailDays = env.TAPLINE_DETAIL_DAYS ? Number(env.TAPLINE_DETAIL_DAYS) : undefined;
  if (detailDays !== undefined && !settings.shape.detailDays.safeParse(detailDays).success)
    throw new Error(
      `TAPLINE_DETAIL_DAYS must be a whole number of days from 1 to ${MAX_DETAIL_DAYS}, not "${env.TAPLINE_DETAIL_DAYS}"`,
    );
  const training = env.TAPLINE_TRAINING === '1' ? true : undefined;
  const lockAfterMinutes = env.TAPLINE_LOCK_MINUTES ? Number(env.TAPLINE_LOCK_MINUTES) : undefined;
  if (
    lockAfterMinutes !== undefined &&
    !(Number.isInteger(lockAfterMinutes) && lockAfterMinutes >= 1 && lockAfterMinutes <= 15)
  )
    throw new Error(
      `TAPLINE_LOCK_MINUTES must be a whole number of minutes from 1 to 15, not "${env.TAPLINE_LOCK_MINUTES}"`,
    );
  return {
    cisUrl,
    training,
    embedded: { utilityId, accounts },
    hub,
    detailDays,
    lockAfterMinutes,
  };
}
