// npm start: builds, then runs the desktop under Electron. Where the Electron binary is not
// installed (its download needs the network), says so in one line and starts the same desktop
// in a browser through the web host instead (`npm run web`), so the first command always works.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

let binary = electronBinary();
if (!binary && existsSync('node_modules/electron/install.js')) {
  // First start after `npm install`: fetch the binary now (quietly fails offline).
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore' });
  binary = electronBinary();
}
if (!binary) {
  console.log(
    'Electron is not installed here (its binary download needs the network: `node node_modules/electron/install.js`); starting the same desktop in a browser (`npm run web`).',
  );
  const web = spawn('npm', ['run', 'web'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  run('npm', ['run', 'build']);
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
