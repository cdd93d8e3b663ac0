import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadWindowState,
  restoreWindowState,
  trackWindowState,
} from '../../../electron/main/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
/** A second monitor to the right of the laptop's screen. */
const monitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const centredOnLaptop = { x: 277, y: 136, width: 1366, height: 768 };

const saved = (bounds: object, maximized = false) => ({ bounds, maximized });

describe('where the window opens', () => {
  it('is where it was left, maximized or not, when that place is on a display', () => {
    const onMonitor = { x: 2000, y: 100, width: 1600, height: 900 };
    expect(restoreWindowState(saved(onMonitor, true), [laptop, monitor], laptop)).toEqual({
      bounds: onMonitor,
      maximized: true,
    });
    expect(restoreWindowState(saved(onMonitor), [laptop, monitor], laptop).maximized).toBe(false);
  });

  it('is the default size centred on the primary display when the monitor it was on is gone', () => {
    const onMonitor = { x: 2000, y: 100, width: 1600, height: 900 };
    expect(restoreWindowState(saved(onMonitor, true), [laptop], laptop)).toEqual({
      bounds: centredOnLaptop,
      maximized: false,
    });
  });

  it('needs 100 by 50 pixels on one display: its title bar must be reachable', () => {
    // 100 px of width left on the laptop's right edge, the rest past it.
    const edge = { x: 1820, y: 500, width: 1000, height: 700 };
    expect(restoreWindowState(saved(edge), [laptop], laptop).bounds).toEqual(edge);
    const lessThan100 = { ...edge, x: 1821 };
    expect(restoreWindowState(saved(lessThan100), [laptop], laptop).bounds).toEqual(
      centredOnLaptop,
    );
    // 50 px of height left above the bottom of the work area.
    const low = { x: 100, y: 990, width: 1000, height: 700 };
    expect(restoreWindowState(saved(low), [laptop], laptop).bounds).toEqual(low);
    expect(restoreWindowState(saved({ ...low, y: 991 }), [laptop], laptop).bounds).toEqual(
      centredOnLaptop,
    );
  });

  it('refuses a saved size below 800 by 600, or one that is not numbers', () => {
    for (const bounds of [
      { x: 0, y: 0, width: 799, height: 700 },
      { x: 0, y: 0, width: 1000, height: 599 },
      { x: 0, y: 0, width: Number.NaN, height: 700 },
      { x: '0', y: 0, width: 1000, height: 700 },
      {},
    ]) {
      expect(restoreWindowState(saved(bounds), [laptop], laptop).bounds).toEqual(centredOnLaptop);
    }
    expect(restoreWindowState(null, [laptop], laptop).bounds).toEqual(centredOnLaptop);
    expect(restoreWindowState('garbage', [laptop], laptop).bounds).toEqual(centredOnLaptop);
  });

  it('centres in whole pixels on a primary display that is not at the origin, and fits a small one', () => {
    const left = { x: -1280, y: 200, width: 1280, height: 720 };
    expect(restoreWindowState(undefined, [left], left).bounds).toEqual({
      x: -1280,
      y: 200,
      width: 1366,
      height: 768,
    });
    const odd = { x: 0, y: 0, width: 1921, height: 1041 };
    const { x, y } = restoreWindowState(undefined, [odd], odd).bounds;
    expect([Number.isInteger(x), Number.isInteger(y)]).toEqual([true, true]);
  });
});

describe('the window-state file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const screen = (...workAreas: (typeof laptop)[]) => ({
    getAllDisplays: () => workAreas.map((workArea) => ({ workArea })) as never,
    getPrimaryDisplay: () => ({ workArea: workAreas[0] }) as never,
  });

  /** A window as trackWindowState sees it. */
  function fakeWindow(bounds: typeof laptop, maximized: boolean) {
    const listeners = new Map<string, () => void>();
    const win = {
      isDestroyed: () => false,
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
      on: (name: string, listener: () => void) => {
        listeners.set(name, listener);
        return win;
      },
    };
    return { win, fire: (name: string) => listeners.get(name)?.() };
  }

  it('is written on close and read back on the next start', () => {
    dir = mkdtempSync(join(tmpdir(), 'tapline-window-'));
    const file = join(dir, 'nested', 'window-state.json');
    const bounds = { x: 2100, y: 50, width: 1500, height: 1000 };
    const { win, fire } = fakeWindow(bounds, true);
    trackWindowState(win as never, file);
    fire('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds, maximized: true });
    expect(loadWindowState(file, screen(laptop, monitor))).toEqual({ bounds, maximized: true });
    expect(loadWindowState(file, screen(laptop))).toEqual({
      bounds: centredOnLaptop,
      maximized: false,
    });
  });

  it('falls back to the default when missing or damaged', () => {
    dir = mkdtempSync(join(tmpdir(), 'tapline-window-'));
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file, screen(laptop)).bounds).toEqual(centredOnLaptop);
    writeFileSync(file, '{"bounds": {"x": 1');
    expect(loadWindowState(file, screen(laptop)).bounds).toEqual(centredOnLaptop);
  });
});
