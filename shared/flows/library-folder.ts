/** What finding the library's files depends on: the caller passes Node's file system in. */
export interface LibraryFolderPlace {
  exists: (path: string) => boolean;
  list: (dir: string) => string[];
  join: (...parts: string[]) => string;
}

/**
 * The library shipped with Tapline: `shared/flows/library` when running from the sources (tests,
 * the web host, `npm run server`), `out/flows` beside the bundled main process (build-electron
 * copies it there). Each caller names both places from where its own code sits.
 */
export function firstLibraryDir(candidates: string[], place: LibraryFolderPlace): string {
  return candidates.find((dir) => place.exists(dir)) ?? candidates[0];
}

/** The flow files of the library folder (YAML or JSON), by full path, in name order. */
export function libraryFilesIn(dir: string, place: LibraryFolderPlace): string[] {
  if (!place.exists(dir)) return [];
  return place
    .list(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => place.join(dir, f));
}
