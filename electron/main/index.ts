import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, screen, session, shell } from 'electron';
import { createAppServices } from '../services/app-services';
import { cisConfigFromEnv } from '../services/config';
import { contentSecurityPolicy } from '../services/csp';
import { providerPageUrl } from '../services/external-page';
import { telephonyFromEnv, telephonySources } from '../services/softphone/telephony-config';
import { readAppVersion } from '../services/version';
import { safeStorageCacheKey } from './cache-key';
import { bindIpc } from './ipc';
import { APP_ORIGIN, APP_SCHEME, hardenApp, hardenSession } from './security';
import { loadWindowState, trackWindowState } from './window-state';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  hardenApp(app);

  app.whenReady().then(async () => {
    const appRoot = app.getAppPath();
    const rendererRoot = join(appRoot, 'out', 'renderer');
    const telephony = telephonyFromEnv();
    const sources = telephonySources(telephony);
    hardenSession(session.defaultSession, sources);
    const csp = contentSecurityPolicy(sources);

    // Serves out/renderer under app://tapline/, refusing any path that escapes it.
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url);
      const relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
      const file = join(rendererRoot, relative || 'index.html');
      if (!file.startsWith(rendererRoot + sep)) return new Response('', { status: 403 });
      try {
        const body = await readFile(file);
        return new Response(body, {
          headers: {
            'content-type': MIME[extname(file)] ?? 'application/octet-stream',
            // Set here too: responses of a custom protocol do not always pass through webRequest.
            'content-security-policy': csp,
          },
        });
      } catch {
        return new Response('', { status: 404 });
      }
    });

    const dataDir = app.getPath('userData');
    const log = (m: string) => console.log(`[tapline] ${m}`);
    const services = await createAppServices({
      host: 'electron',
      dataDir,
      version: readAppVersion(join(appRoot, 'package.json')),
      cacheKey: safeStorageCacheKey(dataDir, log),
      ...cisConfigFromEnv(),
      telephony: telephony.mode,
      twilioEdges: telephony.edges,
      // The identity provider's sign-in page opens in the system's browser, never in this window;
      // only an https page (http to this machine) passes providerPageUrl, never another scheme.
      openExternal: async (url) => {
        const page = providerPageUrl(url);
        if (page) await shell.openExternal(/* eng-disable OPEN_EXTERNAL_JS_CHECK */ page);
      },
      log,
    });

    const stateFile = join(app.getPath('userData'), 'window-state.json');
    const state = loadWindowState(stateFile, screen);
    mainWindow = new BrowserWindow({
      ...state.bounds,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'Tapline',
      backgroundColor: '#f7f8fa',
      webPreferences: {
        // The preload is ours, sandboxed, imports only 'electron' and exposes window.tapline alone
        // (electron/preload/index.ts); the main-process registry validates every message it carries.
        preload: /* eng-disable PRELOAD_JS_CHECK */ join(appRoot, 'out', 'preload', 'index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        spellcheck: false,
        // Middle-click must not open links in new windows.
        disableBlinkFeatures: 'Auxclick',
      },
    });
    if (state.maximized) mainWindow.maximize();
    trackWindowState(mainWindow, stateFile);
    const unbind = bindIpc(
      ipcMain,
      services.registry,
      services.session,
      () => mainWindow?.webContents ?? null,
    );
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);

    app.on('window-all-closed', async () => {
      unbind();
      await services.close();
      app.quit();
    });
  });
}
