import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultUtilityId, utilityIds } from '../shared/utilities';
import { identityProviderFromEnv } from './auth/identity-provider-settings';
import { defaultDataDir } from './data-folder';
import { MigrationError } from './db/migrate';
import { hubConfigFromEnv } from './hub/config';
import { type ServerMode, startCisServer } from './start';
import { routingSettingsProblem, telephonyConfigFromEnv } from './telephony/plugin';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Production unless told `--training` (or TAPLINE_SERVER_MODE=training): a central server has no
 * practice user with the published password; the desktop's embedded CIS is the training one.
 */
function modeOf(argv: string[], env: NodeJS.ProcessEnv): ServerMode {
  const flags = argv.filter((a) => a === '--training' || a === '--production');
  const unknown = argv.filter((a) => a !== '--training' && a !== '--production');
  if (unknown.length || flags.length > 1) {
    console.error(`Usage: npm run server [-- --training | --production] (not: ${argv.join(' ')})`);
    process.exit(2);
  }
  const asked = flags[0]?.slice(2) ?? env.TAPLINE_SERVER_MODE ?? 'production';
  if (asked !== 'training' && asked !== 'production') {
    console.error(`TAPLINE_SERVER_MODE "${asked}" is not training or production`);
    process.exit(2);
  }
  return asked;
}
const mode = modeOf(process.argv.slice(2), process.env);

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
  const routing = routingSettingsProblem(telephonyConfigFromEnv());
  if (routing) throw new Error(`Refusing to start: ${routing}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

startCisServer({
  mode,
  dataDir,
  databaseUrl: process.env.DATABASE_URL,
  port: Number(process.env.TAPLINE_PORT ?? 4870),
  host: process.env.TAPLINE_HOST ?? '127.0.0.1',
  seed: { utilityId: utility, accounts },
  hub,
  identityProvider,
  trustProxy: process.env.TAPLINE_TRUST_PROXY || undefined,
  version,
  log: (m) => console.log(m),
  httpLog: { level: 'info' },
}).then(
  (server) => {
    console.log(
      `Tapline CIS on ${server.url} (${mode}, ${server.db.kind}${process.env.DATABASE_URL ? '' : `, data in ${dataDir}`}); OpenAPI at ${server.url}/openapi.json`,
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
