import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FlowStore, registerFlowHandlers } from '../../../../electron/services/flows/flow-store';
import { type CallerSession, HandlerRegistry } from '../../../../electron/services/registry';

const session = (role: CallerSession['role'], userId = `u-${role}`): CallerSession => ({
  role,
  userId: role ? userId : null,
  token: null,
});
const lead = session('lead');

/** The library's high-bill flow as a lead would edit it: a new version with a changed greeting. */
interface EditableFlow {
  version: number;
  steps: { text: Record<string, string>; next?: string }[];
}

function editedHighBill(version: number, change: (flow: EditableFlow) => void = () => {}): string {
  const flow: EditableFlow = parse(readFileSync('shared/flows/library/high-bill.yaml', 'utf8'));
  flow.version = version;
  flow.steps[0].text.en = 'Good morning, and thank you for calling {{utility.name}}.';
  change(flow);
  return stringify(flow);
}

describe('flows loaded by a team lead', () => {
  let dataDir: string;
  let registry: HandlerRegistry;
  let store: FlowStore;
  let events: { event: string; payload: unknown }[];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tapline-flows-'));
    registry = new HandlerRegistry();
    store = new FlowStore(dataDir);
    registerFlowHandlers(registry, store);
    events = [];
    registry.onEvent((event, payload) => events.push({ event, payload }));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with the library, every flow valid, for anyone signed in', async () => {
    const answer = await registry.call('flows.list', {}, session('agent'));
    expect(answer.ok && answer.value.problems).toEqual([]);
    expect(answer.ok && answer.value.flows.length).toBe(12);
    expect(answer.ok && answer.value.flows.every((e) => e.source === 'library')).toBe(true);
    expect(await registry.call('flows.list', {}, session(null))).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('lets only a lead or an admin check or load a flow, at the IPC boundary', async () => {
    for (const channel of ['flows.check', 'flows.save'] as const) {
      expect(await registry.call(channel, { source: editedHighBill(2) }, session('agent'))).toEqual(
        {
          ok: false,
          error: expect.objectContaining({ code: 'forbidden', messageKey: 'errors:forbidden' }),
        },
      );
    }
    expect(store.list().flows.find((e) => e.flow.id === 'high-bill')?.flow.version).toBe(1);
    expect(
      (await registry.call('flows.check', { source: editedHighBill(2) }, session('admin'))).ok,
    ).toBe(true);
  });

  it('checks a file without saving it, and answers every problem with its line', async () => {
    const broken = editedHighBill(2, (f) => {
      f.steps[0].next = 'verify-caller';
    });
    const answer = await registry.call('flows.check', { source: broken }, lead);
    expect(answer).toMatchObject({
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
    const line = answer.ok && !answer.value.ok ? answer.value.issues[0].line! : 0;
    expect(broken.split('\n')[line - 1]).toContain('next: verify-caller');
    expect(store.list().flows.find((e) => e.flow.id === 'high-bill')?.flow.version).toBe(1);
  });

  it('puts a newer version in use at once, tells every window, and keeps it across a restart', async () => {
    const saved = await registry.call('flows.save', { source: editedHighBill(2) }, lead);
    expect(saved).toMatchObject({
      ok: true,
      value: {
        entry: { source: 'loaded', loadedBy: 'u-lead', flow: { id: 'high-bill', version: 2 } },
      },
    });
    const inUse = store.list().flows.find((e) => e.flow.id === 'high-bill')!;
    expect(inUse.flow.version).toBe(2);
    expect(inUse.flow.steps[0]).toMatchObject({
      text: { en: 'Good morning, and thank you for calling {{utility.name}}.' },
    });
    expect(events.map((e) => e.event)).toEqual(['flows.changed']);
    expect(readFileSync(join(dataDir, 'flows/high-bill/2.yaml'), 'utf8')).toBe(editedHighBill(2));

    const afterRestart = new FlowStore(dataDir);
    expect(afterRestart.list().flows.find((e) => e.flow.id === 'high-bill')).toMatchObject({
      source: 'loaded',
      loadedBy: 'u-lead',
      flow: { version: 2 },
    });
  });

  it('refuses a version that is not newer, and a file with problems, saving nothing', async () => {
    await registry.call('flows.save', { source: editedHighBill(2) }, lead);
    for (const version of [1, 2]) {
      expect(await registry.call('flows.save', { source: editedHighBill(version) }, lead)).toEqual({
        ok: false,
        error: {
          code: 'stale_version',
          messageKey: 'errors:stale_version',
          details: { id: 'high-bill', version, current: 2 },
        },
      });
    }
    const invalid = editedHighBill(3, (f) => {
      delete f.steps[0].text.es;
    });
    const refused = await registry.call('flows.save', { source: invalid }, lead);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_flow' } });
    expect(JSON.stringify(!refused.ok && refused.error.details)).toContain('missing-language');
    expect(store.list().flows.find((e) => e.flow.id === 'high-bill')?.flow.version).toBe(2);
    expect(events).toHaveLength(1);
  });

  it('takes JSON as well, for a new flow', async () => {
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
    const saved = await registry.call(
      'flows.save',
      { source: JSON.stringify(flow) },
      session('admin'),
    );
    expect(saved.ok).toBe(true);
    expect(readFileSync(join(dataDir, 'flows/outage-line/1.json'), 'utf8')).toBe(
      JSON.stringify(flow),
    );
    expect(store.list().flows.map((e) => e.flow.id)).toContain('outage-line');
  });

  it('sets aside a stored file that no longer validates, and keeps using the last good version', async () => {
    await registry.call('flows.save', { source: editedHighBill(2) }, lead);
    mkdirSync(join(dataDir, 'flows/high-bill'), { recursive: true });
    writeFileSync(join(dataDir, 'flows/high-bill/3.yaml'), 'id: high-bill\nversion: 3\nsteps: [');
    const reloaded = new FlowStore(dataDir);
    expect(reloaded.list().flows.find((e) => e.flow.id === 'high-bill')?.flow.version).toBe(2);
    expect(reloaded.list().problems).toEqual([
      { file: 'flows/high-bill/3.yaml', issues: [expect.objectContaining({ code: 'syntax' })] },
    ]);
  });

  it('refuses a file larger than any flow at the boundary', async () => {
    const answer = await registry.call('flows.check', { source: 'x'.repeat(200_001) }, lead);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
