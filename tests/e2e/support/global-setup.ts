import { existsSync } from 'node:fs';
import { build } from 'vite';

/** The e2e runs drive the built renderer; build it when `npm test` has not already. */
export default async function setup(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  }
}
