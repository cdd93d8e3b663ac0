import { homedir } from 'node:os';
import { join } from 'node:path';
import { dataFolder } from '../shared/data-folder';

/** The user's data folder (shared/data-folder), shared with the desktop and the web host. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return dataFolder({ env, platform: process.platform, home: homedir(), join });
}
