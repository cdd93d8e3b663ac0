import { homedir } from 'node:os';
import { join } from 'node:path';
import { dataFolder } from '../../shared/data-folder';

/** The user's data folder (shared/data-folder): the same one the server's command line uses. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return dataFolder({ env, platform: process.platform, home: homedir(), join });
}
