import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { connect } from 'nats';
import pg from 'pg';
import WebSocket from 'ws';
import { postgresDb } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import type { HubServerMessage } from '../../shared/hub';

/**
 * The hub under load on loopback: two hub instances (child processes) on one PostgreSQL,
 * sharing through NATS; AGENTS simulated agents (half on each instance) changing state, and
 * LEADS leads subscribed (half on each). Each step offers a rate of state changes for STEP_S
 * seconds and reports what the hubs stored and applied per second, and the latency from an
 * agent's change to each lead's board receiving it (p50, p99). Needs PostgreSQL and NATS.
 */
const AGENTS = Number(process.env.TAPLINE_BENCH_AGENTS ?? 1000);
const LEADS = Number(process.env.TAPLINE_BENCH_LEADS ?? 50);
const STEP_S = Number(process.env.TAPLINE_BENCH_STEP_S ?? 10);
const RATES = (process.env.TAPLINE_BENCH_RATES ?? '250,1000,2000,4000').split(',').map(Number);
const PG_ADMIN = process.env.TAPLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.TAPLINE_TEST_NATS ?? 'nats://127.0.0.1:4222';
const STATES = ['available', 'not-ready', 'available', 'break', 'available', 'training'];

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const pct = (sorted: Float64Array, p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : Number.NaN;

async function answers(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

function startInstance(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; sharing: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'hub-instance.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /ready (\d+) (\w+)/.exec(seen);
      if (m) {
        child.stdout!.off('data', onData);
        resolve({ child, port: Number(m[1]), sharing: m[2] });
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`hub instance exited ${code}`)));
  });
}

function handled(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      const m = /handled (\d+)/.exec(chunk.toString());
      if (m) {
        child.stdout!.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stdin!.write('?\n');
  });
}

function open(url: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url}/hub`, { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function run(): Promise<void> {
  if (
    !(await answers(async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 1500 });
      await c.connect();
      await c.end();
    }))
  ) {
    console.log(`SKIPPED: PostgreSQL does not answer at ${PG_ADMIN} (the hub instances share it).`);
    return;
  }
  if (
    !(await answers(async () =>
      (await connect({ servers: NATS_URL, timeout: 1500, reconnect: false })).close(),
    ))
  ) {
    console.log(
      `SKIPPED: NATS does not answer at ${NATS_URL} (the hub instances share through it).`,
    );
    return;
  }

  const name = `tapline_hub_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const children: ChildProcess[] = [];
  const sockets: WebSocket[] = [];
  try {
    const db = postgresDb(url);
    await migrate(db);
    // Users and their sessions straight into the tables: signing 1,050 people in would time scrypt.
    const people = [
      ...Array.from({ length: AGENTS }, (_, i) => ({
        id: `bench-agent-${i}`,
        role: 'agent',
        languages: i % 3 ? '{en}' : '{en,es}',
      })),
      ...Array.from({ length: LEADS }, (_, i) => ({
        id: `bench-lead-${i}`,
        role: 'lead',
        languages: '{en,es}',
      })),
    ].map((p) => ({ ...p, token: randomBytes(24).toString('base64url') }));
    for (let i = 0; i < people.length; i += 500) {
      const batch = people.slice(i, i + 500);
      await db.query(
        `insert into users (id, username, name, password_hash, role, languages, team)
         select x.id, x.id, x.id, 'none', x.role, x.languages::text[], 'team-' || (x.n % 20)
           from jsonb_to_recordset($1::jsonb) as x(id text, role text, languages text, n int)`,
        [JSON.stringify(batch.map((p, k) => ({ ...p, n: i + k })))],
      );
      await db.query(
        `insert into sessions (token_hash, user_id, expires_at)
         select x.h, x.id, now() + interval '1 day' from jsonb_to_recordset($1::jsonb) as x(h text, id text)`,
        [JSON.stringify(batch.map((p) => ({ h: sha256(p.token), id: p.id })))],
      );
    }
    await db.close();

    const subject = `tapline.bench.${randomBytes(4).toString('hex')}`;
    const instances = await Promise.all(
      ['a', 'b'].map((instance) =>
        startInstance({
          BENCH_DATABASE_URL: url,
          BENCH_INSTANCE: instance,
          BENCH_NATS_URL: NATS_URL,
          BENCH_NATS_SUBJECT: subject,
        }),
      ),
    );
    children.push(...instances.map((i) => i.child));
    console.log(
      `data: ${AGENTS.toLocaleString('en-US')} agents and ${LEADS} leads, split over 2 hub instances (${instances.map((i) => i.sharing).join(', ')} through NATS), one PostgreSQL; ${STEP_S} s per rate`,
    );
    const base = (k: number) => `ws://127.0.0.1:${instances[k % 2].port}`;

    const leads = people.filter((p) => p.role === 'lead');
    const agents = people.filter((p) => p.role === 'agent');
    let latencies: number[] = [];
    let received = 0;
    let snapshots = 0;
    for (const [k, lead] of leads.entries()) {
      const ws = await open(base(k), lead.token);
      sockets.push(ws);
      ws.on('message', (data) => {
        const now = Date.now();
        const m = JSON.parse(data.toString()) as HubServerMessage;
        if (m.type === 'snapshot') snapshots++;
        if (m.type !== 'events') return;
        for (const e of m.events) {
          received++;
          latencies.push(now - e.at);
        }
      });
      ws.send(JSON.stringify({ type: 'subscribe' }));
    }
    const agentSockets: WebSocket[] = [];
    let acked = 0;
    for (const [k, agent] of agents.entries()) {
      const ws = await open(base(k), agent.token);
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as HubServerMessage;
        if (m.type === 'ack') acked += m.ids.length;
      });
      agentSockets.push(ws);
      sockets.push(ws);
    }
    while (snapshots < LEADS) await new Promise((r) => setTimeout(r, 50));
    console.log(`connected: ${agentSockets.length} agents, ${LEADS} leads subscribed`);

    let next = 0;
    let seq = 0;
    const turn = new Uint8Array(AGENTS);
    for (const rate of RATES) {
      latencies = [];
      received = 0;
      acked = 0;
      const before = await Promise.all(children.map(handled));
      const started = performance.now();
      let sent = 0;
      // Every 10 ms, the next agents in turn change state: `rate` changes a second in all.
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const elapsed = (performance.now() - started) / 1000;
          if (elapsed >= STEP_S) {
            clearInterval(timer);
            resolve();
            return;
          }
          const due = Math.floor(elapsed * rate) - sent;
          for (let i = 0; i < due; i++) {
            const a = next;
            next = (next + 1) % AGENTS;
            turn[a] = (turn[a] + 1) % STATES.length;
            agentSockets[a].send(
              JSON.stringify({
                type: 'report',
                reports: [
                  {
                    kind: 'state',
                    id: `bench-${++seq}-${a}`,
                    at: Date.now(),
                    state: STATES[turn[a]],
                    reasonCode: null,
                  },
                ],
              }),
            );
            sent++;
          }
        }, 10);
      });
      // Let what is in flight arrive.
      const drained = performance.now();
      while (received < sent * LEADS && performance.now() - drained < 15_000)
        await new Promise((r) => setTimeout(r, 50));
      const seconds = (performance.now() - started) / 1000;
      const after = await Promise.all(children.map(handled));
      const sorted = Float64Array.from(latencies).sort();
      const applied = after.map((n, i) => n - before[i]);
      console.log(
        `offered ${rate.toLocaleString('en-US')} changes/s: sent ${sent.toLocaleString('en-US')}, stored and acknowledged ${acked.toLocaleString('en-US')} (${Math.round(acked / STEP_S).toLocaleString('en-US')}/s); each instance applied ${applied.map((n) => Math.round(n / STEP_S).toLocaleString('en-US')).join(' and ')} events/s (its own and its peer's); boards received ${received.toLocaleString('en-US')} of ${(sent * LEADS).toLocaleString('en-US')} (${Math.round(received / seconds).toLocaleString('en-US')} events/s to ${LEADS} leads); event-to-board latency p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms`,
      );
    }
  } finally {
    for (const ws of sockets) ws.terminate();
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
