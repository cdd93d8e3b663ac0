import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditFile } from '../../cli/commands/audit';
import {
  type BillInput,
  billInput,
  computeBill,
  computeNativeBill,
  getUtilityProfile,
} from '../../shared/rates';

const inputs: Record<string, (i: number) => BillInput> = {
  'philadelphia-water-pa': (i) => ({ meterSize: '5/8', usage: (i % 400) / 100 }),
  'portland-water-me': (i) => ({
    meterSize: '5/8',
    usage: i % 30,
    municipality: 'Portland',
    imperviousSqft: 1500 + (i % 5000),
  }),
  'santa-margarita-ca': (i) => ({
    meterSize: '3/4',
    usage: i % 60,
    householdSize: 1 + (i % 6),
    etInches: 3.1,
    irrigatedSqft: 2000,
    days: 30,
  }),
  'marin-water-ca': (i) => ({
    meterSize: '5/8',
    usage: i % 120,
    season: i % 2 ? 'summer' : 'winter',
  }),
  'alameda-power-ca': (i) => ({ usage: i % 900, season: 'summer', heating: 'gas' }),
};

export async function run(): Promise<void> {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores`);
  const n = 20_000;
  const rate = (ms: number) =>
    Math.round((n / ms) * 1000)
      .toLocaleString('en-US')
      .padStart(9);
  for (const [id, make] of Object.entries(inputs)) {
    const profile = getUtilityProfile(id)!;
    // The decimal.js engine every bill took before the compiled one (OWRS profiles: the same).
    const before =
      profile.kind === 'native'
        ? (i: number) => computeNativeBill(profile, billInput.parse(make(i)))
        : (i: number) => computeBill(profile, make(i));
    const after = (i: number) => computeBill(profile, make(i));
    const times: number[] = [];
    for (const bill of [before, after]) {
      for (let i = 0; i < 2000; i++) bill(i);
      const start = performance.now();
      for (let i = 0; i < n; i++) bill(i);
      times.push(performance.now() - start);
    }
    console.log(
      `${id.padEnd(22)} decimal.js ${rate(times[0])} bills/s, compiled ${rate(times[1])} bills/s (×${(times[0] / times[1]).toFixed(1)}, ${n.toLocaleString('en-US')} bills each)`,
    );
  }

  const rows = 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'tapline-audit-'));
  const file = join(dir, 'bills.csv');
  const lines = [
    'account,utility,class,meter_size,period_from,period_to,usage,unit,billed_lines,billed_total',
  ];
  for (let i = 0; i < rows; i++) {
    const usage = ((i % 300) / 100).toFixed(2);
    const bill = computeBill(getUtilityProfile('philadelphia-water-pa')!, {
      meterSize: '5/8',
      usage,
      period: { from: '2024-03-01', to: '2024-03-31' },
    });
    const billed = bill.lines
      .map((l) => `${l.code}=${((l.amountCents + (i % 97 === 0 ? 1 : 0)) / 100).toFixed(2)}`)
      .join(';');
    lines.push(
      `PA-${i},philadelphia-water-pa,residential,5/8,2024-03-01,2024-03-31,${usage},mcf,${billed},${(bill.totalCents / 100).toFixed(2)}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const size = statSync(file).size;
  for (const workers of [1, availableParallelism()]) {
    const start = performance.now();
    const { summary } = await auditFile(file, { workers });
    const ms = performance.now() - start;
    console.log(
      `audit of ${rows.toLocaleString('en-US')} bills (${(size / 1024 / 1024).toFixed(1)} MiB CSV), ${workers} thread${workers > 1 ? 's' : ''}: ${(ms / 1000).toFixed(2)} s, ${Math.round((rows / ms) * 1000).toLocaleString('en-US')} bills/s; ${summary.withDiscrepancies.toLocaleString('en-US')} with discrepancies`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
