import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { parsePlainDate } from '../../shared/dates';
import { HUB_PATH, hubClientMessage, hubServerMessage } from '../../shared/hub';
import { resources } from '../../shared/i18n';
import { intervalReportView } from '../../shared/ipc/channels/hub';
import { dayBounds, daysOf, intervalReport, MAX_REPORT_DAYS } from '../../shared/metrics';
import { type Auth, tokenHash } from '../auth/sessions';
import { json, noBody } from '../http/answers';
import { routeHelper } from '../http/route';
import { intervalReportCsv } from './csv';
import type { Hub, HubConnection } from './hub';

export interface HubPluginOptions {
  auth: Auth;
  hub: Hub;
}

/** A lead's board that stops reading is cut off past this much unsent data; it reconnects afresh. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const PING_MS = 30_000;
/** The close code of a socket whose session ended (4000–4999: the application's own). */
export const SESSION_ENDED = 4401;

const validDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && parsePlainDate(d) !== null;
const calendarDate = z.string().refine(validDate, 'not a calendar date');

/** A range of days, `from` to `to` both included (`to` defaults to `from`: one day). */
const reportQuery = z
  .object({
    from: calendarDate,
    to: calendarDate.optional(),
    minutes: z.coerce.number().pipe(z.union([z.literal(15), z.literal(30), z.literal(60)])),
    by: z.enum(['queue', 'agent']).default('queue'),
    format: z.enum(['json', 'csv']).default('json'),
    lang: z.enum(['en', 'es']).default('en'),
  })
  .strict()
  .refine((q) => (q.to ?? q.from) >= q.from, { message: 'to is before from', path: ['to'] })
  // Checked only on calendar dates: an impossible one is already refused above.
  .refine(
    (q) =>
      !validDate(q.from) ||
      !validDate(q.to ?? q.from) ||
      daysOf(q.from, q.to ?? q.from).length <= MAX_REPORT_DAYS,
    { message: `at most ${MAX_REPORT_DAYS} days`, path: ['to'] },
  );

const queueBody = z
  .object({
    language: z.enum(['en', 'es']),
    thresholdSeconds: z.number().int().min(1).max(600),
    targetPercent: z.number().int().min(1).max(100),
    shortAbandonSeconds: z.number().int().min(0).max(60),
  })
  .strict();

const queues = z.object({ queues: z.array(queueBody.extend({ id: z.string() })) });

/**
 * The hub on the central server: the WebSocket desktops connect to (`/hub`, the upgrade
 * authenticated with the CIS session token) and the leads' HTTP routes: the interval report as
 * JSON or CSV, and the queues' service-level settings (changed by an admin).
 */
export const hubPlugin: FastifyPluginAsync<HubPluginOptions> = async (app, options) => {
  const { hub, auth } = options;
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  const route = routeHelper(app, { auth });

  const sockets = new Set<WebSocket>();
  /** The session each socket was opened with: it closes when the session ends or expires. */
  const sessionOf = new Map<WebSocket, string>();
  const connOf = new Map<WebSocket, HubConnection>();
  const signedOut = (ws: WebSocket) => {
    const conn = connOf.get(ws);
    // Offline on the board at once: the desktop's own last report may not have come first.
    if (conn) hub.signedOut(conn).catch((err) => app.log.error(err));
    ws.close(SESSION_ENDED, 'session ended');
  };
  const stopHearing = auth.onEnded?.((ended) => {
    for (const [ws, t] of sessionOf) if (tokenHash(t) === ended) signedOut(ws);
  });
  const ping = setInterval(() => {
    // A session ended elsewhere (another instance, or expired) closes its sockets here too.
    for (const [ws, token] of sessionOf) {
      auth.verify(token).then(
        (p) => p || signedOut(ws),
        () => {},
      );
    }
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
    stopHearing?.();
    for (const ws of sockets) ws.terminate();
  });

  route.socket({
    method: 'GET',
    url: HUB_PATH,
    summary:
      'The hub’s WebSocket: desktops report agent states and call events, leads receive the live board',
    description:
      'Upgrade with the session token as `Authorization: Bearer`; who reports is the token’s user, never a message’s. A message outside the protocol gets a typed error and the connection stays.',
    tags: ['hub'],
    access: 'agent',
    websocket: { receives: hubClientMessage, sends: hubServerMessage },
    responses: {
      101: noBody('Switching to the WebSocket protocol'),
      404: noBody('Not a WebSocket upgrade request'),
    },
    handler: (socket, { principal, token }) => {
      sockets.add(socket);
      sessionOf.set(socket, token);
      let inOrder: Promise<unknown> = Promise.resolve();
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
      connOf.set(socket, conn);
      socket.on('pong', () => {
        (socket as WebSocket & { alive?: boolean }).alive = true;
      });
      socket.on('message', (data, isBinary) => {
        const raw = isBinary
          ? Buffer.concat([data].flat() as Buffer[]).toString('utf8')
          : data.toString();
        // Every message is the session's while it lasts: a signed-out lead directs no one.
        // Messages are taken in the order they came.
        inOrder = inOrder
          .then(() => auth.verify(token))
          .then((p) => (p ? hub.receive(conn, raw) : signedOut(socket)))
          .catch((err) => app.log.error(err));
      });
      socket.on('close', () => {
        sockets.delete(socket);
        sessionOf.delete(socket);
        connOf.delete(socket);
        hub.detach(conn);
      });
      socket.on('error', () => socket.terminate());
      hub.attach(conn);
    },
  });

  route({
    method: 'GET',
    url: '/hub/intervals',
    summary:
      'The interval report of a day or a range of days (15, 30 or 60 minutes, by queue or by agent), JSON or CSV',
    tags: ['hub'],
    access: 'lead',
    query: reportQuery,
    responses: {
      200: {
        description: 'The report (JSON), or its CSV with `format=csv`',
        content: { 'application/json': intervalReportView, 'text/csv': z.string() },
      },
    },
    handler: async ({ query, reply }) => {
      const q = { ...query, to: query.to ?? query.from };
      const { start } = dayBounds(q.from, hub.timeZone);
      const { end } = dayBounds(q.to, hub.timeZone);
      // Calls offered late in the last day finish after midnight: read an hour past its end.
      const events = await hub.store.between(start, end + 3600_000);
      const report = intervalReport(events, {
        from: q.from,
        to: q.to,
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
        const days = q.from === q.to ? q.from : `${q.from}-to-${q.to}`;
        const file = `tapline-intervals-${days}-${q.minutes}min-by-${q.by}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}"`)
          .send(intervalReportCsv(report, names, q.lang));
      }
      return { report, names };
    },
  });

  route({
    method: 'GET',
    url: '/hub/queues',
    summary: 'Each queue’s service-level settings',
    tags: ['hub'],
    access: 'lead',
    responses: { 200: json('The queues', queues) },
    handler: async () => ({ queues: Object.values(hub.settings.queues) }),
  });

  route({
    method: 'PUT',
    url: '/hub/queues/:id',
    summary: 'Change a queue’s service-level settings (audited)',
    tags: ['hub'],
    access: 'admin',
    params: z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a queue name') }),
    body: queueBody,
    responses: { 200: json('The queues, changed', queues) },
    handler: async ({ params: { id }, body, principal }) => {
      await hub.saveQueue({ id, ...body }, principal.userId);
      return { queues: Object.values(hub.settings.queues) };
    },
  });
};
