import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The documentation explains the project from inside it: every link and every path it names
 * resolves to a file of the repository, nothing points outside it, the README stays short, and
 * every source folder carries its README. A moved file that a page still names fails here.
 */
const ROOT = resolve('.');
const SKIP = new Set(['node_modules', 'out', 'dist', '.git', 'coverage', 'artifacts']);
const TOP = [
  'shared',
  'db',
  'electron',
  'renderer',
  'server',
  'cli',
  'tests',
  'scripts',
  'build',
  'data',
  'docs',
  '.ci',
];
const SOURCE = /\.(ts|tsx|mjs|sql)$/;

function walk(dir: string, visit: (path: string, isDir: boolean) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    visit(path, entry.isDirectory());
    if (entry.isDirectory()) walk(path, visit);
  }
}

/** README.md, every page of docs/ and every folder's README. */
function docFiles(): string[] {
  const files = [join(ROOT, 'README.md')];
  walk(ROOT, (path, isDir) => {
    if (isDir) return;
    const rel = relative(ROOT, path);
    // Notes waiting to be folded into the pages are not pages yet.
    if (rel === 'README.md' || rel.startsWith(join('docs', '_incoming'))) return;
    if (rel.endsWith('README.md') || (rel.startsWith(`docs${sep}`) && rel.endsWith('.md')))
      files.push(path);
  });
  return files;
}

/** The text outside fenced code blocks, where links and inline code are prose. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading: lowercased, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

const inside = (path: string) => path === ROOT || path.startsWith(ROOT + sep);
const files = docFiles();
const name = (file: string) => relative(ROOT, file);

describe('the documentation', () => {
  it('covers the README, docs/ and the folder READMEs', () => {
    expect(files.map(name)).toEqual(
      expect.arrayContaining(['README.md', join('docs', 'index.md'), join('shared', 'README.md')]),
    );
  });

  it('links only to files and headings of the repository', () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const m of prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#');
        const resolved = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
        if (!inside(resolved)) broken.push(`${name(file)}: ${target} points outside the project`);
        else if (!existsSync(resolved)) broken.push(`${name(file)}: ${target} does not exist`);
        else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor))
          broken.push(`${name(file)}: ${target} names no heading of ${name(resolved)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names only paths that exist in the repository', () => {
    const missing: string[] = [];
    const top = new RegExp(`^(${TOP.map((t) => t.replace('.', '\\.')).join('|')})/`);
    for (const file of files) {
      for (const m of prose(readFileSync(file, 'utf8')).matchAll(/`([^`\s]+)`/g)) {
        const path = m[1].replace(/[.,;:]$/, '');
        // Patterns and placeholders (`tests/<layer>/...`, `{en,es}`, `NNNN_name.sql`) are not paths.
        if (!top.test(path) || /[*{}<>|…]|\.\.\.|NNNN|xx|tests\/e2e\/artifacts/.test(path))
          continue;
        if (!existsSync(join(ROOT, path))) missing.push(`${name(file)}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('points to nothing outside the project', () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\.\.\/)+[\w.@-]+(?:\/[\w.@-]+)*/g)) {
        if (!inside(resolve(dirname(file), m[0]))) outside.push(`${name(file)}: ${m[0]}`);
      }
      for (const m of text.matchAll(/\/work\/\S*|DESIGN\.md|STYLE\.md|shared\/reference/g))
        outside.push(`${name(file)}: ${m[0]}`);
    }
    expect(outside).toEqual([]);
  });
});

describe('the README', () => {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');

  it('is short: what it is, the two commands, where to read on', () => {
    expect(lines.length).toBeLessThanOrEqual(300);
  });

  it('gives the two commands in its first lines', () => {
    const head = lines.slice(0, 15).join('\n');
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm test');
  });
});

describe('every source folder', () => {
  /** Folders holding source at any depth: the layers' folders and their subfolders, each feature and service, each kind of test. */
  function sourceFolders(): string[] {
    const out: string[] = [];
    const hasSource = (dir: string): boolean => {
      let found = false;
      walk(dir, (path, isDir) => {
        if (!isDir && SOURCE.test(path)) found = true;
      });
      return found;
    };
    for (const layer of ['shared', 'db', 'electron', 'renderer', 'server', 'cli', 'tests']) {
      walk(join(ROOT, layer), (path, isDir) => {
        if (!isDir) return;
        const parts = relative(ROOT, path).split(sep);
        const deep =
          parts.length === 3 &&
          /^(renderer\/features|electron\/services)$/.test(parts.slice(0, 2).join('/'));
        const wanted = layer === 'tests' ? parts.length === 2 : parts.length <= 2 || deep;
        if (wanted && hasSource(path)) out.push(parts.join('/'));
      });
      out.push(layer);
    }
    return out.filter((dir) => statSync(join(ROOT, dir)).isDirectory());
  }

  it('carries a README saying what it is for, what it may import and how to add to it', () => {
    const lacking: string[] = [];
    for (const dir of sourceFolders()) {
      const readme = join(ROOT, dir, 'README.md');
      if (!existsSync(readme)) {
        lacking.push(`${dir}: no README.md`);
        continue;
      }
      const text = readFileSync(readme, 'utf8');
      if (!/may import|imports nothing/i.test(text)) lacking.push(`${dir}: no "May import"`);
      if (!/^## How to add/m.test(text)) lacking.push(`${dir}: no "How to add"`);
    }
    expect(lacking).toEqual([]);
  });
});
