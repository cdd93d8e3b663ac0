import { utilityIds } from '../../shared/rates';

/**
 * Where the desktop's CIS is, from the environment: TAPLINE_CIS_URL points at a central server;
 * without it the embedded reference CIS runs in-process, seeded with TAPLINE_SEED_ACCOUNTS
 * accounts (default 2,000) of TAPLINE_UTILITY (default philadelphia-water-pa) on first start.
 */
export function cisConfigFromEnv(env: NodeJS.ProcessEnv = process.env): {
  cisUrl?: string;
  embedded: { utilityId: string; accounts: number };
} {
  const utilityId = env.TAPLINE_UTILITY ?? 'philadelphia-water-pa';
  if (!utilityIds.includes(utilityId)) {
    throw new Error(`TAPLINE_UTILITY "${utilityId}" is not one of: ${utilityIds.join(', ')}`);
  }
  const accounts = Number(env.TAPLINE_SEED_ACCOUNTS ?? 2000);
  if (!Number.isInteger(accounts) || accounts < 1)
    throw new Error('TAPLINE_SEED_ACCOUNTS must be a whole number of at least 1');
  return { cisUrl: env.TAPLINE_CIS_URL || undefined, embedded: { utilityId, accounts } };
}
