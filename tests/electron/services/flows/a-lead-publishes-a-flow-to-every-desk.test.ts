import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CisClient, OfflineError } from '../../../../electron/services/cis/client';
import {
  type FlowCentral,
  FlowStore,
  registerFlowHandlers,
} from '../../../../electron/services/flows/flow-store';
import { type CallerSession, HandlerRegistry } from '../../../../electron/services/registry';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import { type CisServer, startCisServer } from '../../../../server/start';
import { defaultFlowValidation } from '../../../../shared/flows';
import type { FlowsList } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

type Desk = Awaited<ReturnType<typeof testServices>>;

/** The library's high-bill flow as a lead would edit it: a new version with a changed greeting. */
interface EditableFlow {
  version: number;
  steps: { text: Record<string, string>; next?: string; wrapUpCode?: string }[];
}

function editedHighBill(version: number, change: (flow: EditableFlow) => void = () => {}): string {
  const flow: EditableFlow = parse(readFileSync('shared/flows/library/high-bill.yaml', 'utf8'));
  flow.version = version;
  flow.steps[0].text.en = `Good morning (version ${version}), thank you for calling {{utility.name}}.`;
  change(flow);
  return stringify(flow);
}

const highBillOf = (list: FlowsList) => list.flows.find((e) => e.flow.id === 'high-bill')!;

/** A central system nobody can reach: the desk works from the library and its copies. */
const unreachable: FlowCentral = {
  baseUrl: 'http://127.0.0.1:9',
  publishFlow: () => Promise.reject(new OfflineError('connection refused')),
  publishedFlows: () => Promise.reject(new OfflineError('connection refused')),
};

const session = (role: CallerSession['role']): CallerSession => ({
  role,
  userId: role ? `u-${role}` : null,
  token: null,
});

/** Waits for the desk to announce a list in which high-bill has reached this version. */
function highBillReaches(desk: Desk, version: number, withinMs = 10_000): Promise<FlowsList> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`high-bill version ${version} never arrived`));
    }, withinMs);
    const off = desk.registry.onEvent((event, payload) => {
      if (event !== 'flows.changed') return;
      const list = payload as FlowsList;
      if (highBillOf(list).flow.version < version) return;
      clearTimeout(timer);
      off();
      resolve(list);
    });
  });
}

async function leadClient(url: string): Promise<CisClient> {
  const client = new CisClient({ baseUrl: url });
  client.setToken((await client.signIn('lead', TRAINING_PASSWORD)).token);
  return client;
}

describe('a flow a lead publishes reaches every desk', () => {
  let central: CisServer;
  let centralGone = false;
  let leadDesk: Desk;
  let agentDesk: Desk;
  const scratch: string[] = [];
  const scratchDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapline-flows-'));
    scratch.push(dir);
    return dir;
  };

  const signIn = async (desk: Desk, username: string) => {
    const r = await desk.registry.call(
      'auth.signIn',
      { username, password: TRAINING_PASSWORD },
      desk.session,
    );
    expect(r.ok).toBe(true);
  };
  const storedVersions = async () =>
    (
      await central.db.query<{ flow_id: string; version: number }>(
        'select flow_id, version from flow_versions order by seq',
      )
    ).rows;

  beforeAll(async () => {
    central = await startCisServer({
      mode: 'training',
      dataDir: null,
      seed: { utilityId: 'philadelphia-water-pa', accounts: 5 },
      hub: null,
    });
    leadDesk = await testServices({ cisUrl: central.url });
    agentDesk = await testServices({ cisUrl: central.url });
    await signIn(leadDesk, 'lead');
    await signIn(agentDesk, 'agent');
  });
  afterAll(async () => {
    await leadDesk?.dispose();
    await agentDesk?.dispose();
    if (!centralGone) await central?.close();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('starts every desk on the library, every flow valid', async () => {
    const answer = await agentDesk.registry.call('flows.list', {}, agentDesk.session);
    expect(answer.ok && answer.value.problems).toEqual([]);
    expect(answer.ok && answer.value.flows.length).toBe(12);
    expect(answer.ok && answer.value.flows.every((e) => e.source === 'library')).toBe(true);
  });

  it('refuses an agent at the IPC boundary, and at the server when the boundary is bypassed', async () => {
    const viaIpc = await agentDesk.registry.call(
      'flows.publish',
      { source: editedHighBill(2) },
      agentDesk.session,
    );
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The agent's own signed-in client, straight from the store: the central system says no.
    await expect(agentDesk.flows.publish(editedHighBill(2))).rejects.toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:forbidden' },
    });
    expect(await storedVersions()).toEqual([]);
  });

  it('checks a file without publishing it, and refuses one with problems before sending it', async () => {
    const broken = editedHighBill(2, (f) => {
      f.steps[0].next = 'verify-caller';
    });
    const checked = await leadDesk.registry.call(
      'flows.check',
      { source: broken },
      leadDesk.session,
    );
    expect(checked).toMatchObject({
      ok: true,
      value: {
        ok: false,
        issues: [
          {
            code: 'unknown-step',
            step: 'greeting',
            field: 'next',
            params: { target: 'verify-caller' },
          },
        ],
      },
    });
    const line = checked.ok && !checked.value.ok ? checked.value.issues[0].line! : 0;
    expect(broken.split('\n')[line - 1]).toContain('next: verify-caller');
    const refused = await leadDesk.registry.call(
      'flows.publish',
      { source: broken },
      leadDesk.session,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_flow', details: { issues: [{ code: 'unknown-step' }] } },
    });
    expect(await storedVersions()).toEqual([]);
  });

  it('publishes a newer version: in use on the lead’s desk at once, and on the agent’s without a restart', async () => {
    const arrived = highBillReaches(agentDesk, 2);
    const published = await leadDesk.registry.call(
      'flows.publish',
      { source: editedHighBill(2) },
      leadDesk.session,
    );
    expect(published).toMatchObject({
      ok: true,
      value: {
        entry: {
          source: 'published',
          publishedBy: 'Jordan Lee',
          flow: { id: 'high-bill', version: 2 },
        },
      },
    });
    expect(highBillOf(leadDesk.flows.list()).flow.version).toBe(2);
    expect(await storedVersions()).toEqual([{ flow_id: 'high-bill', version: 2 }]);

    // The agent's desk hears of it by itself (after its sync rounds) and tells its windows.
    const list = await arrived;
    expect(highBillOf(list)).toMatchObject({
      source: 'published',
      publishedBy: 'Jordan Lee',
      flow: { version: 2 },
    });
    expect(highBillOf(list).flow.steps[0]).toMatchObject({
      text: { en: 'Good morning (version 2), thank you for calling {{utility.name}}.' },
    });
    const answer = await agentDesk.registry.call('flows.list', {}, agentDesk.session);
    expect(answer.ok && highBillOf(answer.value).flow.version).toBe(2);
    expect(readFileSync(join(agentDesk.dataDir, 'flows/high-bill/2.yaml'), 'utf8')).toBe(
      editedHighBill(2),
    );
  });

  it('refuses a version not newer: on the desk, and at the server for a desk that had not caught up', async () => {
    for (const version of [1, 2]) {
      expect(
        await leadDesk.registry.call(
          'flows.publish',
          { source: editedHighBill(version) },
          leadDesk.session,
        ),
      ).toEqual({
        ok: false,
        error: {
          code: 'stale_version',
          messageKey: 'errors:stale_version',
          details: { id: 'high-bill', version, current: 2 },
        },
      });
    }
    // A desk whose copies are behind still holds version 1; the central system refuses for it.
    const behind = scratchDir();
    const store = new FlowStore({ dataDir: behind, central: await leadClient(central.url) });
    expect(highBillOf(store.list()).flow.version).toBe(1);
    await expect(store.publish(editedHighBill(2))).rejects.toMatchObject({
      error: { code: 'stale_version', details: { id: 'high-bill', version: 2, current: 2 } },
    });
    expect(existsSync(join(behind, 'flows/high-bill/2.yaml'))).toBe(false);
    expect(await storedVersions()).toEqual([{ flow_id: 'high-bill', version: 2 }]);
  });

  it('keeps the central check when a desk’s own check is looser', async () => {
    // A desk that would accept any wrap-up code: the central system checks the team's.
    const store = new FlowStore({
      dataDir: scratchDir(),
      central: await leadClient(central.url),
      validation: {
        ...defaultFlowValidation,
        wrapUpCodes: [...defaultFlowValidation.wrapUpCodes, 'made-up-code'],
      },
    });
    const source = editedHighBill(3, (f) => {
      const end = f.steps.find((s) => s.wrapUpCode)!;
      end.wrapUpCode = 'made-up-code';
    });
    expect(store.check(source).ok).toBe(true);
    await expect(store.publish(source)).rejects.toMatchObject({
      error: {
        code: 'invalid_flow',
        details: { issues: [expect.objectContaining({ code: 'unknown-wrap-up-code' })] },
      },
    });
    expect(await storedVersions()).toEqual([{ flow_id: 'high-bill', version: 2 }]);
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
    const arrived = new Promise<void>((resolve) => {
      const off = agentDesk.registry.onEvent((event, payload) => {
        if (event !== 'flows.changed') return;
        if (!(payload as FlowsList).flows.some((e) => e.flow.id === 'outage-line')) return;
        off();
        resolve();
      });
    });
    const published = await leadDesk.registry.call(
      'flows.publish',
      { source: JSON.stringify(flow) },
      leadDesk.session,
    );
    expect(published.ok).toBe(true);
    await arrived;
    expect(readFileSync(join(agentDesk.dataDir, 'flows/outage-line/1.json'), 'utf8')).toBe(
      JSON.stringify(flow),
    );
  });

  it('reads the publications afresh from another central system', async () => {
    const dataDir = scratchDir();
    const store = new FlowStore({ dataDir, central: await leadClient(central.url) });
    expect(await store.fetchPublished()).toBe(true);
    expect(await store.fetchPublished()).toBe(false);
    // The cursor belongs to that server: pointed elsewhere, the desk starts from the beginning.
    const moved = JSON.parse(readFileSync(join(dataDir, 'flows/central.json'), 'utf8'));
    writeFileSync(
      join(dataDir, 'flows/central.json'),
      JSON.stringify({ ...moved, server: 'http://elsewhere.example' }),
    );
    rmSync(join(dataDir, 'flows/outage-line'), { recursive: true });
    expect(await store.fetchPublished()).toBe(true);
    expect(store.list().flows.map((e) => e.flow.id)).toContain('outage-line');
  });

  it('goes on with its last copies when the central system is gone, and after a restart', async () => {
    await central.close();
    centralGone = true;
    const offline = await leadDesk.registry.call(
      'flows.publish',
      { source: editedHighBill(4) },
      leadDesk.session,
    );
    expect(offline).toMatchObject({
      ok: false,
      error: { code: 'flow_offline', messageKey: 'errors:flow_offline' },
    });
    const list = await agentDesk.registry.call('flows.list', {}, agentDesk.session);
    expect(list.ok && highBillOf(list.value).flow.version).toBe(2);
    // A desk started again without the central system: the copies are in the data folder.
    const restarted = new FlowStore({ dataDir: agentDesk.dataDir, central: unreachable });
    expect(highBillOf(restarted.list())).toMatchObject({
      source: 'published',
      publishedBy: 'Jordan Lee',
      flow: { version: 2 },
    });
    await expect(restarted.fetchPublished()).rejects.toBeInstanceOf(OfflineError);
  });
});

describe('the flows channels on one desk', () => {
  let dataDir: string;
  let registry: HandlerRegistry;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tapline-flows-'));
    registry = new HandlerRegistry();
    registerFlowHandlers(registry, new FlowStore({ dataDir, central: unreachable }));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lets anyone signed in read the flows, and only a lead or an admin check one', async () => {
    expect(await registry.call('flows.list', {}, session(null))).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await registry.call('flows.list', {}, session('agent'))).ok).toBe(true);
    expect(
      await registry.call('flows.check', { source: editedHighBill(2) }, session('agent')),
    ).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'errors:forbidden' } });
    expect(
      (await registry.call('flows.check', { source: editedHighBill(2) }, session('admin'))).ok,
    ).toBe(true);
  });

  it('sets aside a stored copy that no longer validates, and keeps using the last good version', () => {
    mkdirSync(join(dataDir, 'flows/high-bill'), { recursive: true });
    writeFileSync(join(dataDir, 'flows/high-bill/2.yaml'), editedHighBill(2));
    writeFileSync(join(dataDir, 'flows/high-bill/3.yaml'), 'id: high-bill\nversion: 3\nsteps: [');
    const reloaded = new FlowStore({ dataDir, central: unreachable });
    expect(highBillOf(reloaded.list()).flow.version).toBe(2);
    expect(reloaded.list().problems).toEqual([
      { file: 'flows/high-bill/3.yaml', issues: [expect.objectContaining({ code: 'syntax' })] },
    ]);
  });

  it('refuses a file larger than any flow at the boundary', async () => {
    const answer = await registry.call(
      'flows.check',
      { source: 'x'.repeat(200_001) },
      session('lead'),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
