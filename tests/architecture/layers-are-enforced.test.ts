import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The dependency rules of `npm run deps` run over a small tree with one wrong arrow per rule,
 * so a rule that stops matching (a typo, a tool upgrade) turns this test red. The tree links the
 * project's node_modules, so `react` and `electron` resolve to their packages as they do in the
 * real tree (an unresolved name would only trip the unresolvable rule).
 */
const importing = (specifier: string) =>
  `import * as dependency from '${specifier}';\nexport const d = dependency;\n`;

const files: Record<string, string> = {
  'shared/ok.ts': 'export const ok = 1;\n',
  'shared/uses-node.ts': importing('node:fs'),
  'shared/uses-bare-core.ts': importing('fs'),
  'shared/uses-db.ts': importing('../db/cache'),
  'shared/uses-react.ts': importing('react'),
  'shared/uses-react-dom.ts': importing('react-dom'),
  'shared/uses-happy-dom.ts': importing('happy-dom'),
  'shared/uses-electron.ts': importing('electron'),
  'shared/uses-tests.ts': importing('../tests/helper'),
  'renderer/uses-db.ts': importing('../db/cache'),
  'renderer/uses-server.ts': importing('../server/api'),
  'renderer/uses-electron-main.ts': importing('../electron/main/window'),
  'renderer/uses-electron-services.ts': importing('../electron/services/settings'),
  'renderer/uses-electron.ts': importing('electron'),
  'renderer/uses-tests.ts': importing('../tests/helper'),
  'renderer/ok.ts':
    "import { ok } from '../shared/ok';\nimport { useState } from 'react';\nexport const x = [ok, useState];\n",
  'electron/main/window.ts':
    "import { app } from 'electron';\nimport { settings } from '../services/settings';\nexport const w = [app, settings];\n",
  'electron/main/uses-tests.ts': importing('../../tests/helper'),
  'electron/services/settings.ts':
    "import { ok } from '../../shared/ok';\nexport const settings = ok;\n",
  'electron/services/uses-electron.ts': importing('electron'),
  'electron/services/uses-electron-main.ts': importing('../main/window'),
  'electron/web/uses-electron.ts': importing('electron'),
  'electron/services/uses-server.ts': importing('../../server/api'),
  'electron/services/cis/embedded-cis.ts': importing('../../../server/api'),
  'electron/services/cis/embedded-cis-worker.ts': importing('../../../server/api'),
  'electron/main/uses-server.ts': importing('../../server/api'),
  'electron/web/uses-server.ts': importing('../../server/api'),
  'db/cache.ts': importing('../tests/helper'),
  'server/api.ts': "import { ok } from '../shared/ok';\nexport const api = ok;\n",
  'server/uses-tests.ts': importing('../tests/helper'),
  'tests/helper.ts': "import { ok } from '../shared/ok';\nexport const helper = ok;\n",
};

const dir = mkdtempSync(join(tmpdir(), 'tapline-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cruise(): { rule: string; from: string; to: string }[] {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
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
        'tests',
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

/**
 * The DOM is not a module to cruise but a set of global types: shared/ is type-checked with
 * tsconfig.shared.json, whose `lib` leaves the DOM out. Returns the compiler's errors per file.
 */
function typeCheckShared(sources: Record<string, string>): Map<string, string[]> {
  const root = join(dir, 'typecheck');
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(join(root, 'shared'), { recursive: true });
    writeFileSync(join(root, 'shared', name), text);
  }
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      extends: resolve('tsconfig.shared.json'),
      // Checked as shared/ is, without the declarations `tsc -b` writes for the projects above.
      compilerOptions: {
        composite: false,
        declaration: false,
        emitDeclarationOnly: false,
        noEmit: true,
        tsBuildInfoFile: null,
      },
      include: ['shared'],
    }),
  );
  let out = '';
  try {
    execFileSync(
      process.execPath,
      [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  const errors = new Map<string, string[]>();
  for (const match of out.matchAll(/^shared\/([^(]+)\(\d+,\d+\): error (TS\d+)/gm)) {
    errors.set(match[1], [...(errors.get(match[1]) ?? []), match[2]]);
  }
  return errors;
}

describe('the layer rules of docs/architecture.md', () => {
  const violations = cruise();
  const by = (from: string) => violations.filter((v) => v.from === from).map((v) => v.rule);

  it('keep shared/ free of Node and of the layers above it', () => {
    expect(by('shared/uses-node.ts')).toContain('shared-is-pure');
    expect(by('shared/uses-bare-core.ts')).toContain('shared-is-pure');
    expect(by('shared/uses-db.ts')).toContain('shared-imports-only-shared');
    expect(by('shared/ok.ts')).toEqual([]);
  });

  it('keep React, the DOM libraries and Electron out of shared/', () => {
    expect(by('shared/uses-react.ts')).toContain('shared-no-platform-packages');
    expect(by('shared/uses-react-dom.ts')).toContain('shared-no-platform-packages');
    expect(by('shared/uses-happy-dom.ts')).toContain('shared-no-platform-packages');
    expect(by('shared/uses-electron.ts')).toContain('shared-no-platform-packages');
  });

  it("keep the DOM's globals out of shared/ (its type check has no DOM)", () => {
    const errors = typeCheckShared({
      'uses-document.ts': 'export const title = (): string => document.title;\n',
      'uses-element.ts': 'export const tag = (e: HTMLElement): string => e.tagName;\n',
      'pure.ts': 'export const twice = (n: number): number => n * 2;\n',
    });
    expect(errors.get('uses-document.ts')).toEqual(['TS2584']);
    expect(errors.get('uses-element.ts')).toEqual(['TS2812']);
    expect(errors.has('pure.ts')).toBe(false);
  });

  it('keep the renderer on shared/ only', () => {
    expect(by('renderer/uses-db.ts')).toContain('renderer-only-shared');
    expect(by('renderer/uses-server.ts')).toContain('renderer-only-shared');
    expect(by('renderer/uses-electron-main.ts')).toContain('renderer-only-shared');
    expect(by('renderer/uses-electron-services.ts')).toContain('renderer-only-shared');
    expect(by('renderer/uses-electron.ts')).toContain('renderer-only-shared');
    expect(by('renderer/ok.ts')).toEqual([]);
  });

  it('keep electron out of electron/services and the web host', () => {
    expect(by('electron/services/uses-electron.ts')).toContain('services-never-electron');
    expect(by('electron/services/uses-electron-main.ts')).toContain('services-never-electron');
    expect(by('electron/web/uses-electron.ts')).toContain('services-never-electron');
  });

  it("let the desktop reach server/ through the embedded CIS's worker entry only", () => {
    for (const from of [
      'electron/services/uses-server.ts',
      'electron/services/cis/embedded-cis.ts',
      'electron/main/uses-server.ts',
      'electron/web/uses-server.ts',
    ]) {
      expect(by(from), from).toContain('desktop-reaches-the-server-through-one-door');
    }
    expect(by('electron/services/cis/embedded-cis-worker.ts')).toEqual([]);
  });

  it('let electron/main use electron and the services', () => {
    expect(by('electron/main/window.ts')).toEqual([]);
  });

  it('refuse any import of tests/ from the product', () => {
    for (const from of [
      'shared/uses-tests.ts',
      'renderer/uses-tests.ts',
      'electron/main/uses-tests.ts',
      'db/cache.ts',
      'server/uses-tests.ts',
    ]) {
      expect(by(from), from).toContain('nothing-imports-tests');
    }
    expect(by('tests/helper.ts')).toEqual([]);
  });

  it('let server/ use shared/', () => {
    expect(by('server/api.ts')).toEqual([]);
  });
});
