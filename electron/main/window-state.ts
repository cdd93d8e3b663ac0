import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow, Rectangle, Screen } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** The common call-center screen; the window opens at this size, centred, the first time. */
const DEFAULT_SIZE = { width: 1366, height: 768 };
const MIN_SIZE = { width: 800, height: 600 };
/** How much of the window must lie on one display for it to be reachable by its title bar. */
const MIN_VISIBLE = { width: 100, height: 50 };

function visibleOn(workAreas: readonly Rectangle[], bounds: Rectangle): boolean {
  return workAreas.some((a) => {
    const overlapX = Math.min(a.x + a.width, bounds.x + bounds.width) - Math.max(a.x, bounds.x);
    const overlapY = Math.min(a.y + a.height, bounds.y + bounds.height) - Math.max(a.y, bounds.y);
    return overlapX >= MIN_VISIBLE.width && overlapY >= MIN_VISIBLE.height;
  });
}

/**
 * The window's place on this start: the saved size and position when they are sane and enough of
 * the window lies on a display that is there now; otherwise (first start, a damaged file, a
 * monitor unplugged since) the default size centred on the primary display's work area.
 */
export function restoreWindowState(
  saved: unknown,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): WindowState {
  const raw = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<WindowState>;
  const b = raw.bounds;
  if (
    b &&
    [b.x, b.y, b.width, b.height].every(Number.isFinite) &&
    b.width >= MIN_SIZE.width &&
    b.height >= MIN_SIZE.height &&
    visibleOn(workAreas, b)
  ) {
    return {
      bounds: { x: b.x, y: b.y, width: b.width, height: b.height },
      maximized: raw.maximized === true,
    };
  }
  return {
    bounds: {
      ...DEFAULT_SIZE,
      x: primary.x + Math.max(0, Math.round((primary.width - DEFAULT_SIZE.width) / 2)),
      y: primary.y + Math.max(0, Math.round((primary.height - DEFAULT_SIZE.height) / 2)),
    },
    maximized: false,
  };
}

/** Reads the last window size and position and places them on the displays `screen` reports. */
export function loadWindowState(
  file: string,
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>,
): WindowState {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // First start or an unreadable file: the defaults.
  }
  return restoreWindowState(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
}

/** Remembers size and position when the window moves, resizes or closes. */
export function trackWindowState(
  win: Pick<BrowserWindow, 'isDestroyed' | 'getNormalBounds' | 'isMaximized' | 'on'>,
  file: string,
): void {
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
