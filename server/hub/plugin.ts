import websocket from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Principal } from '../../shared/cis';
import { parsePlainDate } from '../../shared/dates';
import { HUB_PATH } from '../../shared/hub';
import { resources } from '../../shared/i18n';
import { type Role, roleAllows } from '../../shared/ipc/roles';
import { dayBounds, intervalReport } from '../../shared/metrics';
import type { Auth } from '../auth/sessions';
import { intervalReportCsv } from './csv';
import type { Hub, HubConnection } from './hub';

export interface HubPluginOptions {
  auth: Auth;
  hub: Hub;
}

/** 400 with the field and the reason, as every route of the CIS answers a bad request. */
function badRequest(reply: FastifyReply, issue: z.core.$ZodIssue, whole: string) {
  return reply.code(400).send({
    error: 'bad_request',
    field: issue.path.map(String).join('.') || whole,
    message: issue.message,
  });
}

/** A lead's board that stops reading is cut off past this much unsent data; it reconnects afresh. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const PING_MS = 30_000;

const reportQuery = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((d) => parsePlainDate(d) !== null, 'not a calendar date'),
    minutes: z.coerce.number().pipe(z.union([z.literal(15), z.literal(30), z.literal(60)])),
    by: z.enum(['queue', 'agent']).default('queue'),
    format: z.enum(['json', 'csv']).default('json'),
    lang: z.enum(['en', 'es']).default('en'),
  })
  .strict();

const queueBody = z
  .object({
    language: z.enum(['en', 'es']),
    thresholdSeconds: z.number().int().min(1).max(600),
    targetPercent: z.number().int().min(1).max(100),
    shortAbandonSeconds: z.number().int().min(0).max(60),
  })
  .strict();

/**
 * The hub on the central server: the WebSocket desktops connect to (`/hub`, the upgrade
 * authenticated with the CIS session token) and the leads' HTTP routes: the interval report as
 * JSON or CSV, and the queues' service-level settings (changed by an admin).
 */
export const hubPlugin: FastifyPluginAsync<HubPluginOptions> = async (app, options) => {
  const { hub, auth } = options;
  const principals = new WeakMap<FastifyRequest, Principal>();
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });

  const bearer = (req: FastifyRequest) => {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') ? header.slice(7) : '';
  };
  const allowed = async (req: FastifyRequest, reply: FastifyReply, role: Role) => {
    const p = await auth.verify(bearer(req));
    if (!p) {
      await reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
      return null;
    }
    if (!roleAllows([role], p.role)) {
      await reply.code(403).send({ error: 'forbidden', message: `needs role ${role}` });
      return null;
    }
    principals.set(req, p);
    return p;
  };

  const sockets = new Set<WebSocket>();
  const ping = setInterval(() => {
    for (const ws of sockets) {
      const alive = ws as WebSocket & { alive?: boolean };
      if (alive.alive === false) ws.terminate();
      else {
        alive.alive = false;
        ws.ping();
      }
    }
  }, PING_MS);
  ping.unref();
  app.addHook('onClose', async () => {
    clearInterval(ping);
    for (const ws of sockets) ws.terminate();
  });

  app.get(
    HUB_PATH,
    {
      websocket: true,
      preValidation: async (req, reply) => {
        await allowed(req, reply, 'agent');
      },
    },
    (socket, req) => {
      const principal = principals.get(req)!;
      sockets.add(socket);
      const conn: HubConnection = {
        principal,
        subscribed: false,
        sendText(text) {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.close(1013, 'too far behind');
            return;
          }
          socket.send(text);
        },
      };
      socket.on('pong', () => {
        (socket as WebSocket & { alive?: boolean }).alive = true;
      });
      socket.on('message', (data, isBinary) => {
        const raw = isBinary
          ? Buffer.concat([data].flat() as Buffer[]).toString('utf8')
          : data.toString();
        hub.receive(conn, raw).catch((err) => app.log.error(err));
      });
      socket.on('close', () => {
        sockets.delete(socket);
        hub.detach(conn);
      });
      socket.on('error', () => socket.terminate());
      hub.attach(conn);
    },
  );

  app.get('/hub/intervals', async (req, reply) => {
    if (!(await allowed(req, reply, 'lead'))) return;
    const parsed = reportQuery.safeParse(req.query);
    if (!parsed.success) return badRequest(reply, parsed.error.issues[0], '(query)');
    const q = parsed.data;
    const { start, end } = dayBounds(q.date, hub.timeZone);
    // Calls offered late in the day finish after midnight: read an hour past its end.
    const events = await hub.store.between(start, end + 3600_000);
    const report = intervalReport(events, {
      date: q.date,
      timeZone: hub.timeZone,
      minutes: q.minutes,
      by: q.by,
      queues: hub.settings.queues,
    });
    const names: Record<string, string> =
      q.by === 'agent'
        ? await hub.store.names(report.groups)
        : { ...resources[q.lang].board.queues.names };
    if (q.format === 'csv') {
      const file = `tapline-intervals-${q.date}-${q.minutes}min-by-${q.by}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(intervalReportCsv(report, names, q.lang));
    }
    return { report, names };
  });

  app.get('/hub/queues', async (req, reply) => {
    if (!(await allowed(req, reply, 'lead'))) return;
    return { queues: Object.values(hub.settings.queues) };
  });

  app.put('/hub/queues/:id', async (req, reply) => {
    const admin = await allowed(req, reply, 'admin');
    if (!admin) return;
    const id = String((req.params as { id: string }).id);
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(id))
      return reply.code(400).send({ error: 'bad_request', field: 'id', message: 'a queue name' });
    const body = queueBody.safeParse(req.body);
    if (!body.success) return badRequest(reply, body.error.issues[0], '(body)');
    await hub.saveQueue({ id, ...body.data }, admin.userId);
    return { queues: Object.values(hub.settings.queues) };
  });
};
