import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.log(
    'Electron smoke test skipped: the Electron binary is not installed on this machine (its download needs the network).',
  );
}

describe('the desktop under Electron', () => {
  it.skipIf(!binary)('opens one hardened window showing the shell', async () => {
    const app = await _electron.launch({ executablePath: binary!, args: ['.'] });
    try {
      const window = await app.firstWindow();
      await window.getByRole('heading', { name: 'Account' }).waitFor();
      expect(await window.title()).toBe('Tapline');
      const exposed = await window.evaluate(() =>
        Object.keys(window).filter((k) =>
          ['tapline', 'require', 'process', 'ipcRenderer'].includes(k),
        ),
      );
      expect(exposed).toEqual(['tapline']);
      const nodeReach = await window.evaluate(() => [
        typeof require,
        typeof process,
        typeof module,
      ]);
      expect(nodeReach).toEqual(['undefined', 'undefined', 'undefined']);
      expect(await app.evaluate(({ app: electronApp }) => electronApp.getName())).toBe('tapline');
    } finally {
      await app.close();
    }
  });
});
