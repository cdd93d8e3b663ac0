import { createReadStream, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type AuditFinding,
  type AuditSummary,
  emptyAuditSummary,
  getUtilityProfile,
  mergeAuditSummary,
  utilityIds,
} from '../../shared/rates';
import { money, parseOptions } from '../lib/args';
import {
  type AuditBlock,
  type AuditBlockResult,
  auditBlock,
  headerColumns,
  lastRecordEnd,
  newlines,
} from '../lib/audit-blocks';
import { type CliCommand, EXIT, UsageError } from './types';

/** Rows are audited in blocks of about this many bytes of CSV. */
const BLOCK_BYTES = 256 * 1024;

export interface AuditProgress {
  /** The thread that audited the block just done: 0 this one, 1… the audit threads. */
  thread: number;
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface AuditOptions {
  utility?: string;
  /**
   * Threads to audit on, this one included; default: every core. A file of one block is
   * audited in this thread.
   */
  workers?: number;
  onProgress?: (progress: AuditProgress) => void;
  /** Wait for every thread to load before the first block (else this thread starts alone). */
  waitForThreads?: boolean;
}

export interface AuditReport {
  summary: AuditSummary;
  /** The rows billed wrong and the bad rows, in line order. */
  findings: AuditFinding[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** A thread on cli/lib/audit-worker.ts, loaded through tsx as the CLI itself is. */
function startWorker(): Worker {
  const source = pathToFileURL(join(here, '../lib/audit-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Audit threads beside this one. A thread takes blocks once it has loaded the rates (its
 * `ready`), two at a time; until then, or when all are busy, this thread audits the block itself,
 * so a short file never waits for threads to start.
 */
class AuditPool {
  private readonly workers: { worker: Worker; ready: boolean; inFlight: number }[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (r: [AuditBlockResult, number]) => void; reject: (e: Error) => void }
  >();
  private next = 0;
  private readyCount = 0;
  private onAllReady: (() => void) | null = null;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const slot = { worker: startWorker(), ready: false, inFlight: 0, thread: i + 1 };
      slot.worker.on('message', (m: { ready?: true; id: number; result: AuditBlockResult }) => {
        if (m.ready) {
          slot.ready = true;
          if (++this.readyCount === this.workers.length) this.onAllReady?.();
          return;
        }
        slot.inFlight--;
        this.waiting.get(m.id)?.resolve([m.result, slot.thread]);
        this.waiting.delete(m.id);
      });
      slot.worker.on('error', (err) => {
        for (const w of this.waiting.values()) w.reject(err);
        this.waiting.clear();
      });
      this.workers.push(slot);
    }
  }

  /** Resolves once every thread has loaded the rates. */
  ready(): Promise<void> {
    if (this.readyCount === this.workers.length) return Promise.resolve();
    return new Promise((resolve) => {
      this.onAllReady = resolve;
    });
  }

  /** The block's result (and the thread's number) from a free thread, or null when none is ready. */
  tryAudit(block: AuditBlock): Promise<[AuditBlockResult, number]> | null {
    let best: (typeof this.workers)[number] | null = null;
    for (const w of this.workers) {
      if (w.ready && w.inFlight < 2 && (!best || w.inFlight < best.inFlight)) best = w;
    }
    if (!best) return null;
    const slot = best;
    const id = this.next++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, block });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Audits a bill CSV as a stream: the file is read in chunks and cut after whole records into
 * blocks, which threads on every core audit (csv-parse for a block with quotes); results come
 * back in line order and only the findings are kept, so 100,000 bills need no more memory than
 * what is wrong with them. A file of one block is audited in this thread.
 */
export async function auditFile(path: string, options: AuditOptions = {}): Promise<AuditReport> {
  const totalBytes = statSync(path).size;
  const threads = Math.max(1, options.workers ?? availableParallelism());
  const pool = totalBytes > BLOCK_BYTES && threads > 1 ? new AuditPool(threads - 1) : null;
  const summary = emptyAuditSummary();
  const parts: AuditBlockResult[] = [];
  const pending: Promise<void>[] = [];
  let columns: string[] | null = null;
  let recordDelimiter: AuditBlock['recordDelimiter'] = '\n';
  let line = 1;
  let bytes = 0;
  let carry = '';

  const send = async (text: string) => {
    const block: AuditBlock = {
      text,
      columns: columns!,
      firstLine: line,
      recordDelimiter,
      utility: options.utility,
    };
    line += newlines(text);
    const index = parts.length;
    parts.push(emptyResult());
    const done = (result: AuditBlockResult, thread: number) => {
      parts[index] = result;
      mergeAuditSummary(summary, result.summary);
      options.onProgress?.({ thread, rows: summary.rows, bytes, totalBytes });
    };
    const remote = pool?.tryAudit(block);
    if (remote) pending.push(remote.then(([result, thread]) => done(result, thread)));
    else {
      done(auditBlock(block), 0);
      // Let the threads' answers and their `ready` in before the next block.
      if (pool) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  try {
    if (pool && options.waitForThreads) await pool.ready();
    for await (const chunk of createReadStream(path, {
      encoding: 'utf8',
      highWaterMark: BLOCK_BYTES,
    })) {
      bytes += Buffer.byteLength(chunk as string);
      let text = carry + (chunk as string);
      if (!columns) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        const end = firstRecordEnd(text);
        if (end < 0) {
          carry = text;
          continue;
        }
        columns = headerColumns(text.slice(0, end + 1));
        if (text[end - 1] === '\r') recordDelimiter = '\r\n';
        line = 2;
        text = text.slice(end + 1);
      }
      const end = lastRecordEnd(text);
      if (end < 0) {
        carry = text;
        continue;
      }
      carry = text.slice(end + 1);
      await send(text.slice(0, end + 1));
      // Keep a few blocks in flight per thread, no more: the file is read as fast as it is audited.
      if (pending.length >= threads * 2) await Promise.all(pending.splice(0, threads));
    }
    if (!columns && carry.trim() !== '') {
      columns = headerColumns(carry);
      carry = '';
    }
    if (columns && carry !== '') await send(carry);
    await Promise.all(pending);
  } finally {
    await pool?.close();
  }
  return { summary, findings: parts.flatMap((p) => p.findings) };
}

const emptyResult = (): AuditBlockResult => ({ summary: emptyAuditSummary(), findings: [] });

/** Just after the first newline outside quotes (the header's end), or -1. */
function firstRecordEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) return i;
  }
  return -1;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'recompute a batch of billed bills (CSV) and list every discrepancy',
  usage: 'audit FILE.csv [--utility ID] [--json]',
  async run(argv, io) {
    const { values: v, positionals } = parseOptions(
      argv,
      { utility: { type: 'string' }, json: { type: 'boolean' } } as const,
      true,
    );
    const [file] = positionals;
    if (!file) throw new UsageError('the CSV file is required');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    if (v.utility && !getUtilityProfile(v.utility)) {
      throw new UsageError(`unknown utility "${v.utility}" (valid: ${utilityIds.join(', ')})`);
    }
    let report: AuditReport;
    const started = Date.now();
    let shown = started;
    try {
      report = await auditFile(file, {
        utility: v.utility,
        // On a long run, how far it has got, every second or so (on stderr: stdout stays clean).
        onProgress: ({ rows, bytes, totalBytes }) => {
          const now = Date.now();
          if (now - shown < 1000) return;
          shown = now;
          io.err(
            `  ${rows.toLocaleString('en-US')} rows audited (${Math.round((bytes / totalBytes) * 100)}% read)…`,
          );
        },
      });
    } catch (err) {
      throw new UsageError(`${file} is not a readable CSV: ${(err as Error).message}`);
    }
    const { summary, findings: problems } = report;
    if (v.json) {
      io.out(JSON.stringify({ summary, rows: problems }));
    } else {
      for (const r of problems) {
        if ('error' in r) {
          io.out(`line ${r.line} (${r.account}): bad row: ${r.error}`);
          continue;
        }
        for (const d of r.discrepancies) {
          io.out(
            `line ${r.line} (${r.account}): ${d.kind} ${d.code}: billed ${d.billedCents === null ? '—' : money(d.billedCents)}, computed ${d.computedCents === null ? '—' : money(d.computedCents)}, difference ${money(d.differenceCents)}`,
          );
        }
      }
      io.out(
        `\n${summary.rows} rows: ${summary.clean} clean, ${summary.withDiscrepancies} with discrepancies, ${summary.badRows} bad rows.`,
      );
      for (const [kind, k] of Object.entries(summary.byKind)) {
        if (k.count)
          io.out(`  ${kind.padEnd(8)} ${String(k.count).padStart(6)}  ${money(k.cents)}`);
      }
      io.out(`  net billed − computed on totals: ${money(summary.netDifferenceCents)}`);
    }
    return problems.length ? EXIT.findings : EXIT.ok;
  },
};
