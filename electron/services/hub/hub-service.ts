import type { SessionView } from '../../../shared/ipc';
import {
  type IntervalReportView,
  IpcFailure,
  intervalReportView,
  ipcError,
} from '../../../shared/ipc';
import type { CallerSession, HandlerRegistry } from '../registry';
import type { QueueObservation } from '../simulator/training-simulator';
import { HubLink } from './hub-link';

export interface HubServiceOptions {
  registry: HandlerRegistry;
  /** The desktop's session (its CIS token once signed in). */
  session: CallerSession;
  /** The CIS's base URL (the embedded one is known once it has started). */
  baseUrl: () => string;
  fetchImpl?: typeof fetch;
  log?: (message: string, details?: unknown) => void;
}

export interface HubService {
  link: HubLink;
  /** The training simulator's callers entering the queue, giving up, or declined. */
  observeQueue(o: QueueObservation): void;
  close(): void;
}

/**
 * The hub channels: the agent's desk reports (from the renderer), the lead's board (snapshot and
 * live events), a lead's directive, and the interval reports over HTTP. The link follows the
 * session: it connects when a user signs in and closes when they sign out.
 */
export function registerHubHandlers(o: HubServiceOptions): HubService {
  const r = o.registry;
  const log = o.log ?? (() => {});
  const fetchImpl = o.fetchImpl ?? fetch;
  const link = new HubLink(
    {
      status: (s) => r.emit('hub.status', s),
      snapshot: (s) => r.emit('hub.snapshot', s),
      events: (seq, events) => r.emit('hub.events', { seq, events }),
      directive: ({ type: _type, ...d }) => r.emit('hub.directive', d),
    },
    log,
  );

  const offSession = r.onEvent((event, payload) => {
    if (event !== 'session.changed') return;
    const view = payload as SessionView;
    if (view.principal && o.session.token) link.signIn(o.baseUrl(), o.session.token);
    else link.signOut();
  });

  let counter = 0;
  const reportId = () => `sim-${Date.now().toString(36)}-${(++counter).toString(36)}`;

  r.handle('hub.report', ({ reports }) => ({ waiting: link.report(reports) }));
  r.handle('hub.status', () => link.status());
  r.handle('hub.subscribe', () => link.subscribe());
  r.handle('hub.unsubscribe', () => {
    link.unsubscribe();
    return { ok: true };
  });
  r.handle('hub.direct', async ({ agentId, state, reasonCode, why }) => {
    await link.direct(agentId, state, reasonCode, why);
    return { ok: true };
  });

  const get = async (path: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchImpl(`${o.baseUrl()}${path}`, {
        headers: { authorization: `Bearer ${o.session.token ?? ''}` },
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new IpcFailure(ipcError('offline'));
    }
    if (response.status >= 500) throw new IpcFailure(ipcError('offline'));
    if (response.status === 401) throw new IpcFailure(ipcError('unauthenticated'));
    if (response.status === 403) throw new IpcFailure(ipcError('forbidden'));
    if (response.status >= 400)
      throw new IpcFailure(ipcError('bad_request', await response.json().catch(() => null)));
    return response;
  };
  const query = (q: { from: string; to: string; minutes: number; by: string }) =>
    new URLSearchParams({ from: q.from, to: q.to, minutes: String(q.minutes), by: q.by });

  r.handle('hub.intervals', async (q): Promise<IntervalReportView> => {
    const json = await (await get(`/hub/intervals?${query(q)}`)).json();
    const parsed = intervalReportView.safeParse(json);
    if (!parsed.success) throw new IpcFailure(ipcError('bad_response'));
    return parsed.data;
  });
  r.handle('hub.intervalsCsv', async (q) => {
    const response = await get(`/hub/intervals?${query(q)}&format=csv&lang=${q.lang}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `tapline-intervals-${q.from}-to-${q.to}-${q.minutes}min-by-${q.by}.csv`;
    return { fileName, csv: await response.text() };
  });

  return {
    link,
    observeQueue(q) {
      const base = { id: reportId(), at: q.at, callId: q.callId };
      link.report([
        q.kind === 'queued'
          ? { ...base, kind: 'queued', language: q.language }
          : { ...base, kind: q.kind },
      ]);
    },
    close() {
      offSession();
      link.signOut();
    },
  };
}
