import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultFlowValidation, loadFlowSource } from '../../shared/flows';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The library shipped with Tapline: `shared/flows/library` when running from the sources (tests,
 * the web host, `npm run server`), `out/flows` beside the bundled main process (build-electron
 * copies it there).
 */
export function defaultLibraryDir(): string {
  const candidates = [join(here, '../../shared/flows/library'), join(here, '../flows')];
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

/** The version of each flow the library ships: a published version must be newer. */
export function libraryVersions(dir: string): Map<string, number> {
  const versions = new Map<string, number>();
  for (const file of libraryFiles(dir)) {
    const loaded = loadFlowSource(readFileSync(file, 'utf8'), defaultFlowValidation);
    if (loaded.ok) versions.set(loaded.flow.id, loaded.flow.version);
  }
  return versions;
}
