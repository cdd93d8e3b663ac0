// Bundles the Electron main process and the preload with esbuild (the renderer is Vite's).
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native and wasm-carrying packages stay in node_modules (unpacked from the asar).
  external: ['electron', 'better-sqlite3-multiple-ciphers', '@electric-sql/pglite', 'pg-native'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.cjs',
    // Code that finds its files next to itself (the server's SQL migrations) keeps working in CJS.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    // A sandboxed preload may only require 'electron'.
    external: ['electron'],
  }),
]);
// The server's migrations, found by server/db/migrate.ts at ../migrations from out/main.
cpSync('server/migrations', 'out/migrations', { recursive: true });
// The call-flow library, found by electron/services/flows at ../flows from out/main.
cpSync('shared/flows/library', 'out/flows', { recursive: true });
console.log('built out/main/index.cjs and out/preload/index.cjs');
