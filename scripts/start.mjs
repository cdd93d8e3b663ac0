// npm start: builds what changed since the last build (build-if-changed.mjs), then runs the
// desktop under Electron. Where the Electron binary is not installed (its download needs the
// network), says so in one line and starts the same desktop in a browser through the web host
// instead (`npm run web`), so the first command always works. Both start from the bundles in
// out/, never from TypeScript compiled at run time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildIfChanged } from './build-if-changed.mjs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

// Where the download was tried once (out/electron-install-tried), a start does not wait on the
// network again: `node node_modules/electron/install.js` fetches it by hand.
const TRIED = 'out/electron-install-tried';
let binary = electronBinary();
if (!binary && existsSync('node_modules/electron/install.js') && !existsSync(TRIED)) {
  // First start after `npm install`: fetch the binary now (quietly fails offline).
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore' });
  mkdirSync('out', { recursive: true });
  writeFileSync(TRIED, `${new Date().toISOString()}\n`);
  binary = electronBinary();
}
if (!binary) {
  console.log(
    'Electron is not installed here (its binary download needs the network: `node node_modules/electron/install.js`); starting the same desktop in a browser (`npm run web`).',
  );
  buildIfChanged();
  const web = spawn(process.execPath, ['out/main/web.cjs'], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  buildIfChanged();
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
