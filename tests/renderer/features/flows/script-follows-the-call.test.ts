// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  allUtilityFacts,
  defaultFlowValidation,
  type FlowDefinition,
  loadFlowSource,
  sampleAccount,
} from '../../../../shared/flows';
import assistance from '../../../../shared/flows/library/assistance-programs.yaml?raw';
import greeting from '../../../../shared/flows/library/greeting-verification.yaml?raw';
import interpreter from '../../../../shared/flows/library/interpreter.yaml?raw';
import arrangement from '../../../../shared/flows/library/payment-arrangement.yaml?raw';
import type { FlowEntry, TaplineBridge } from '../../../../shared/ipc';

/** The main side, as the renderer sees it: what was asked of it, and the library. */
const requests: { channel: string; request: unknown }[] = [];
const library: FlowEntry[] = [greeting, arrangement, assistance, interpreter].map((source) => {
  const loaded = loadFlowSource(source, defaultFlowValidation);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return {
    flow: loaded.flow as FlowDefinition,
    source: 'library',
    publishedBy: null,
    publishedAt: null,
  };
});
const fakeBridge: TaplineBridge = {
  host: 'web',
  async invoke(channel, request) {
    requests.push({ channel, request });
    if (channel === 'flows.list')
      return {
        ok: true,
        value: { flows: library, utilities: allUtilityFacts(), problems: [] },
      } as never;
    return { ok: true, value: {} } as never;
  },
  on: () => () => {},
  onConnection: () => () => {},
};
(window as unknown as { tapline: TaplineBridge }).tapline = fakeBridge;

const { useAppStore } = await import('../../../../renderer/store');
const { watchCalls } = await import('../../../../renderer/features/flows/call-watch');
const { currentScript, promptLocaleOf } = await import(
  '../../../../renderer/features/flows/flows-slice'
);
const { applyLocale } = await import('../../../../renderer/i18n');

const today = new Date().toISOString().slice(0, 10);
const account = sampleAccount(today, {
  utilityId: 'philadelphia-water-pa',
  language: 'es',
  pastDueCents: 24310,
  pastDueDays: 75,
});
const store = () => useAppStore.getState();
const script = () => currentScript(store())!;

function signIn(languages: ('en' | 'es')[]) {
  useAppStore.setState({
    session: {
      principal: {
        userId: 'u-agent-es',
        name: 'Marisol Vega',
        role: 'agent',
        languages,
        team: 'care-a',
      },
      training: true,
      demoUsers: [],
      cisUrl: '',
    },
    view: {
      header: account.header,
      detail: account.detail,
      utility: null,
      fetchedAt: 0,
      stale: false,
    },
  });
}

function ring(callId: string, language: 'en' | 'es', reason: string) {
  store().deskEvent({
    type: 'incoming',
    callId,
    caller: { from: '+12155550187', language, reason },
  });
  store().deskEvent({ type: 'accept', callId });
}

let stop: () => void;
beforeAll(async () => {
  stop = watchCalls();
  await store().loadFlows();
});
afterAll(() => stop());
afterEach(() => {
  applyLocale('en');
  if (store().desk.wrapUp) {
    if (!store().desk.wrapUp?.code) store().setWrapUpCode('other');
    store().finishWrapUp();
  }
  if (store().desk.active) store().deskEvent({ type: 'hangup' });
  if (store().desk.wrapUp) {
    store().setWrapUpCode('other');
    store().finishWrapUp();
  }
  useAppStore.setState({ callNotes: {}, panelRequest: null, scripts: {} });
  requests.length = 0;
});

describe('the script follows the call', () => {
  it('starts the flow the call’s reason suggests when the call is answered, in the caller’s language', () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C1', 'es', 'past-due');
    expect(script()).toMatchObject({
      key: 'C1',
      suggested: true,
      flow: { id: 'payment-arrangement' },
    });
    expect(promptLocaleOf(store(), script())).toBe('es');
    expect(store().callNotes.C1).toBe('Script: Payment arrangement (version 1)');
  });

  it('keeps its place through hold and resume, and through both language switches', () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C2', 'es', 'past-due');
    store().nextScript();
    store().answerScript('1');
    const at = script().run.at;
    expect(at).toBe('read-past-due');
    store().deskEvent({ type: 'hold' });
    store().deskEvent({ type: 'resume' });
    expect(script().run.at).toBe(at);

    store().togglePromptLocale();
    expect(promptLocaleOf(store(), script())).toBe('en');
    applyLocale('es');
    expect(script().run.at).toBe(at);
    store().togglePromptLocale();
    expect(promptLocaleOf(store(), script())).toBe('es');
    // The notes stay in the language the run started in: one language per call's record.
    store().nextScript();
    store().nextScript();
    store().answerScript('50');
    expect(store().callNotes.C2.split('\n').at(-1)).toBe('Can pay today: $50.00');
  });

  it('asks the workspace for the arrangement panel with the caller’s numbers filled in', () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C3', 'es', 'past-due');
    for (const step of ['next', '1', 'next', 'next', '50', '6']) {
      if (step === 'next') store().nextScript();
      else store().answerScript(step);
    }
    expect(script().run.at).toBe('open-plan');
    store().nextScript();
    expect(store().panelRequest).toMatchObject({
      panel: 'arrangement',
      prefill: { downPayment: '50.00', months: 6 },
    });
    expect(store().callNotes.C3).toContain('Done: Open the payment arrangement with these numbers');
  });

  it('refuses a bad answer in place, and Back returns with the answer given', () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C4', 'en', 'past-due');
    for (const step of ['next', '1', 'next', 'next', '50']) {
      if (step === 'next') store().nextScript();
      else store().answerScript(step);
    }
    store().answerScript('100');
    expect(script()).toMatchObject({ run: { at: 'months' }, error: { code: 'above-max' } });
    store().backScript();
    expect(script()).toMatchObject({
      run: { at: 'down-payment', answers: { 'down-payment': 5000 } },
      error: null,
    });
  });

  it('sets the suggested wrap-up code when wrap-up starts, and the answers go into the interaction', async () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C5', 'es', 'past-due');
    for (const step of ['next', '1', 'next', 'next', '50', '6', 'next', '1', 'next']) {
      if (step === 'next') store().nextScript();
      else store().answerScript(step);
    }
    expect(script().run.at).toBe('closing');
    store().nextScript();
    expect(script().wrapUp).toEqual({ code: 'payment-arrangement', status: 'offered' });
    store().deskEvent({ type: 'hangup' });
    expect(store().desk.wrapUp?.code).toBe('payment-arrangement');
    expect(script().wrapUp?.status).toBe('applied');
    store().finishWrapUp();
    await vi.waitFor(() =>
      expect(requests.some((r) => r.channel === 'interaction.record')).toBe(true),
    );
    const record = requests.find((r) => r.channel === 'interaction.record')!.request as {
      wrapUpCode: string;
      notes: string;
      language: string;
    };
    expect(record.wrapUpCode).toBe('payment-arrangement');
    expect(record.language).toBe('es');
    expect(record.notes.split('\n')).toEqual([
      'Script: Payment arrangement (version 1)',
      'Identity verified: Yes',
      'Can pay today: $50.00',
      'Months requested: 6',
      'Done: Open the payment arrangement with these numbers',
      'Plan accepted: Yes',
      'Suggested wrap-up code: Payment arrangement',
    ]);
    expect(currentScript(store())).toBeNull();
  });

  it('offers the suggested code when the agent already chose another', () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C6', 'en', 'assistance');
    store().deskEvent({ type: 'hangup' });
    store().setWrapUpCode('complaint');
    for (const step of ['next', '2', 'next', 'next']) {
      if (step === 'next') store().nextScript();
      else store().answerScript(step);
    }
    expect(script().run.at).toBe('household');
    store().answerScript('3');
    store().answerScript('25000');
    store().nextScript();
    store().answerScript('2');
    store().nextScript();
    expect(script().run.at).toBe('closing');
    store().nextScript();
    expect(script().wrapUp).toEqual({ code: 'assistance', status: 'kept' });
    expect(store().desk.wrapUp?.code).toBe('complaint');
    store().useSuggestedWrapUp();
    expect(store().desk.wrapUp?.code).toBe('assistance');
  });

  it('starts the interpreter flow when the agent does not speak the caller’s language', () => {
    signIn(['en']);
    store().chooseState('available');
    ring('C7', 'es', 'past-due');
    expect(script().flow.id).toBe('interpreter');
    const transfer = vi.fn(async () => {});
    useAppStore.setState({ transfer });
    store().nextScript();
    store().answerScript('1');
    store().nextScript();
    expect(transfer).toHaveBeenCalledWith({ kind: 'queue', to: 'care-es', warm: false });
  });

  it('lets the agent pick another flow mid-call; the new one starts from its beginning', () => {
    signIn(['en', 'es']);
    store().chooseState('available');
    ring('C8', 'en', 'billing-question');
    expect(script().flow.id).toBe('greeting-verification');
    store().startScript('assistance-programs');
    expect(script()).toMatchObject({
      suggested: false,
      flow: { id: 'assistance-programs' },
      run: { at: 'greeting' },
    });
    expect(store().callNotes.C8.split('\n')).toEqual([
      'Script: Greeting and identity verification (version 1)',
      'Script: Assistance programs (version 1)',
    ]);
  });
});
