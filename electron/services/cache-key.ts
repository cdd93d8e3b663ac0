import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cache key where Electron's safeStorage is not at hand (the web host, tests): from
 * TAPLINE_CACHE_KEY, else a random key kept next to the data with owner-only permissions — a
 * training setup, said so in the README; the desktop keeps its key with safeStorage instead.
 */
export function fileCacheKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { key: string; source: 'env' | 'file' } {
  const fromEnv = env.TAPLINE_CACHE_KEY;
  if (fromEnv) {
    if (!/^[0-9a-f]{64}$/i.test(fromEnv))
      throw new Error('TAPLINE_CACHE_KEY must be 64 hex characters (openssl rand -hex 32)');
    return { key: fromEnv.toLowerCase(), source: 'env' };
  }
  const file = join(dataDir, 'cache.key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), source: 'file' };
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: 'file' };
}
