import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuildPart, buildIfChanged } from '../../scripts/build-if-changed.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tapline-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => join(dir, name);
writeFileSync(at('a.ts'), 'one');
writeFileSync(at('b.ts'), 'two');
// A "build" that writes its output and counts its runs, as Vite or esbuild would write theirs.
writeFileSync(
  at('build.mjs'),
  `import { appendFileSync, writeFileSync } from 'node:fs';
   const [out, log] = process.argv.slice(2);
   writeFileSync(out, 'built');
   appendFileSync(log, 'x');`,
);
const part = (name: string, inputs: string[]): BuildPart => ({
  inputs: inputs.map(at),
  output: at(`${name}.out`),
  command: [at('build.mjs'), at(`${name}.out`), at(`${name}.runs`)],
});
const parts = { first: part('first', ['a.ts']), second: part('second', ['b.ts']) };
const options = { parts, stamps: at('stamps.json') };
const runs = (name: string) => readFileSync(at(`${name}.runs`), 'utf8').length;

describe('the build before a start', () => {
  it('builds every part the first time, and nothing when no input changed', () => {
    expect(buildIfChanged(options)).toEqual(['first', 'second']);
    expect(buildIfChanged(options)).toEqual([]);
    expect([runs('first'), runs('second')]).toEqual([1, 1]);
  });

  it('builds only the part whose input was edited (its time, or its size)', () => {
    utimesSync(at('a.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(buildIfChanged(options)).toEqual(['first']);
    writeFileSync(at('b.ts'), 'two, longer');
    expect(buildIfChanged(options)).toEqual(['second']);
    expect(buildIfChanged(options)).toEqual([]);
  });

  it('builds a part whose output is gone, or that gains an input file', () => {
    rmSync(at('first.out'));
    expect(buildIfChanged(options)).toEqual(['first']);
    const grown = { ...parts, second: part('second', ['b.ts', 'c.ts']) };
    expect(buildIfChanged({ ...options, parts: grown })).toEqual([]);
    writeFileSync(at('c.ts'), 'three');
    expect(buildIfChanged({ ...options, parts: grown })).toEqual(['second']);
    expect([runs('first'), runs('second')]).toEqual([3, 3]);
  });

  it('says which part failed, and keeps its old stamp so the next start tries again', () => {
    const failing = { first: { ...parts.first, command: ['-e', 'process.exit(3)'] } };
    utimesSync(at('a.ts'), new Date(), new Date(Date.now() + 10_000));
    expect(() => buildIfChanged({ ...options, parts: failing })).toThrow(/first failed \(exit 3\)/);
    expect(buildIfChanged({ ...options, parts: { first: parts.first } })).toEqual(['first']);
  });
});
