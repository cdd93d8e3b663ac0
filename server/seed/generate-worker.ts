import { parentPort, workerData } from 'node:worker_threads';
import { Temporal } from '../../shared/dates';
import { getUtility } from '../../shared/utilities';
import { BillMemo } from './generate';
import { encodedBatch, type GenerateRequest, type GeneratorStart } from './generator';

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

channel.on('message', (m: GenerateRequest) => {
  const batch = encodedBatch(opts, utility, memo, m);
  channel.postMessage(
    batch,
    batch.tables.map((t) => t.text.buffer),
  );
});
