// Runs Electronegativity over electron/ and fails on any HIGH or MEDIUM finding that is not
// disabled in place with an explained `eng-disable` comment.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');

const originalLog = console.log;
console.log = () => {};
let result;
try {
  result = await run(
    {
      input: 'electron',
      output: undefined,
      isSarif: false,
      isRelative: true,
      severitySet: 'informational',
      confidenceSet: 'tentative',
      electronVersionOverride: '40.0.0',
      parserPlugins: [],
      customScan: undefined,
      excludeFromScan: undefined,
      electronUpgrade: undefined,
      verbose: false,
    },
    false,
  );
} finally {
  console.log = originalLog;
}

const issues = result?.issues ?? [];
const blocking = issues.filter((i) =>
  ['HIGH', 'MEDIUM'].includes(String(i.severity?.name ?? i.severity).toUpperCase()),
);
for (const i of issues) {
  const sev = String(i.severity?.name ?? i.severity).toUpperCase();
  console.log(
    `${sev.padEnd(13)} ${i.id.padEnd(28)} ${i.file}:${i.location?.line ?? ''}  ${String(
      i.sample ?? '',
    )
      .trim()
      .slice(0, 80)}`,
  );
}
if (blocking.length) {
  console.error(
    `\nElectronegativity: ${blocking.length} high or medium finding(s). Fix them, or disable one in place with an explained eng-disable comment.`,
  );
  process.exit(1);
}
console.log(`Electronegativity: ${issues.length} finding(s), none high or medium.`);
