import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the command
 * line). Each prints its figures and the data size it ran on; nothing here asserts a time.
 */
const only = process.argv.slice(2);
const dir = join(import.meta.dirname, '.');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

// One bench that fails says why and the others still run; the exit code tells it happened.
const failed: string[] = [];
for (const file of files) {
  console.log(`\n== ${file} ==`);
  try {
    const mod = (await import(join(dir, file))) as { run(): Promise<void> };
    await mod.run();
  } catch (err) {
    failed.push(file);
    console.error(`${file} failed:`, err);
  }
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
