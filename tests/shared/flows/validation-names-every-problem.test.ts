import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  defaultFlowValidation,
  type FlowIssue,
  loadFlowSource,
  validateFlow,
} from '../../../shared/flows';

const t = (en: string, es: string) => ({ en, es });

/** A valid flow to break one way at a time. */
function base() {
  return {
    id: 'sample',
    version: 1,
    title: t('Sample', 'Ejemplo'),
    start: 'hello',
    steps: [
      {
        id: 'hello',
        kind: 'say',
        text: t('Hello, {{customer.name}}.', 'Hola, {{customer.name}}.'),
        next: 'verify',
      },
      {
        id: 'verify',
        kind: 'ask',
        text: t('Verified?', '¿Verificado?'),
        label: t('Verified', 'Verificado'),
        answer: { type: 'yes-no' },
        next: 'route',
      },
      {
        id: 'route',
        kind: 'branch',
        cases: [{ when: { var: 'answers.verify', eq: true }, next: 'plan' }],
        otherwise: 'done',
      },
      {
        id: 'plan',
        kind: 'action',
        label: t('Open the arrangement', 'Abrir el acuerdo'),
        action: { type: 'open-panel', panel: 'arrangement', prefill: {} },
        next: 'done',
      },
      { id: 'done', kind: 'end', wrapUpCode: 'payment-arrangement' },
    ],
  };
}

type Flow = ReturnType<typeof base>;
type AnyStep = Record<string, unknown>;

function issuesOf(change: (flow: Flow) => void): Omit<FlowIssue, 'line'>[] {
  const flow = base();
  change(flow);
  const loaded = validateFlow(flow, defaultFlowValidation);
  return loaded.ok ? [] : loaded.issues;
}

const step = (flow: Flow, id: string) => flow.steps.find((s) => s.id === id) as AnyStep;

describe('a flow file is validated on load', () => {
  it('accepts a sound flow, from YAML or JSON', () => {
    expect(validateFlow(base(), defaultFlowValidation).ok).toBe(true);
    expect(loadFlowSource(stringify(base()), defaultFlowValidation).ok).toBe(true);
    expect(loadFlowSource(JSON.stringify(base()), defaultFlowValidation).ok).toBe(true);
  });

  it('refuses a file that is not YAML or JSON, with the line', () => {
    const loaded = loadFlowSource(
      'id: sample\nsteps:\n  - id: a\n    text: { en: "x"\n',
      defaultFlowValidation,
    );
    expect(loaded.ok).toBe(false);
    expect(loaded.issues[0]).toMatchObject({ code: 'syntax', line: 4 });
  });

  it('names the shape problems by step and field, without the parser’s English', () => {
    expect(
      issuesOf((f) => {
        step(f, 'hello').kind = 'sya';
        delete step(f, 'verify').label;
        step(f, 'plan').color = 'red';
        step(f, 'route').cases = [{ when: { var: 'account.pastDue', gt: 1, lt: 5 }, next: 'done' }];
      }),
    ).toEqual([
      {
        code: 'schema',
        step: 'hello',
        field: 'kind',
        params: { problem: 'unknown-kind', options: 'say, ask, branch, action, end' },
      },
      { code: 'schema', step: 'verify', field: 'label', params: { problem: 'required' } },
      {
        code: 'schema',
        step: 'route',
        field: 'cases.0.when',
        params: { problem: 'one-comparison' },
      },
      { code: 'schema', step: 'plan', params: { problem: 'unknown-field', keys: 'color' } },
    ]);
    expect(issuesOf((f) => (step(f, 'verify').id = 'Verify Step'))).toContainEqual({
      code: 'schema',
      step: 'Verify Step',
      field: 'id',
      params: { problem: 'bad-id' },
    });
    expect(issuesOf((f) => (f.version = 'two' as unknown as number))).toEqual([
      { code: 'schema', field: 'version', params: { problem: 'wrong-type', expected: 'number' } },
    ]);
  });

  it('finds a step that goes to a step that does not exist, including the start', () => {
    expect(
      issuesOf((f) => {
        f.start = 'welcome';
        step(f, 'plan').next = 'finish';
      }),
    ).toEqual(
      expect.arrayContaining([
        { code: 'unknown-step', field: 'start', params: { target: 'welcome' } },
        { code: 'unknown-step', step: 'plan', field: 'next', params: { target: 'finish' } },
      ]),
    );
  });

  it('finds two steps with one id', () => {
    expect(issuesOf((f) => f.steps.push({ ...f.steps[0] } as never))).toContainEqual({
      code: 'duplicate-step',
      step: 'hello',
      params: {},
    });
  });

  it('finds a step no path reaches', () => {
    expect(
      issuesOf((f) =>
        f.steps.push({ id: 'orphan', kind: 'say', text: t('Hi', 'Hola'), next: 'done' } as never),
      ),
    ).toEqual([{ code: 'unreachable-step', step: 'orphan', params: {} }]);
  });

  it('finds a branch with no way out, and steps that can never reach an end', () => {
    expect(issuesOf((f) => delete step(f, 'route').otherwise)).toEqual([
      { code: 'branch-without-otherwise', step: 'route', params: {} },
    ]);
    expect(
      issuesOf((f) => {
        step(f, 'plan').next = 'loop';
        f.steps.push({
          id: 'loop',
          kind: 'say',
          text: t('Again', 'Otra vez'),
          next: 'plan',
        } as never);
      }),
    ).toEqual([
      { code: 'no-way-out', step: 'plan', params: {} },
      { code: 'no-way-out', step: 'loop', params: {} },
    ]);
  });

  it('finds a prompt missing a language, or blank in one', () => {
    expect(
      issuesOf((f) => {
        step(f, 'hello').text = { en: 'Hello.' };
        step(f, 'verify').label = { en: ' ', es: 'Verificado' };
        step(f, 'verify').answer = {
          type: 'choice',
          options: [
            { id: 'a', label: t('A', 'A') },
            { id: 'b', label: { es: 'B' } },
          ],
        };
        step(f, 'route').cases = [{ when: { var: 'answers.verify', eq: 'a' }, next: 'plan' }];
      }),
    ).toEqual([
      { code: 'missing-language', step: 'hello', field: 'text', params: { language: 'es' } },
      { code: 'missing-language', step: 'verify', field: 'label', params: { language: 'en' } },
      {
        code: 'missing-language',
        step: 'verify',
        field: 'answer.options.1.label',
        params: { language: 'en' },
      },
    ]);
  });

  it('finds a variable the account does not have, in prompts, hints, conditions and prefills', () => {
    expect(
      issuesOf((f) => {
        step(f, 'hello').text = t(
          'You owe {{account.pastDueAmount}}.',
          'Debe {{account.pastDueAmount}}.',
        );
        step(f, 'hello').hint = t('{{customer.ssn}}', '{{customer.ssn}}');
        step(f, 'route').cases = [{ when: { var: 'account.creditScore', gt: 600 }, next: 'plan' }];
        step(f, 'plan').action = {
          type: 'open-panel',
          panel: 'arrangement',
          prefill: { pastDueCents: '{{account.owed}}', months: '{{answers.months}}' },
        };
      }),
    ).toEqual([
      {
        code: 'unknown-variable',
        step: 'hello',
        field: 'hint',
        params: { name: 'customer.ssn', language: 'en' },
      },
      {
        code: 'unknown-variable',
        step: 'hello',
        field: 'text',
        params: { name: 'account.pastDueAmount', language: 'en' },
      },
      {
        code: 'unknown-variable',
        step: 'route',
        field: 'cases.0.when',
        params: { name: 'account.creditScore' },
      },
      {
        code: 'unknown-variable',
        step: 'plan',
        field: 'action.prefill.pastDueCents',
        params: { name: 'account.owed' },
      },
      {
        code: 'unknown-answer',
        step: 'plan',
        field: 'action.prefill.months',
        params: { name: 'answers.months' },
      },
    ]);
  });

  it('refuses to read a yes/no or a code aloud, and an unclosed variable', () => {
    expect(
      issuesOf((f) => {
        step(f, 'hello').text = t('Medical: {{account.medical}}', 'Médico: {{answers.verify}}');
        step(f, 'plan').text = t('Owed {{account.pastDue}', 'Debe {{account.pastDue}}');
      }),
    ).toEqual([
      {
        code: 'not-readable',
        step: 'hello',
        field: 'text',
        params: { name: 'account.medical', language: 'en' },
      },
      {
        code: 'not-readable',
        step: 'hello',
        field: 'text',
        params: { name: 'answers.verify', language: 'es' },
      },
      { code: 'unbalanced-braces', step: 'plan', field: 'text', params: { language: 'en' } },
    ]);
  });

  it('checks what a branch compares against the variable’s kind and values', () => {
    expect(
      issuesOf((f) => {
        step(f, 'route').cases = [
          { when: { var: 'utility.state', eq: 'NY' }, next: 'plan' },
          { when: { var: 'account.status', gt: 2 }, next: 'plan' },
          { when: { var: 'account.pastDue', eq: 'lots' }, next: 'plan' },
          { when: { var: 'answers.verify', eq: 'yes' }, next: 'plan' },
          { when: { var: 'account.class', in: ['residential', 'industrial'] }, next: 'plan' },
        ];
      }),
    ).toEqual([
      {
        code: 'unknown-option',
        step: 'route',
        field: 'cases.0.when',
        params: { name: 'utility.state', value: 'NY', options: 'PA, ME, CA' },
      },
      {
        code: 'wrong-comparison',
        step: 'route',
        field: 'cases.1.when',
        params: { name: 'account.status', op: 'gt', expected: 'no-order' },
      },
      {
        code: 'wrong-comparison',
        step: 'route',
        field: 'cases.2.when',
        params: { name: 'account.pastDue', op: 'eq', expected: 'number' },
      },
      {
        code: 'wrong-comparison',
        step: 'route',
        field: 'cases.3.when',
        params: { name: 'answers.verify', op: 'eq', expected: 'boolean' },
      },
      {
        code: 'unknown-option',
        step: 'route',
        field: 'cases.4.when',
        params: { name: 'account.class', value: 'industrial', options: 'residential, commercial' },
      },
    ]);
  });

  it('finds a wrap-up code the team does not have and a panel the workspace does not have', () => {
    expect(
      issuesOf((f) => {
        step(f, 'done').wrapUpCode = 'payment-plan';
        (step(f, 'plan').action as { panel: string }).panel = 'calculator';
      }),
    ).toEqual([
      expect.objectContaining({ code: 'unknown-panel', step: 'plan', field: 'action.panel' }),
      expect.objectContaining({
        code: 'unknown-wrap-up-code',
        step: 'done',
        params: expect.objectContaining({ code: 'payment-plan' }),
      }),
    ]);
  });

  it('gives each problem its line in the file', () => {
    const flow = base();
    step(flow, 'plan').next = 'finish';
    const source = stringify(flow);
    const loaded = loadFlowSource(source, defaultFlowValidation);
    const issue = loaded.issues.find((i) => i.code === 'unknown-step')!;
    expect(source.split('\n')[issue.line! - 1]).toContain('next: finish');
  });
});
