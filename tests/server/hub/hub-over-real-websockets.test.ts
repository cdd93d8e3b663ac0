import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../server/hub/hub';
import { Temporal } from '../../../shared/dates';
import type { Floor } from '../../../shared/metrics';
import { backends, freshDb, type TestDb } from '../support';
import { HubClient, type HubServer, hubServer, reportId, tokenFor } from './support';

describe.each(await backends())('the hub over real WebSockets on %s', (kind) => {
  let t: TestDb;
  let s: HubServer;
  const tokens: Record<string, string> = {};
  let agent: HubClient;
  let lead: HubClient;

  beforeAll(async () => {
    t = await freshDb(kind);
    s = await hubServer(t.db);
    for (const u of ['agent', 'agente', 'lead', 'admin']) tokens[u] = await tokenFor(s.url, u);
    agent = await HubClient.connect(s.url, tokens.agent);
    lead = await HubClient.connect(s.url, tokens.lead);
  });
  afterAll(async () => {
    agent?.close();
    lead?.close();
    await s?.close();
    await t?.drop();
  });

  it('refuses the upgrade without a session token, or with a wrong one', async () => {
    await expect(HubClient.connect(s.url, null)).rejects.toThrow('HTTP 401');
    await expect(HubClient.connect(s.url, 'not-a-token')).rejects.toThrow('HTTP 401');
  });

  it('welcomes each desktop with who the token says it is', async () => {
    expect(await agent.next('welcome')).toMatchObject({ userId: 'u-agent', role: 'agent' });
    expect(await lead.next('welcome')).toMatchObject({
      userId: 'u-lead',
      role: 'lead',
      sharing: 'single',
    });
  });

  it('lets leads subscribe, not agents', async () => {
    agent.send({ type: 'subscribe' });
    expect(await agent.next('error')).toMatchObject({
      code: 'forbidden',
      messageKey: 'errors:forbidden',
    });
    lead.send({ type: 'subscribe' });
    const snapshot = await lead.next('snapshot');
    expect((snapshot.floor as Floor).queueSettings.english.thresholdSeconds).toBe(20);
    expect(snapshot.settings.goals.talkSeconds).toBe(360);
  });

  it('passes an agent’s state change to the lead, as the agent the token names', async () => {
    const id = reportId();
    const at = Date.now();
    // A report cannot speak for another agent: an agentId in it is not part of the protocol.
    agent.send({
      type: 'report',
      reports: [{ kind: 'state', id, at, state: 'available', reasonCode: null, agentId: 'u-lead' }],
    });
    expect(await agent.next('ack')).toEqual({ type: 'ack', ids: [id] });
    const { events } = await lead.next('events', (m) =>
      m.events.some((e) => e.kind === 'agent.state'),
    );
    expect(events[0]).toMatchObject({
      kind: 'agent.state',
      agentId: 'u-agent',
      name: 'Alex Rivera',
      team: 'care-a',
      languages: ['en'],
      state: 'available',
    });
    expect(s.hub.floor().agents['u-agent'].state).toBe('available');
  });

  it('stores a report sent twice once, and applies it once', async () => {
    const id = reportId();
    const report = {
      type: 'report',
      reports: [{ kind: 'queued', id, at: Date.now(), callId: 'SIM-dup', language: 'es' }],
    };
    agent.send(report);
    await agent.next('ack', (m) => m.ids.includes(id));
    agent.send(report);
    await agent.next('ack', (m) => m.ids.includes(id));
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from hub_events where call_id = 'u-agent/SIM-dup'",
    );
    expect(rows[0].n).toBe(1);
    expect(s.hub.floor().queues.spanish.offered).toBe(1);
  });

  it('answers every bad message with a typed error and keeps the connection', async () => {
    const bad: [unknown, string][] = [
      ['{not json', 'bad_request'],
      ['[1,2,3]', 'bad_request'],
      [{ type: 'teleport' }, 'bad_request'],
      [{ type: 'report', reports: [] }, 'bad_request'],
      [
        {
          type: 'report',
          reports: [{ kind: 'state', id: reportId(), at: -5, state: 'dancing', reasonCode: null }],
        },
        'bad_request',
      ],
      [{ type: 'subscribe', extra: true }, 'bad_request'],
      [`{"type":"report","pad":"${'x'.repeat(70 * 1024)}"}`, 'too_large'],
    ];
    for (const [message, code] of bad) {
      agent.send(message);
      const error = await agent.next('error');
      expect(error.code).toBe(code);
      expect(error.messageKey).toBe(`errors:${code}`);
    }
    // Binary frames are read as text: still a typed error.
    agent.ws.send(Buffer.from([0xff, 0xfe, 0x00]));
    expect((await agent.next('error')).code).toBe('bad_request');
    const id = reportId();
    agent.send({
      type: 'report',
      reports: [{ kind: 'state', id, at: Date.now(), state: 'break', reasonCode: 'coaching' }],
    });
    expect(await agent.next('ack')).toEqual({ type: 'ack', ids: [id] });
  });

  it('closes every socket of a session when it ends: signed out here, or ended elsewhere', async () => {
    const closed = (c: HubClient) =>
      new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    // Signed out through this server: closed at once, before it can direct anyone.
    const token = await tokenFor(s.url, 'lead');
    const leaving = await HubClient.connect(s.url, token);
    leaving.send({ type: 'subscribe' });
    await leaving.next('snapshot');
    const gone = closed(leaving);
    const out = await fetch(`${s.url}/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);
    expect(await gone).toBe(4401);
    // Ended elsewhere (another instance, or expired): its next message is not taken.
    const other = await tokenFor(s.url, 'lead');
    const stale = await HubClient.connect(s.url, other);
    const staleGone = closed(stale);
    await t.db.query('delete from sessions where token_hash = $1', [
      createHash('sha256').update(other).digest('hex'),
    ]);
    stale.send({
      type: 'direct',
      ref: 9,
      agentId: 'u-agent',
      state: 'available',
      reasonCode: null,
      why: 'coaching',
    });
    expect(await staleGone).toBe(4401);
    expect(stale.received.filter((m) => m.type === 'error' || m.type === 'directed')).toEqual([]);
    // The sockets of the sessions still open stay.
    const id = reportId();
    agent.send({
      type: 'report',
      reports: [{ kind: 'state', id, at: Date.now(), state: 'break', reasonCode: 'coaching' }],
    });
    expect(await agent.next('ack', (m) => m.ids.includes(id))).toEqual({ type: 'ack', ids: [id] });
  });

  it('refuses a report timed far from its clock, so no desktop can move the board’s day', async () => {
    const day = s.hub.floor().day;
    const before = s.hub.floor().agents['u-agent']?.state;
    const future = reportId();
    const past = reportId();
    agent.send({
      type: 'report',
      reports: [
        { kind: 'state', id: future, at: Date.UTC(2243, 0, 1), state: 'lunch', reasonCode: null },
        {
          kind: 'state',
          id: past,
          at: Date.now() - 30 * 86_400_000,
          state: 'lunch',
          reasonCode: null,
        },
      ],
    });
    expect(await agent.next('error')).toMatchObject({
      code: 'bad_request',
      details: { reason: 'clock', refused: [future, past] },
    });
    // Acknowledged, so the desktop stops sending them; not stored, not applied.
    expect(await agent.next('ack')).toEqual({ type: 'ack', ids: [future, past] });
    expect(s.hub.floor().day).toBe(day);
    expect(s.hub.floor().agents['u-agent']?.state).toBe(before);
    const { rows } = await t.db.query<{ n: number }>(
      'select count(*)::int as n from hub_events where id = any($1)',
      [[`u-agent:${future}`, `u-agent:${past}`]],
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses a card number in a code, however it is written', async () => {
    agent.send({
      type: 'report',
      reports: [
        {
          kind: 'wrapped',
          id: reportId(),
          at: Date.now(),
          callId: 'SIM-card',
          wrapUpMs: 1000,
          code: '4111.1111.1111.1111',
        },
      ],
    });
    expect(await agent.next('error')).toMatchObject({ code: 'bad_request' });
  });

  it('lets a lead change an agent’s state: the agent’s desktop receives it', async () => {
    agent.send({
      type: 'direct',
      ref: 1,
      agentId: 'u-agent-es',
      state: 'available',
      reasonCode: null,
      why: 'coaching',
    });
    expect(await agent.next('error')).toMatchObject({ code: 'forbidden', ref: 1 });
    lead.send({
      type: 'direct',
      ref: 2,
      agentId: 'nobody',
      state: 'available',
      reasonCode: null,
      why: 'coaching',
    });
    expect(await lead.next('error')).toMatchObject({ code: 'not_found', ref: 2 });
    // The state's reason code must be one the agent's desk knows for that state.
    for (const [ref, state, reasonCode] of [
      [4, 'break', 'coaching'],
      [5, 'break', null],
      [6, 'available', 'rest-break'],
    ] as const) {
      lead.send({ type: 'direct', ref, agentId: 'u-agent', state, reasonCode, why: 'coaching' });
      expect(await lead.next('error')).toMatchObject({ code: 'bad_request', ref });
    }

    lead.send({
      type: 'direct',
      ref: 3,
      agentId: 'u-agent',
      state: 'available',
      reasonCode: null,
      why: 'queue-coverage',
    });
    expect(await lead.next('directed')).toEqual({ type: 'directed', ref: 3 });
    expect(await agent.next('directive')).toMatchObject({
      state: 'available',
      reasonCode: null,
      why: 'queue-coverage',
      by: 'u-lead',
      byName: 'Jordan Lee',
    });
    expect(s.hub.floor().agents['u-agent'].pending).toMatchObject({ state: 'available' });
    // A desktop that connects while the directive waits gets it too.
    const again = await HubClient.connect(s.url, tokens.agent);
    expect(await again.next('directive')).toMatchObject({ why: 'queue-coverage' });
    again.close();
    // Done: the agent's desktop applied it, and reports the new state.
    agent.send({
      type: 'report',
      reports: [
        { kind: 'state', id: reportId(), at: Date.now(), state: 'available', reasonCode: null },
      ],
    });
    await agent.next('ack');
    expect(s.hub.floor().agents['u-agent'].pending).toBeNull();
  });

  it('keeps the picture through a restart of the hub: it is rebuilt from the stored events', async () => {
    await s.hub.store.flushed();
    const restarted = await Hub.start({ db: t.db, timeZone: 'America/New_York' });
    const before = s.hub.floor();
    const after = restarted.floor();
    // The agent is there, in the state last reported (Available after the lead's change), since
    // the same instant, with nothing pending; the Spanish caller still waits.
    expect(after.agents['u-agent']).toMatchObject({
      name: 'Alex Rivera',
      state: 'available',
      reasonCode: null,
      pending: null,
      since: before.agents['u-agent'].since,
    });
    expect(after.agents['u-agent']).toEqual(before.agents['u-agent']);
    expect(Object.keys(after.agents).sort()).toEqual(Object.keys(before.agents).sort());
    expect(after.calls['u-agent/SIM-dup']).toMatchObject({ queue: 'spanish', answeredAt: null });
    expect(after.queues.spanish).toMatchObject({ offered: 1 });
    expect(after.queues).toEqual(before.queues);
    await restarted.close();
  });

  it('serves the interval report to leads, as JSON and as CSV in the lead’s language', async () => {
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
      new Date(),
    );
    const get = (query: string, token: string) =>
      fetch(`${s.url}/hub/intervals?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(`from=${date}&minutes=15`, tokens.agent)).status).toBe(403);
    expect((await get('from=2026-02-30&minutes=15', tokens.lead)).status).toBe(400);
    expect((await get(`from=${date}&minutes=20`, tokens.lead)).status).toBe(400);
    const json = (await (await get(`from=${date}&minutes=60`, tokens.lead)).json()) as {
      report: { rows: unknown[]; totals: { group: string; offered: number }[] };
    };
    expect(json.report.rows).toHaveLength(24 * 2);
    expect(json.report.totals.find((r) => r.group === 'spanish')!.offered).toBe(1);
    const csv = await get(`from=${date}&to=${date}&minutes=30&format=csv&lang=es`, tokens.admin);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'Fecha,Intervalo,Cola o agente,Ofrecidas,Contestadas,Abandonadas,Abandonos cortos,Nivel de servicio (%),TPR (s),TPA (s),Tasa de abandono (%),Atendidas',
    );
    expect(lines).toHaveLength(1 + 48 * 2 + 2);
    expect(lines[1]).toMatch(new RegExp(`^${date},00:00,`));
    expect(lines.at(-1)).toMatch(/^,Día,Español,1,0,0,0,/);

    // A range: the day before to the day, each interval with its date, the totals over both.
    const before = Temporal.PlainDate.from(date).subtract({ days: 1 }).toString();
    const range = await get(`from=${before}&to=${date}&minutes=60`, tokens.lead);
    const ranged = (await range.json()) as {
      report: { from: string; to: string; rows: { date: string }[]; totals: unknown[] };
    };
    expect(ranged.report).toMatchObject({ from: before, to: date });
    expect(ranged.report.rows).toHaveLength(2 * 24 * 2);
    expect(ranged.report.rows[0].date).toBe(before);
    expect(ranged.report.rows.at(-1)!.date).toBe(date);
    const rangeCsv = await get(`from=${before}&to=${date}&minutes=60&format=csv`, tokens.lead);
    expect(rangeCsv.headers.get('content-disposition')).toContain(
      `tapline-intervals-${before}-to-${date}-60min-by-queue.csv`,
    );
    expect((await rangeCsv.text()).trim().split('\n').at(-1)).toMatch(/^,Total,Spanish,1,/);
    // The last day before the first, and more than 31 days, are refused.
    expect((await get(`from=${date}&to=${before}&minutes=60`, tokens.lead)).status).toBe(400);
    const far = Temporal.PlainDate.from(date).subtract({ days: 31 }).toString();
    expect((await get(`from=${far}&to=${date}&minutes=60`, tokens.lead)).status).toBe(400);
  });

  it('lets an admin, and no one else, change a queue’s objective (audited)', async () => {
    const put = (token: string, body: unknown) =>
      fetch(`${s.url}/hub/queues/english`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const objective = {
      language: 'en',
      thresholdSeconds: 30,
      targetPercent: 90,
      shortAbandonSeconds: 0,
    };
    expect((await put(tokens.lead, objective)).status).toBe(403);
    expect((await put(tokens.admin, { ...objective, thresholdSeconds: 601 })).status).toBe(400);
    expect((await put(tokens.admin, objective)).status).toBe(200);
    expect(s.hub.floor().queueSettings.english).toMatchObject({
      thresholdSeconds: 30,
      targetPercent: 90,
    });
    // The leads get the picture recomputed with the new objective.
    expect(((await lead.next('snapshot')).floor as Floor).queueSettings.english.targetPercent).toBe(
      90,
    );
    const { rows } = await t.db.query<{
      user_id: string;
      details: { after: { targetPercent: number } };
    }>("select user_id, details from audit where action = 'hub.queueSettings'");
    expect(rows).toEqual([
      expect.objectContaining({
        user_id: 'u-admin',
        details: expect.objectContaining({ after: expect.objectContaining({ targetPercent: 90 }) }),
      }),
    ]);
  });
});
