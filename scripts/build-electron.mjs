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

// Code that finds its files next to itself (the server's SQL migrations) keeps working in CJS.
const findsItsFiles = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

await Promise.all([
  build({
    ...common,
    ...findsItsFiles,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.cjs',
  }),
  // The embedded CIS's worker thread, which electron/services/cis/embedded-cis.ts finds beside
  // the main bundle: the server is bundled here, not into the main process.
  build({
    ...common,
    ...findsItsFiles,
    entryPoints: ['electron/services/cis/embedded-cis-worker.ts'],
    outfile: 'out/main/embedded-cis-worker.cjs',
  }),
  // The seed's generator threads, which server/seed/generator.ts finds beside the bundle that
  // holds the server (the embedded CIS's worker).
  build({
    ...common,
    ...findsItsFiles,
    entryPoints: ['server/seed/generate-worker.ts'],
    outfile: 'out/main/seed-worker.cjs',
  }),
  // The web host (`npm run web`, `npm start` without Electron), which finds the renderer at
  // ../renderer and the embedded CIS's worker beside itself.
  build({
    ...common,
    ...findsItsFiles,
    entryPoints: ['electron/web/main.ts'],
    outfile: 'out/main/web.cjs',
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
console.log(
  'built out/main/index.cjs, embedded-cis-worker.cjs, seed-worker.cjs and web.cjs, and out/preload/index.cjs',
);
