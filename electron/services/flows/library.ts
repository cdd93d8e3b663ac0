import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The library shipped with Tapline, as the desktop finds it: `shared/flows/library` when running
 * from the sources (tests, the web host), `out/flows` beside the bundled main process
 * (build-electron copies it there). The server finds the same folder from its own place.
 */
export function defaultLibraryDir(): string {
  const candidates = [join(here, '../../../shared/flows/library'), join(here, '../flows')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/** The files of the library folder, by full path, in name order. */
export function libraryFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}
