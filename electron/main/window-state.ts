import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type BrowserWindow, type Rectangle, screen } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1366, height: 768 }, maximized: false };

function visibleOnSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) => {
    const overlapX = Math.min(a.x + a.width, bounds.x + bounds.width) - Math.max(a.x, bounds.x);
    const overlapY = Math.min(a.y + a.height, bounds.y + bounds.height) - Math.max(a.y, bounds.y);
    return overlapX >= 100 && overlapY >= 50;
  });
}

/** Reads the last window size and position; off-screen (an unplugged monitor) falls back. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = raw.bounds;
    if (
      b &&
      [b.x, b.y, b.width, b.height].every(Number.isFinite) &&
      b.width >= 800 &&
      b.height >= 600 &&
      visibleOnSomeDisplay(b)
    ) {
      return { bounds: b, maximized: raw.maximized === true };
    }
  } catch {
    // First start or an unreadable file: defaults.
  }
  const { workArea } = screen.getPrimaryDisplay();
  return {
    bounds: {
      ...DEFAULT.bounds,
      x: workArea.x + Math.max(0, (workArea.width - DEFAULT.bounds.width) / 2),
      y: workArea.y + Math.max(0, (workArea.height - DEFAULT.bounds.height) / 2),
    },
    maximized: false,
  };
}

/** Remembers size and position when the window moves, resizes or closes. */
export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
