import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of `npm run deps` run over a small tree with one wrong arrow per rule,
 * so a rule that stops matching (a typo, a tool upgrade) turns this test red.
 */
const files: Record<string, string> = {
  'shared/ok.ts': 'export const ok = 1;\n',
  'shared/uses-node.ts':
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'shared/uses-db.ts': "import { cache } from '../db/cache';\nexport const c = cache;\n",
  'renderer/uses-db.ts': "import { cache } from '../db/cache';\nexport const c = cache;\n",
  'renderer/uses-server.ts': "import { api } from '../server/api';\nexport const a = api;\n",
  'renderer/ok.ts': "import { ok } from '../shared/ok';\nexport const x = ok;\n",
  'electron/services/uses-electron.ts': "import { app } from 'electron';\nexport const a = app;\n",
  'db/cache.ts': "import { helper } from '../tests/helper';\nexport const cache = helper;\n",
  'server/api.ts': "import { ok } from '../shared/ok';\nexport const api = ok;\n",
  'tests/helper.ts': 'export const helper = 1;\n',
};

function cruise(): { rule: string; from: string; to: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'tapline-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  copyFileSync('.dependency-cruiser.cjs', join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(join(dir, 'tsconfig.renderer.json'), '{"compilerOptions":{"strict":true}}');
  const bin = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [
        bin,
        'shared',
        'renderer',
        'electron',
        'db',
        'server',
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
      ],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  const report = JSON.parse(out) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the layer rules of DESIGN.md', () => {
  const violations = cruise();
  const by = (from: string) => violations.filter((v) => v.from === from).map((v) => v.rule);

  it('keep shared/ free of Node and of the layers above it', () => {
    expect(by('shared/uses-node.ts')).toContain('shared-is-pure');
    expect(by('shared/uses-db.ts')).toContain('shared-imports-only-shared');
  });

  it('keep the renderer on shared/ only', () => {
    expect(by('renderer/uses-db.ts')).toContain('renderer-only-shared');
    expect(by('renderer/uses-server.ts')).toContain('renderer-only-shared');
    expect(by('renderer/ok.ts')).toEqual([]);
  });

  it('keep electron out of electron/services', () => {
    expect(by('electron/services/uses-electron.ts')).toContain('services-never-electron');
  });

  it('refuse any import of tests/ from the product', () => {
    expect(by('db/cache.ts')).toContain('nothing-imports-tests');
  });

  it('let server/ use shared/', () => {
    expect(by('server/api.ts')).toEqual([]);
  });
});
