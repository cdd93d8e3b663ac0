import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  allUtilityFacts,
  defaultFlowValidation,
  type FlowIssue,
  loadFlowSource,
  type ValidationOptions,
} from '../../../shared/flows';
import { type FlowEntry, type FlowsList, IpcFailure, ipcError } from '../../../shared/ipc';
import type { CallerSession, HandlerRegistry } from '../registry';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The library shipped with Tapline: `shared/flows/library` when running from the sources (tests,
 * the web host), `out/flows` beside the bundled main process (build-electron copies it there).
 */
export function defaultLibraryDir(): string {
  const candidates = [join(here, '../../../shared/flows/library'), join(here, '../flows')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

interface Meta {
  loadedBy: string;
  loadedAt: string;
}

/**
 * Flows in use: the library, and the flows team leads load, kept in the data folder as written
 * (`flows/<id>/<version>.yaml` or `.json`, with who loaded it beside). Every version stays on
 * disk; the newest valid version of each flow is in use. A file that no longer validates is set
 * aside with its problems, never used.
 */
export class FlowStore {
  /** Read on first use, so starting the desktop does not wait for the library. */
  private current: FlowsList | null = null;
  private readonly utilities = allUtilityFacts();
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly libraryDir = defaultLibraryDir(),
    private readonly validation: ValidationOptions = defaultFlowValidation,
  ) {
    this.dir = join(dataDir, 'flows');
  }

  list(): FlowsList {
    return this.current ?? this.reload();
  }

  private read(file: string): { ok: true; entry: FlowEntry } | { ok: false; issues: FlowIssue[] } {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (err) {
      return {
        ok: false,
        issues: [{ code: 'syntax', params: { message: (err as Error).message } }],
      };
    }
    const loaded = loadFlowSource(source, this.validation);
    if (!loaded.ok) return { ok: false, issues: loaded.issues };
    const library = file.startsWith(this.libraryDir);
    let meta: Meta | null = null;
    if (!library) {
      try {
        meta = JSON.parse(readFileSync(file.replace(/\.(yaml|json)$/, '.meta.json'), 'utf8'));
      } catch {
        meta = null;
      }
    }
    return {
      ok: true,
      entry: {
        flow: loaded.flow,
        source: library ? 'library' : 'loaded',
        loadedBy: meta?.loadedBy ?? null,
        loadedAt: meta?.loadedAt ?? null,
      },
    };
  }

  private files(): string[] {
    const library = existsSync(this.libraryDir)
      ? readdirSync(this.libraryDir)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .map((f) => join(this.libraryDir, f))
      : [];
    const loaded = existsSync(this.dir)
      ? readdirSync(this.dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .flatMap((d) =>
            readdirSync(join(this.dir, d.name))
              .filter((f) => /^\d+\.(yaml|json)$/.test(f))
              .map((f) => join(this.dir, d.name, f)),
          )
      : [];
    return [...library, ...loaded].sort();
  }

  /** How a file is named to the lead: `library/x.yaml`, or `flows/<id>/<version>.yaml` of the data folder. */
  private nameOf(file: string): string {
    return file.startsWith(this.libraryDir)
      ? `library/${file.slice(this.libraryDir.length + 1)}`
      : `flows/${file.slice(this.dir.length + 1)}`;
  }

  /** Reads the library and the data folder again; the newest version of each flow wins. */
  reload(): FlowsList {
    const newest = new Map<string, FlowEntry>();
    const problems: FlowsList['problems'] = [];
    for (const file of this.files()) {
      const read = this.read(file);
      if (!read.ok) {
        problems.push({ file: this.nameOf(file), issues: read.issues });
        continue;
      }
      const seen = newest.get(read.entry.flow.id);
      if (!seen || read.entry.flow.version > seen.flow.version)
        newest.set(read.entry.flow.id, read.entry);
    }
    const flows = [...newest.values()].sort((a, b) => a.flow.id.localeCompare(b.flow.id));
    this.current = { flows, utilities: this.utilities, problems };
    return this.current;
  }

  check(source: string) {
    return loadFlowSource(source, this.validation);
  }

  /** Saves a valid flow newer than the one in use; refused with its problems otherwise. */
  save(source: string, loadedBy: string, now: Date): FlowEntry {
    const loaded = this.check(source);
    if (!loaded.ok) throw new IpcFailure(ipcError('invalid_flow', { issues: loaded.issues }));
    const { id, version } = loaded.flow;
    const inUse = this.list().flows.find((e) => e.flow.id === id);
    if (inUse && inUse.flow.version >= version)
      throw new IpcFailure(ipcError('stale_version', { id, version, current: inUse.flow.version }));
    const folder = join(this.dir, id);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const extension = source.trimStart().startsWith('{') ? 'json' : 'yaml';
    const write = (file: string, text: string) => {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, text, { mode: 0o600 });
      renameSync(tmp, file);
    };
    const meta: Meta = { loadedBy, loadedAt: now.toISOString() };
    write(join(folder, `${version}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
    write(join(folder, `${version}.${extension}`), source);
    this.reload();
    return { flow: loaded.flow, source: 'loaded', ...meta };
  }
}

/** The flows channels: anyone signed in reads them; a team lead (or admin) checks and loads. */
export function registerFlowHandlers(registry: HandlerRegistry, store: FlowStore): void {
  const nameOf = async (session: CallerSession) => {
    const answer = await registry.call('auth.session', {}, session);
    return (answer.ok ? answer.value.principal?.name : null) ?? session.userId ?? 'unknown';
  };
  registry.handle('flows.list', () => store.list());
  registry.handle('flows.check', ({ source }) => {
    const loaded = store.check(source);
    return loaded.ok
      ? { ok: true as const, flow: loaded.flow }
      : { ok: false as const, issues: loaded.issues };
  });
  registry.handle('flows.save', async ({ source }, session) => {
    const entry = store.save(source, await nameOf(session), new Date());
    registry.emit('flows.changed', store.list());
    return { entry };
  });
}
