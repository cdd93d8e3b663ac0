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

for (const file of files) {
  console.log(`\n== ${file} ==`);
  const mod = (await import(join(dir, file))) as { run(): Promise<void> };
  await mod.run();
}
