import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import { defaultFlowValidation, loadFlowSource } from '../../../shared/flows';
import { backends, freshDb, type TestDb } from '../support';

/** The library's high-bill flow as a lead would edit it: a new version with a changed greeting. */
function highBill(
  version: number,
  change: (flow: { steps: { text: Record<string, string> }[] }) => void = () => {},
) {
  const flow = parse(readFileSync('shared/flows/library/high-bill.yaml', 'utf8'));
  flow.version = version;
  flow.steps[0].text.en = `Good morning (version ${version}), thank you for calling {{utility.name}}.`;
  change(flow);
  return stringify(flow);
}

describe.each(await backends())('flows published on the central system (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  const tokens: Record<'agent' | 'lead' | 'admin', string> = { agent: '', lead: '', admin: '' };
  const at = new Date('2026-11-17T15:00:00Z');

  beforeAll(async () => {
    t = await freshDb(kind);
    await migrate(t.db);
    await seedUsers(t.db);
    app = await buildServer({ db: t.db, now: () => at });
    for (const username of ['agent', 'lead', 'admin'] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { username, password: TRAINING_PASSWORD },
      });
      tokens[username] = r.json().token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const publish = (source: string, who: keyof typeof tokens | null = 'lead') =>
    app.inject({
      method: 'POST',
      url: '/flows/published',
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
      payload: { source },
    });
  const fetchAfter = (
    after: number | string,
    who: keyof typeof tokens | null = 'agent',
    limit?: number,
  ) =>
    app.inject({
      method: 'GET',
      url: `/flows/published?after=${after}${limit ? `&limit=${limit}` : ''}`,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });
  const stored = async () =>
    (
      await t.db.query<{ flow_id: string; version: number }>(
        'select flow_id, version from flow_versions order by seq',
      )
    ).rows;

  it('answers 401 to nobody signed in and 403 to an agent who publishes, storing nothing', async () => {
    expect((await publish(highBill(2), null)).statusCode).toBe(401);
    expect((await fetchAfter(0, null)).statusCode).toBe(401);
    const agent = await publish(highBill(2), 'agent');
    expect(agent.statusCode).toBe(403);
    expect(agent.json()).toMatchObject({ error: 'forbidden' });
    expect(await stored()).toEqual([]);
  });

  it('refuses a file with problems, naming each as the desks’ validator does', async () => {
    const broken = highBill(2, (f) => {
      delete f.steps[0].text.es;
    });
    const r = await publish(broken);
    expect(r.statusCode).toBe(422);
    const expected = loadFlowSource(broken, defaultFlowValidation);
    expect(expected.ok).toBe(false);
    expect(r.json()).toEqual({
      error: 'invalid_flow',
      message: 'the flow file has problems',
      issues: expected.issues,
    });
    expect(r.json().issues).toEqual([
      expect.objectContaining({
        code: 'missing-language',
        step: 'greeting',
        field: 'text',
        params: { language: 'es' },
      }),
    ]);
    expect((await publish('id: x\nsteps: [')).json()).toMatchObject({
      error: 'invalid_flow',
      issues: [expect.objectContaining({ code: 'syntax' })],
    });
    expect((await publish('')).statusCode).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('refuses a version past what the database holds, an alias bomb and a cursor past any number, never 500', async () => {
    const huge = await publish(highBill(2_147_483_648));
    expect(huge.statusCode).toBe(422);
    expect(huge.json().issues[0]).toMatchObject({ field: 'version' });
    // Each level refers to the one before nine times: expanded, 9^9 strings.
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let n = 1; n < 9; n++) {
      const prev = String.fromCharCode(96 + n);
      const name = String.fromCharCode(97 + n);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = await publish(`${levels.join('\n')}\nid: high-bill\n`);
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json().issues[0]).toMatchObject({ code: 'syntax' });
    expect((await fetchAfter('100000000000000000000')).statusCode).toBe(400);
    // Nothing stored, so nothing frozen: the next test publishes this flow's version 2.
    expect(await stored()).toEqual([]);
  });

  it('refuses a version not newer than the library’s or the last published, and audits each publication', async () => {
    const first = await publish(highBill(1));
    expect(first.statusCode).toBe(409);
    expect(first.json()).toMatchObject({
      error: 'stale_version',
      flowId: 'high-bill',
      version: 1,
      current: 1,
    });

    const r = await publish(highBill(2));
    expect(r.statusCode).toBe(200);
    expect(r.json().published).toEqual({
      seq: expect.any(Number),
      flowId: 'high-bill',
      version: 2,
      format: 'yaml',
      source: highBill(2),
      publishedBy: 'Jordan Lee',
      publishedAt: at.toISOString(),
    });
    for (const version of [1, 2])
      expect((await publish(highBill(version))).json()).toMatchObject({
        error: 'stale_version',
        version,
        current: 2,
      });
    // An admin may publish too; a version may skip numbers.
    expect((await publish(highBill(5), 'admin')).statusCode).toBe(200);
    expect(await stored()).toEqual([
      { flow_id: 'high-bill', version: 2 },
      { flow_id: 'high-bill', version: 5 },
    ]);
    const audit = await t.db.query<{ user_id: string; action: string; details: unknown }>(
      "select user_id, action, details from audit where action = 'flowPublished' order by id",
    );
    expect(audit.rows).toEqual([
      {
        user_id: 'u-lead',
        action: 'flowPublished',
        details: { flowId: 'high-bill', version: 2, previous: 1, title: 'High bill investigation' },
      },
      {
        user_id: 'u-admin',
        action: 'flowPublished',
        details: { flowId: 'high-bill', version: 5, previous: 2, title: 'High bill investigation' },
      },
    ]);
  });

  it('gives every desk the versions after the last one it holds, page by page', async () => {
    const all = (await fetchAfter(0)).json();
    expect(all.versions.map((v: { version: number }) => v.version)).toEqual([2, 5]);
    expect(all.hasMore).toBe(false);
    expect(all.cursor).toBe(all.versions[1].seq);

    const firstPage = (await fetchAfter(0, 'agent', 1)).json();
    expect(firstPage).toMatchObject({ versions: [{ version: 2 }], hasMore: true });
    const secondPage = (await fetchAfter(firstPage.cursor, 'agent', 1)).json();
    expect(secondPage).toMatchObject({
      versions: [{ version: 5, publishedBy: 'Sam Whitaker' }],
      hasMore: false,
    });
    const nothingNew = (await fetchAfter(secondPage.cursor)).json();
    expect(nothingNew).toEqual({ versions: [], cursor: secondPage.cursor, hasMore: false });

    expect((await fetchAfter(-1)).statusCode).toBe(400);
    expect((await fetchAfter('x')).json()).toMatchObject({ error: 'bad_request', field: 'after' });
  });

  it('takes JSON as well, for a flow the library does not have', async () => {
    const flow = {
      id: 'outage-line',
      version: 1,
      title: { en: 'Outage line', es: 'Línea de apagones' },
      start: 'say',
      steps: [
        {
          id: 'say',
          kind: 'say',
          text: {
            en: 'Call {{utility.emergencyLine}}.',
            es: 'Llame al {{utility.emergencyLine}}.',
          },
          next: 'end',
        },
        { id: 'end', kind: 'end', wrapUpCode: 'other' },
      ],
    };
    const r = await publish(JSON.stringify(flow));
    expect(r.json().published).toMatchObject({ flowId: 'outage-line', version: 1, format: 'json' });
  });
});
