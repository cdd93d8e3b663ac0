import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultFlowValidation, loadFlowSource } from '../../shared/flows';
import { firstLibraryDir, libraryFilesIn } from '../../shared/flows/library-folder';

const here = dirname(fileURLToPath(import.meta.url));
const place = { exists: existsSync, list: (dir: string) => readdirSync(dir), join };

/** The library shipped with Tapline, as the server finds it from its sources or the bundle's. */
export function defaultLibraryDir(): string {
  return firstLibraryDir([join(here, '../../shared/flows/library'), join(here, '../flows')], place);
}

/** The files of the library folder, by full path, in name order. */
export function libraryFiles(dir: string): string[] {
  return libraryFilesIn(dir, place);
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
