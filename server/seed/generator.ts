import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Utility } from '../../shared/utilities';
import { getUtility } from '../../shared/utilities';
import { copyText } from './copy-text';
import { BillMemo, rowsOf, type SeedOptions } from './generate';
import { ORDER } from './tables';

/** What a generator thread starts with (its workerData). */
export interface GeneratorStart {
  utilityId: string;
  accounts: number;
  seed: number;
  months?: number;
  /** The seed's day, ISO. */
  today: string;
}

export interface GenerateRequest {
  from: number;
  to: number;
}

/** Accounts `from` to `to` (exclusive), each table's rows as COPY text. */
export interface GeneratedBatch extends GenerateRequest {
  tables: { table: string; rows: number; text: Uint8Array<ArrayBuffer> }[];
  /** Bills the thread priced for this batch (the others came from its memo). */
  distinctBills: number;
}

const encoder = new TextEncoder();

/** Accounts `from` to `to` generated and each table's rows written as COPY text. */
export function encodedBatch(
  opts: SeedOptions,
  utility: Utility,
  memo: BillMemo,
  { from, to }: GenerateRequest,
): GeneratedBatch {
  const before = memo.size;
  const rows = rowsOf(opts, utility, memo, from, to);
  const tables = ORDER.map((table) => ({
    table,
    rows: rows[table].length,
    text: encoder.encode(copyText(rows[table])),
  }));
  return { from, to, tables, distinctBills: memo.size - before };
}

/** Below this many accounts the seed generates them in its own thread. */
const IN_THREAD_BELOW = 5_000;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The thread's entry: `seed-worker.cjs` beside the bundle that holds the server (build-electron
 * emits it into out/main), or the TypeScript source through tsx when running from the sources.
 */
function spawnGenerator(start: GeneratorStart): Worker {
  // A batch's rows and text are tens of MiB and garbage once sent: a small old generation has
  // the thread collect them instead of growing its heap to the default limit.
  const options = { workerData: start, resourceLimits: { maxOldGenerationSizeMb: 384 } };
  const built = join(here, 'seed-worker.cjs');
  if (existsSync(built)) return new Worker(built, options);
  const source = pathToFileURL(join(here, 'generate-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** Threads that generate: every core but the one that loads, at least one, at most four. */
export function generatorThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * The seed's accounts from `from` to `opts.accounts`, generated in batches and yielded in
 * order: in worker threads (or in this one: `opts.threads`). While one batch is being loaded the next ones are being generated:
 * each thread has one batch in hand and one asked for, so a thread never waits on the loader
 * for work unless the loader is behind.
 */
export async function* generatedBatches(
  opts: SeedOptions & { from?: number },
): AsyncGenerator<GeneratedBatch> {
  const batch = opts.batchSize ?? 1000;
  const threads =
    opts.threads ?? (opts.accounts - (opts.from ?? 0) < IN_THREAD_BELOW ? 0 : generatorThreads());
  if (threads === 0) {
    const utility = getUtility(opts.utilityId);
    if (!utility) throw new Error(`unknown utility ${opts.utilityId}`);
    const memo = new BillMemo(utility.rates);
    for (let from = opts.from ?? 0; from < opts.accounts; from += batch)
      yield encodedBatch(opts, utility, memo, {
        from,
        to: Math.min(opts.accounts, from + batch),
      });
    return;
  }
  const start: GeneratorStart = {
    utilityId: opts.utilityId,
    accounts: opts.accounts,
    seed: opts.seed,
    months: opts.months,
    today: opts.today.toString(),
  };
  const workers = Array.from({ length: threads }, () => spawnGenerator(start));
  // Batches asked for, in order; each answered by the worker it was sent to.
  const asked: Promise<GeneratedBatch>[] = [];
  const waiting = workers.map(() => [] as ((b: GeneratedBatch) => void)[]);
  const failed = new Promise<never>((_, reject) => {
    for (const w of workers) {
      w.on('error', reject);
      w.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a seed generator thread stopped (exit ${code})`));
      });
    }
  });
  failed.catch(() => {});
  workers.forEach((w, i) => {
    w.on('message', (b: GeneratedBatch) => waiting[i].shift()?.(b));
  });
  let next = opts.from ?? 0;
  let sent = 0;
  const ask = () => {
    if (next >= opts.accounts) return;
    const request = { from: next, to: Math.min(opts.accounts, next + batch) };
    next = request.to;
    const i = sent++ % workers.length;
    asked.push(new Promise((resolve) => waiting[i].push(resolve)));
    workers[i].postMessage(request);
  };
  try {
    for (let i = 0; i < workers.length * 2; i++) ask();
    while (asked.length) {
      const done = await Promise.race([asked.shift()!, failed]);
      ask();
      yield done;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
