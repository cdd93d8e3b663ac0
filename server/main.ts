import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultUtilityId, utilityIds } from '../shared/utilities';
import { identityProviderFromEnv } from './auth/identity-provider-settings';
import { defaultDataDir } from './data-folder';
import { MigrationError } from './db/migrate';
import { hubConfigFromEnv } from './hub/config';
import { startCisServer } from './start';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;

const utility = process.env.TAPLINE_UTILITY ?? defaultUtilityId;
if (!utilityIds.includes(utility)) {
  console.error(`TAPLINE_UTILITY "${utility}" is not one of: ${utilityIds.join(', ')}`);
  process.exit(2);
}
const accounts = Number(process.env.TAPLINE_SEED_ACCOUNTS ?? 2000);
// The desktop's own data folder, so `npm run server` serves the CIS the embedded desktop seeded.
const dataDir = defaultDataDir();
let hub: ReturnType<typeof hubConfigFromEnv>;
let identityProvider: ReturnType<typeof identityProviderFromEnv>;
try {
  hub = hubConfigFromEnv();
  identityProvider = identityProviderFromEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

startCisServer({
  dataDir,
  databaseUrl: process.env.DATABASE_URL,
  port: Number(process.env.TAPLINE_PORT ?? 4870),
  host: process.env.TAPLINE_HOST ?? '127.0.0.1',
  seed: { utilityId: utility, accounts },
  hub,
  identityProvider,
  version,
  log: (m) => console.log(m),
  httpLog: { level: 'info' },
}).then(
  (server) => {
    console.log(
      `Tapline CIS on ${server.url} (${server.db.kind}${process.env.DATABASE_URL ? '' : `, data in ${dataDir}`}); OpenAPI at ${server.url}/openapi.json`,
    );
    const stop = () => server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (err) => {
    console.error(err instanceof MigrationError ? `Refusing to start: ${err.message}` : err);
    process.exit(1);
  },
);
