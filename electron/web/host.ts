import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import type { WireEvent, WireResponse } from '../../shared/ipc';
import { contentSecurityPolicy } from '../services/csp';
import {
  anonymousSession,
  type CallerSession,
  type HandlerRegistry,
  parseWireMessage,
} from '../services/registry';

export interface WebHostOptions {
  registry: HandlerRegistry;
  /** The built renderer (vite build output); null: the socket only (`npm run dev`: Vite serves it). */
  staticDir: string | null;
  /** 0 picks a free port. */
  port?: number;
  /** The desktop-wide session; absent: each connection starts signed out. */
  session?: CallerSession;
  /** What the softphone may reach (Twilio mode), added to the CSP. */
  telephonySources?: { connect: string[]; media: string[] };
  log?: (message: string, details?: unknown) => void;
}

export interface WebHost {
  readonly url: string;
  readonly urlWithToken: string;
  readonly port: number;
  readonly token: string;
  /**
   * Lets pages of one more origin open the socket: Vite's dev server, which proxies `/ipc` here
   * (`npm run dev`). The token is checked all the same.
   */
  allowOrigin(origin: string): void;
  close(): Promise<void>;
}

/** Frames larger than this are cut by the socket itself; below it, the registry answers too_large. */
const SOCKET_MAX_PAYLOAD = 4 * 1024 * 1024;

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * The web host: serves the renderer on 127.0.0.1 and binds the handler registry to a WebSocket.
 * A random token per launch (in the URL's fragment, never logged by a server) and the Origin
 * check keep other pages and other users of the machine out.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const log = options.log ?? (() => {});
  const app: FastifyInstance = Fastify({ logger: false });
  let origins: string[] = [];
  let csp = contentSecurityPolicy(options.telephonySources);

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Permissions-Policy', 'microphone=(self), camera=(), geolocation=()');
    return payload;
  });
  if (options.staticDir)
    await app.register(fastifyStatic, { root: options.staticDir, index: ['index.html'] });

  const wss = new WebSocketServer({ noServer: true, maxPayload: SOCKET_MAX_PAYLOAD });
  const sockets = new Set<WebSocket>();

  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ipc') return refuse(socket, 404, 'Not Found');
    if (!origins.includes(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    if (!sameToken(url.searchParams.get('token'), token))
      return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    const session = options.session ?? anonymousSession();
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (err) => log('web host socket error', err.message));
    ws.on('message', async (data, isBinary) => {
      const raw = isBinary ? Buffer.concat([data].flat() as Buffer[]) : data.toString();
      const parsed = parseWireMessage(raw);
      let response: WireResponse;
      if (!parsed.ok) {
        response = { id: parsed.id, ok: false, error: parsed.error };
      } else {
        const result = await options.registry.dispatch(parsed.channel, parsed.payload, session);
        response = { id: parsed.id, ...result };
      }
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });

  const unsubscribe = options.registry.onEvent((event, payload) => {
    const message: WireEvent = { event, payload };
    const text = JSON.stringify(message);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  csp = contentSecurityPolicy({
    connect: [
      `ws://127.0.0.1:${port}`,
      `ws://localhost:${port}`,
      ...(options.telephonySources?.connect ?? []),
    ],
    media: options.telephonySources?.media,
  });
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    urlWithToken: `${url}#token=${token}`,
    port,
    token,
    allowOrigin(origin) {
      origins = [...origins, origin];
    },
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await app.close();
    },
  };
}
