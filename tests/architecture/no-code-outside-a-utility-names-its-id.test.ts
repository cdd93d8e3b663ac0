import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { utilities } from '../../shared/utilities';

/**
 * What makes a utility itself lives in its folder under shared/utilities; the rest of Tapline
 * reads it through the Utility object. So no source file elsewhere names a utility's id (nor its
 * rate profile's or policy's, the same id): a branch on one would be a rule hidden from the
 * utility's folder. Tests and docs name utilities freely.
 */
const SOURCE_ROOTS = ['shared', 'server', 'electron', 'renderer', 'cli', 'db', 'scripts'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|yaml|yml)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

const outsideUtilities = SOURCE_ROOTS.flatMap(sourceFiles).filter(
  (f) => !f.startsWith(join('shared', 'utilities')),
);
const ids = utilities.flatMap((u) => [
  u.id,
  u.rates.id,
  u.collections.utilityId,
  u.service.utilityId,
]);

describe('a utility’s id', () => {
  it('finds the source tree to scan', () => {
    expect(outsideUtilities.length).toBeGreaterThan(100);
  });

  it('is named by no source file outside shared/utilities', () => {
    const naming = outsideUtilities.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...new Set(ids)].filter((id) => text.includes(id)).map((id) => `${file}: ${id}`);
    });
    expect(naming).toEqual([]);
  });
});
