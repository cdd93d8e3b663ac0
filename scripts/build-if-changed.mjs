// Builds what changed since the last build: the renderer (Vite) and the Node bundles (esbuild:
// the Electron main, its preload, the web host, the embedded CIS and the seed's threads). Each
// has a stamp of its inputs (every file's path, size and modification time) kept in
// out/build-stamps.json; a part whose stamp is unchanged and whose output is there is not built
// again. `npm start` and `npm run web` run it; `node scripts/build-if-changed.mjs` alone too.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const STAMPS = 'out/build-stamps.json';
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'shared'];

/** Each part: what it reads, what it writes, and the command that builds it. */
const PARTS = {
  renderer: {
    inputs: [...SHARED_INPUTS, 'renderer', 'vite.config.ts', 'tsconfig.renderer.json'],
    output: 'out/renderer/index.html',
    command: ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
  },
  node: {
    inputs: [...SHARED_INPUTS, 'electron', 'server', 'db', 'scripts/build-electron.mjs'],
    output: 'out/main/web.cjs',
    command: ['scripts/build-electron.mjs'],
  },
};

function files(path) {
  if (!existsSync(path)) return [];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [[path, stat.size, stat.mtimeMs]];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

export function stampOf(inputs) {
  const hash = createHash('sha256');
  for (const [path, size, mtime] of inputs.flatMap(files))
    hash.update(`${path}\0${size}\0${mtime}\n`);
  return hash.digest('hex');
}

function readStamps(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Builds the parts whose inputs changed (all of them on a fresh clone); answers their names.
 * `parts` and `stamps` are the project's unless given (a test gives its own).
 */
export function buildIfChanged({ parts = PARTS, stamps: file = STAMPS } = {}) {
  const stamps = readStamps(file);
  const built = [];
  for (const [name, part] of Object.entries(parts)) {
    const stamp = stampOf(part.inputs);
    if (stamps[name] === stamp && existsSync(part.output)) continue;
    const result = spawnSync(process.execPath, part.command, { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`building ${name} failed (exit ${result.status})`);
    stamps[name] = stamp;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stamps, null, 2)}\n`);
    built.push(name);
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = buildIfChanged();
  console.log(built.length ? `built: ${built.join(', ')}` : 'nothing changed since the last build');
}
