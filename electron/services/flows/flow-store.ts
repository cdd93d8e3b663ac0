import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  allUtilityFacts,
  defaultFlowValidation,
  type FlowIssue,
  loadFlowSource,
  type PublishedFlow,
  type PublishedFlowsPage,
  type ValidationOptions,
} from '../../../shared/flows';
import { type FlowEntry, type FlowsList, IpcFailure, ipcError } from '../../../shared/ipc';
import { OfflineError, ServerRefusal } from '../cis/client';
import type { HandlerRegistry } from '../registry';
import { defaultLibraryDir, libraryFiles } from './library';

export { defaultLibraryDir };

/** What the store needs of the central system: the CIS client, signed in as the desk's user. */
export interface FlowCentral {
  readonly baseUrl: string;
  publishFlow(source: string): Promise<{ published: PublishedFlow }>;
  publishedFlows(after: number, limit?: number): Promise<PublishedFlowsPage>;
}

export interface FlowStoreOptions {
  dataDir: string;
  central: FlowCentral;
  libraryDir?: string;
  validation?: ValidationOptions;
}

interface Meta {
  publishedBy: string;
  publishedAt: string;
}

/** Where this desk stopped reading the central system's publications (per server). */
interface Cursor {
  server: string;
  cursor: number;
}

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * Flows in use: the library, and the versions team leads publish on the central system. Each
 * published version is copied into the data folder as written (`flows/<id>/<version>.yaml` or
 * `.json`, with who published it beside), so the desk keeps using it when the central system
 * cannot be reached. The newest valid version of each flow is in use. A file that no longer
 * validates is set aside with its problems, never used.
 */
export class FlowStore {
  /** Read on first use, so starting the desktop does not wait for the library. */
  private current: FlowsList | null = null;
  private fetching: Promise<boolean> | null = null;
  private readonly utilities = allUtilityFacts();
  private readonly libraryDir: string;
  private readonly validation: ValidationOptions;
  private readonly central: FlowCentral;
  readonly dir: string;

  constructor(options: FlowStoreOptions) {
    this.dir = join(options.dataDir, 'flows');
    this.central = options.central;
    this.libraryDir = options.libraryDir ?? defaultLibraryDir();
    this.validation = options.validation ?? defaultFlowValidation;
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
        source: library ? 'library' : 'published',
        publishedBy: meta?.publishedBy ?? null,
        publishedAt: meta?.publishedAt ?? null,
      },
    };
  }

  private files(): string[] {
    const copies = existsSync(this.dir)
      ? readdirSync(this.dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .flatMap((d) =>
            readdirSync(join(this.dir, d.name))
              .filter((f) => /^\d+\.(yaml|json)$/.test(f))
              .map((f) => join(this.dir, d.name, f)),
          )
      : [];
    return [...libraryFiles(this.libraryDir), ...copies].sort();
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

  /**
   * Publishes a valid flow, newer than the one in use, to every desk through the central system
   * (which checks it again), and puts it in use here at once. Refused with its problems, as not
   * newer, or when the central system cannot be reached: a flow is never published half-way.
   */
  async publish(source: string): Promise<FlowEntry> {
    const loaded = this.check(source);
    if (!loaded.ok) throw new IpcFailure(ipcError('invalid_flow', { issues: loaded.issues }));
    const { id, version } = loaded.flow;
    const inUse = this.list().flows.find((e) => e.flow.id === id);
    if (inUse && inUse.flow.version >= version)
      throw new IpcFailure(ipcError('stale_version', { id, version, current: inUse.flow.version }));
    let published: PublishedFlow;
    try {
      ({ published } = await this.central.publishFlow(source));
    } catch (err) {
      throw refusalOf(err, id, version);
    }
    this.keep(published);
    this.reload();
    return {
      flow: loaded.flow,
      source: 'published',
      publishedBy: published.publishedBy,
      publishedAt: published.publishedAt,
    };
  }

  /**
   * Copies the versions published since this desk last asked; true when one is new here. Offline
   * (or signed out) it answers false and the desk goes on with the copies it has.
   */
  fetchPublished(): Promise<boolean> {
    this.fetching ??= this.fetchAll().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetchAll(): Promise<boolean> {
    const server = this.central.baseUrl;
    let { cursor } = this.cursor(server);
    let kept = false;
    for (;;) {
      const page = await this.central.publishedFlows(cursor);
      for (const version of page.versions) kept = this.keep(version) || kept;
      cursor = page.cursor;
      this.writeAtomically(join(this.dir, 'central.json'), JSON.stringify({ server, cursor }));
      if (!page.hasMore) break;
    }
    if (kept) this.reload();
    return kept;
  }

  private cursor(server: string): Cursor {
    try {
      const saved: Cursor = JSON.parse(readFileSync(join(this.dir, 'central.json'), 'utf8'));
      // Another central system numbers its publications afresh: read it from the start.
      if (saved.server === server && Number.isSafeInteger(saved.cursor)) return saved;
    } catch {
      // No cursor yet: everything published is new here.
    }
    return { server, cursor: 0 };
  }

  /** Writes the copy of a published version unless this desk has it; true when written. */
  private keep(published: PublishedFlow): boolean {
    if (!SAFE_ID.test(published.flowId)) return false;
    const folder = join(this.dir, published.flowId);
    const file = join(folder, `${published.version}.${published.format}`);
    if (existsSync(file)) return false;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const meta: Meta = { publishedBy: published.publishedBy, publishedAt: published.publishedAt };
    this.writeAtomically(
      join(folder, `${published.version}.meta.json`),
      `${JSON.stringify(meta, null, 2)}\n`,
    );
    this.writeAtomically(file, published.source);
    return true;
  }

  private writeAtomically(file: string, text: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  }
}

/** The central system's refusal of a publication, as the IPC error the lead's screen shows. */
function refusalOf(err: unknown, id: string, version: number): unknown {
  if (err instanceof OfflineError) return new IpcFailure(ipcError('flow_offline'));
  if (!(err instanceof ServerRefusal)) return err;
  const body = (err.body ?? {}) as { issues?: FlowIssue[]; current?: number };
  switch (err.status) {
    case 401:
      return new IpcFailure(ipcError('unauthenticated'));
    case 403:
      return new IpcFailure(ipcError('forbidden'));
    case 409:
      return new IpcFailure(ipcError('stale_version', { id, version, current: body.current }));
    case 422:
      return new IpcFailure(ipcError('invalid_flow', { issues: body.issues ?? [] }));
    default:
      return err;
  }
}

export interface FlowHandlerOptions {
  /** The fewest milliseconds between two reads of the central system's publications. */
  refreshMs?: number;
  now?: () => number;
  log?: (message: string, details?: unknown) => void;
}

/**
 * The flows channels: anyone signed in reads them; a team lead (or admin) checks and publishes.
 * Published versions arrive on sign-in, after sync rounds (at most every `refreshMs`) and when
 * the list is read; every window hears `flows.changed` and the next call uses the new version.
 */
export function registerFlowHandlers(
  registry: HandlerRegistry,
  store: FlowStore,
  options: FlowHandlerOptions = {},
): { refresh(): Promise<void> } {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? 15_000;
  let lastAsked = Number.NEGATIVE_INFINITY;
  const refresh = async (force = true) => {
    if (!force && now() - lastAsked < refreshMs) return;
    lastAsked = now();
    try {
      if (await store.fetchPublished()) registry.emit('flows.changed', store.list());
    } catch (err) {
      // Offline or signed out: the copies on this desk stay in use; the next round asks again.
      if (!(err instanceof OfflineError) && !(err instanceof ServerRefusal && err.status === 401))
        options.log?.('published flows not fetched', (err as Error).message);
    }
  };
  registry.onEvent((event, payload) => {
    if (event === 'session.changed' && (payload as { principal: unknown }).principal)
      void refresh();
    if (event === 'sync.status' && (payload as { online: boolean }).online) void refresh(false);
  });

  registry.handle('flows.list', () => {
    void refresh(false);
    return store.list();
  });
  registry.handle('flows.check', ({ source }) => {
    const loaded = store.check(source);
    return loaded.ok
      ? { ok: true as const, flow: loaded.flow }
      : { ok: false as const, issues: loaded.issues };
  });
  registry.handle('flows.publish', async ({ source }) => {
    try {
      const entry = await store.publish(source);
      registry.emit('flows.changed', store.list());
      return { entry };
    } catch (err) {
      // Another lead published first: this desk catches up so the lead sees the version in use.
      if (err instanceof IpcFailure && err.error.code === 'stale_version') void refresh();
      throw err;
    }
  });
  return { refresh: () => refresh() };
}
