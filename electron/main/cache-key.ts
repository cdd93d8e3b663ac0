import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { fileCacheKey } from '../services/cache-key';

/**
 * The cache key, protected by the OS (safeStorage: Keychain, DPAPI, libsecret): only the
 * encrypted key is written to disk. Where the OS offers no secret store, the file key of the web
 * host is used and the log says so.
 */
export function safeStorageCacheKey(dataDir: string, log: (m: string) => void): string {
  if (!safeStorage.isEncryptionAvailable()) {
    log(
      'safeStorage is not available on this system: the cache key is kept in a file (owner-only)',
    );
    return fileCacheKey(dataDir).key;
  }
  const file = join(dataDir, 'cache.key.enc');
  if (existsSync(file)) return safeStorage.decryptString(readFileSync(file));
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}
