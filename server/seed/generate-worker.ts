import { parentPort, workerData } from 'node:worker_threads';
import { Temporal } from '../../shared/dates';
import { getUtility } from '../../shared/utilities';
import { copyText } from './copy-text';
import { BillMemo, rowsOf } from './generate';
import type { GeneratedBatch, GenerateRequest, GeneratorStart } from './generator';
import { ORDER } from './tables';

/**
 * A thread of the seed (generator.ts starts it): generates the accounts it is asked for and
 * answers each table's rows as COPY text, so the thread that loads the database only copies
 * bytes. Its bill memo lives as long as the thread.
 */
const channel = parentPort;
if (!channel) throw new Error('generate-worker runs in a worker thread: see generator.ts');
const start = workerData as GeneratorStart;
const utility = getUtility(start.utilityId);
if (!utility) throw new Error(`unknown utility ${start.utilityId}`);
const memo = new BillMemo(utility.rates);
const opts = {
  utilityId: start.utilityId,
  accounts: start.accounts,
  seed: start.seed,
  months: start.months,
  today: Temporal.PlainDate.from(start.today),
};
const encoder = new TextEncoder();

channel.on('message', (m: GenerateRequest) => {
  const before = memo.size;
  const rows = rowsOf(opts, utility, memo, m.from, m.to);
  const tables = ORDER.map((table) => ({
    table,
    rows: rows[table].length,
    text: encoder.encode(copyText(rows[table])),
  }));
  const answer: GeneratedBatch = { ...m, tables, distinctBills: memo.size - before };
  channel.postMessage(
    answer,
    tables.map((t) => t.text.buffer),
  );
});
