import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLibraryDir, libraryFilesIn } from '../../../shared/flows/library-folder';

const here = dirname(fileURLToPath(import.meta.url));
const place = { exists: existsSync, list: (dir: string) => readdirSync(dir), join };

/** The library shipped with Tapline, as the desktop finds it from its sources or its bundle. */
export function defaultLibraryDir(): string {
  return firstLibraryDir(
    [join(here, '../../../shared/flows/library'), join(here, '../flows')],
    place,
  );
}

/** The files of the library folder, by full path, in name order. */
export function libraryFiles(dir: string): string[] {
  return libraryFilesIn(dir, place);
}
