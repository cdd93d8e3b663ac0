import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CisClient } from '../../electron/services/cis/client';
import { FlowStore } from '../../electron/services/flows/flow-store';
import {
  allUtilityFacts,
  defaultFlowValidation,
  flowVariables,
  loadFlowSource,
  sampleAccount,
  samplePresets,
} from '../../shared/flows';
import { contextFor, flowById, TODAY, walk } from '../shared/flows/support';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(times: number, fn: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

export async function run(): Promise<void> {
  const dir = 'shared/flows/library';
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const sources = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  const bytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  let steps = 0;
  const validate = timed(21, () => {
    steps = 0;
    for (const s of sources) {
      const loaded = loadFlowSource(s, defaultFlowValidation);
      if (loaded.ok) steps += loaded.flow.steps.length;
    }
  });
  console.log(
    `library: ${files.length} flows, ${steps} steps, ${(bytes / 1024).toFixed(1)} KiB of YAML; parse and validate all, median of 21: ${validate.toFixed(1)} ms`,
  );

  const data = mkdtempSync(join(tmpdir(), 'tapline-flows-bench-'));
  // Listing reads the data folder only: the central system is not asked.
  const central = new CisClient({ baseUrl: '' });
  const start = timed(11, () => new FlowStore({ dataDir: data, central }).list());
  rmSync(data, { recursive: true, force: true });
  console.log(
    `flow store's first list (read the library from disk and validate, once, after sign-in), median of 11: ${start.toFixed(1)} ms`,
  );

  const account = sampleAccount(
    TODAY,
    samplePresets.find((p) => p.id === 'pa-estimated-spanish')!.options,
  );
  const facts = allUtilityFacts();
  const n = 2_000;
  const variables = timed(1, () => {
    for (let i = 0; i < n; i++)
      flowVariables(account, { agentName: 'A', agentLanguages: ['en'] }, TODAY, facts);
  });
  console.log(
    `variables of a call (account with ${account.detail!.bills.length} bills, ${account.detail!.reads.length} reads, usage comparison): ${Math.round((n / variables) * 1000).toLocaleString('en-US')} per second`,
  );

  const flow = flowById('payment-arrangement');
  const ctx = contextFor(account);
  const answers = { verify: '1', 'down-payment': '50', months: '6', 'plan-accepted': '1' };
  const { moves } = walk(flow, ctx, answers);
  const walks = 2_000;
  const walking = timed(1, () => {
    for (let i = 0; i < walks; i++) walk(flow, ctx, answers);
  });
  console.log(
    `engine: payment arrangement walked start to end (${moves.length} moves, prompts rendered in English): ${Math.round(((walks * moves.length) / walking) * 1000).toLocaleString('en-US')} moves per second`,
  );
}
