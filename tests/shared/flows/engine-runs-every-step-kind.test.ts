import { describe, expect, it } from 'vitest';
import {
  type AnswerSpec,
  answer,
  back,
  currentStep,
  defaultFlowValidation,
  type FlowContext,
  type FlowDefinition,
  type FlowDefinitionInput,
  type FlowRun,
  type Move,
  next,
  noteLine,
  parseAnswer,
  renderText,
  sampleAccount,
  startRun,
  suggestedWrapUp,
  suggestFlow,
  transcript,
  validateFlow,
} from '../../../shared/flows';
import { contextFor, plain, TODAY } from './support';

const t = (en: string, es: string) => ({ en, es });

/** A small flow with one step of each kind, checked like a file. */
function flowOf(input: Partial<FlowDefinitionInput> & Pick<FlowDefinitionInput, 'steps'>) {
  const loaded = validateFlow(
    { id: 'test-flow', version: 3, title: t('Test', 'Prueba'), start: input.steps[0].id, ...input },
    defaultFlowValidation,
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.flow;
}

const account = sampleAccount(TODAY, {
  utilityId: 'philadelphia-water-pa',
  pastDueCents: 123456,
  pastDueDays: 70,
  notice: true,
});
const ctx: FlowContext = contextFor(account);

function must(move: Move | { ok: false }): Move {
  if ('ok' in move && move.ok === false) throw new Error('refused');
  return move as Move;
}

function answered(flow: FlowDefinition, run: FlowRun, input: string, c = ctx): Move {
  const outcome = answer(flow, run, c, input);
  if (!outcome.ok) throw new Error(`refused: ${outcome.error.code}`);
  return outcome;
}

describe('say', () => {
  const flow = flowOf({
    steps: [
      {
        id: 'past-due',
        kind: 'say',
        text: t(
          'You owe {{account.pastDue}}; the notice is dated {{notice.issuedOn}}.',
          'Usted debe {{account.pastDue}}; el aviso es del {{notice.issuedOn}}.',
        ),
        hint: t('On file: {{customer.name}}', 'En el expediente: {{customer.name}}'),
        next: 'done',
      },
      { id: 'done', kind: 'end', wrapUpCode: 'billing-question' },
    ],
  });

  it('reads money and dates for the prompt language through Intl, and moves on', () => {
    const { run } = startRun(flow, ctx);
    const step = currentStep(flow, run);
    expect(step.id).toBe('past-due');
    const text = step.kind === 'say' ? step.text : {};
    expect(plain(renderText(flow, run, ctx, text, 'en'))).toBe(
      'You owe $1,234.56; the notice is dated March 4, 2026.',
    );
    expect(plain(renderText(flow, run, ctx, text, 'es'))).toBe(
      'Usted debe $1,234.56; el aviso es del 4 de marzo de 2026.',
    );
    expect(must(next(flow, run, ctx)).run.at).toBe('done');
  });

  it('marks a value the account does not have instead of reading a blank', () => {
    const noNotice = contextFor(sampleAccount(TODAY, { pastDueCents: 500 }));
    const { run } = startRun(flow, noNotice);
    const step = currentStep(flow, run);
    const segments = renderText(flow, run, noNotice, step.kind === 'say' ? step.text : {}, 'en');
    expect(segments.filter((s) => s.kind === 'missing')).toEqual([
      { kind: 'missing', name: 'notice.issuedOn' },
    ]);
    expect(plain(segments)).toBe('You owe $5.00; the notice is dated [notice.issuedOn].');
  });
});

describe('ask', () => {
  const specs: Record<'yesNo' | 'choice', AnswerSpec> = {
    yesNo: { type: 'yes-no' },
    choice: {
      type: 'choice',
      options: [
        { id: 'street', label: t('Street', 'Calle') },
        { id: 'inside', label: t('Inside', 'Dentro') },
        { id: 'meter', label: t('Meter', 'Medidor') },
      ],
    },
  };

  it('takes yes or no by number or word, in either language', () => {
    for (const [input, value] of [
      ['1', true],
      ['yes', true],
      ['Sí', true],
      ['2', false],
      ['no', false],
    ] as const)
      expect(parseAnswer(specs.yesNo, input, TODAY)).toEqual({ ok: true, value });
    expect(parseAnswer(specs.yesNo, 'maybe', TODAY)).toMatchObject({
      ok: false,
      error: { code: 'not-yes-no' },
    });
    expect(parseAnswer(specs.yesNo, ' ', TODAY)).toMatchObject({ error: { code: 'required' } });
  });

  it('takes a choice by its number or its id, and refuses one that is not offered', () => {
    expect(parseAnswer(specs.choice, '3', TODAY)).toEqual({ ok: true, value: 'meter' });
    expect(parseAnswer(specs.choice, 'inside', TODAY)).toEqual({ ok: true, value: 'inside' });
    expect(parseAnswer(specs.choice, '4', TODAY)).toMatchObject({
      error: { code: 'not-an-option', params: { count: 3 } },
    });
  });

  it('reads amounts in dollars into cents, and holds numbers to their bounds', () => {
    const money = { type: 'number', format: 'money', min: 10, max: 5000, integer: false } as const;
    expect(parseAnswer(money, '$1,234.5', TODAY)).toEqual({ ok: true, value: 123450 });
    expect(parseAnswer(money, '12.345', TODAY)).toMatchObject({
      error: { code: 'too-many-decimals' },
    });
    expect(parseAnswer(money, '9.99', TODAY)).toEqual({
      ok: false,
      error: { code: 'below-min', params: { min: 1000 }, format: 'money' },
    });
    expect(parseAnswer(money, '5000.01', TODAY)).toMatchObject({
      error: { code: 'above-max', params: { max: 500000 } },
    });
    const months = { type: 'number', format: 'plain', integer: true, min: 1, max: 12 } as const;
    expect(parseAnswer(months, '6', TODAY)).toEqual({ ok: true, value: 6 });
    expect(parseAnswer(months, '6.5', TODAY)).toMatchObject({ error: { code: 'not-whole' } });
    expect(parseAnswer(months, 'six', TODAY)).toMatchObject({ error: { code: 'not-a-number' } });
    expect(parseAnswer(months, '13', TODAY)).toMatchObject({ error: { code: 'above-max' } });
  });

  it('holds dates to the days around the day of the call', () => {
    const date = { type: 'date', minDaysFromToday: 0, maxDaysFromToday: 30 } as const;
    expect(parseAnswer(date, '2026-04-15', TODAY)).toEqual({ ok: true, value: '2026-04-15' });
    expect(parseAnswer(date, '2026-03-15', TODAY)).toEqual({
      ok: false,
      error: { code: 'too-early', params: { min: '2026-03-16' }, format: 'date' },
    });
    expect(parseAnswer(date, '2026-04-16', TODAY)).toMatchObject({
      error: { code: 'too-late', params: { max: '2026-04-15' } },
    });
    expect(parseAnswer(date, '2026-02-30', TODAY)).toMatchObject({
      error: { code: 'not-a-date' },
    });
  });

  it('keeps free text short, optional only when the flow says so, and never a card number', () => {
    const text = { type: 'text', maxLength: 20, optional: false } as const;
    expect(parseAnswer(text, '  water in basement ', TODAY)).toEqual({
      ok: true,
      value: 'water in basement',
    });
    expect(parseAnswer(text, '', TODAY)).toMatchObject({ error: { code: 'required' } });
    expect(parseAnswer({ ...text, optional: true }, '', TODAY)).toEqual({ ok: true, value: '' });
    expect(parseAnswer(text, 'x'.repeat(21), TODAY)).toMatchObject({
      error: { code: 'too-long' },
    });
    expect(
      parseAnswer({ ...text, maxLength: 100 }, 'card 4111 1111 1111 1111', TODAY),
    ).toMatchObject({ error: { code: 'card-number' } });
  });

  it('records the answer and moves on; a refused answer leaves the run as it was', () => {
    const flow = flowOf({
      steps: [
        {
          id: 'months',
          kind: 'ask',
          text: t('How many months?', '¿Cuántos meses?'),
          label: t('Months', 'Meses'),
          answer: { type: 'number', integer: true, min: 1, max: 12 },
          next: 'done',
        },
        { id: 'done', kind: 'end', wrapUpCode: 'payment-arrangement' },
      ],
    });
    const { run } = startRun(flow, ctx);
    expect(answer(flow, run, ctx, '14')).toMatchObject({ ok: false, error: { code: 'above-max' } });
    expect(next(flow, run, ctx)).toMatchObject({ ok: false, error: { code: 'required' } });
    const move = answered(flow, run, '6');
    expect(move.run.answers).toEqual({ months: 6 });
    expect(move.run.at).toBe('done');
    expect(move.notes).toEqual([{ kind: 'answer', step: 'months', value: 6, changed: false }]);
  });
});

describe('branch', () => {
  const flow = flowOf({
    steps: [
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
        cases: [
          { when: { var: 'answers.verify', eq: false }, next: 'refuse' },
          {
            when: {
              all: [
                { var: 'account.pastDue', gt: 1234.55 },
                { not: { var: 'account.medical', eq: true } },
                {
                  any: [
                    { var: 'utility.state', in: ['CA', 'PA'] },
                    { var: 'account.arrangement', eq: true },
                  ],
                },
              ],
            },
            next: 'collect',
          },
          { when: { var: 'notice.amount', set: false }, next: 'no-notice' },
        ],
        otherwise: 'fine',
      },
      { id: 'refuse', kind: 'end', wrapUpCode: 'other' },
      { id: 'collect', kind: 'end', wrapUpCode: 'disconnection' },
      { id: 'no-notice', kind: 'end', wrapUpCode: 'billing-question' },
      { id: 'fine', kind: 'end', wrapUpCode: 'billing-question' },
    ],
  });
  const route = (c: FlowContext, input: string) => {
    const move = answered(flow, startRun(flow, c).run, input, c);
    return { at: move.run.at, branches: move.branches };
  };

  it('takes the first case that holds, in order, on answers and account data', () => {
    expect(route(ctx, '2')).toEqual({ at: 'refuse', branches: [{ branch: 'route', taken: 0 }] });
    expect(route(ctx, '1')).toEqual({ at: 'collect', branches: [{ branch: 'route', taken: 1 }] });
  });

  it('compares money in dollars, to the cent', () => {
    const atLimit = contextFor(sampleAccount(TODAY, { pastDueCents: 123455, notice: true }));
    expect(route(atLimit, '1').at).toBe('fine');
  });

  it('never takes a path on data the account does not have, except to ask whether it is set', () => {
    const noNotice = contextFor(sampleAccount(TODAY, { pastDueCents: 100 }));
    expect(route(noNotice, '1')).toEqual({
      at: 'no-notice',
      branches: [{ branch: 'route', taken: 2 }],
    });
    const medical = contextFor(
      sampleAccount(TODAY, { pastDueCents: 200000, notice: true, protections: ['medical'] }),
    );
    expect(route(medical, '1')).toEqual({
      at: 'fine',
      branches: [{ branch: 'route', taken: 'otherwise' }],
    });
  });
});

describe('action', () => {
  const flow = flowOf({
    steps: [
      {
        id: 'down',
        kind: 'ask',
        text: t('How much today?', '¿Cuánto hoy?'),
        label: t('Down payment', 'Pago inicial'),
        answer: { type: 'number', format: 'money', min: 0 },
        next: 'arrangement',
      },
      {
        id: 'arrangement',
        kind: 'action',
        label: t('Open the arrangement', 'Abrir el acuerdo'),
        action: {
          type: 'open-panel',
          panel: 'arrangement',
          prefill: {
            pastDue: '{{account.pastDue}}',
            downPayment: '{{answers.down}}',
            dueOn: '{{bill.dueOn}}',
            kind: 'equal',
            depositWaived: false,
            nextInstallment: '{{arrangement.nextAmount}}',
          },
        },
        next: 'reread',
      },
      {
        id: 'reread',
        kind: 'action',
        label: t('Reread', 'Nueva lectura'),
        action: {
          type: 'request-service-order',
          orderType: 'reread',
          prefill: { notes: 'Estimated read: {{bill.periodTo}}' },
        },
        next: 'notice',
      },
      {
        id: 'notice',
        kind: 'action',
        label: t('Issue a reminder', 'Emitir un recordatorio'),
        action: { type: 'issue-notice', kind: 'reminder' },
        next: 'lead',
      },
      {
        id: 'lead',
        kind: 'action',
        label: t('Interpreter', 'Intérprete'),
        action: { type: 'transfer', kind: 'number', to: '{{utility.interpreterLine}}', warm: true },
        next: 'done',
      },
      { id: 'done', kind: 'end', wrapUpCode: 'payment-arrangement' },
    ],
  });

  it('opens the panel with the values of this call filled in, as the panels read them (money in dollars)', () => {
    const first = answered(flow, startRun(flow, ctx).run, '150');
    const move = must(next(flow, first.run, ctx));
    expect(move.effects).toEqual([
      {
        type: 'open-panel',
        panel: 'arrangement',
        prefill: {
          pastDue: '1234.56',
          downPayment: '150.00',
          dueOn: account.detail!.bills.at(-1)!.dueOn,
          kind: 'equal',
          depositWaived: false,
        },
      },
    ]);
    expect(move.notes).toEqual([{ kind: 'action', step: 'arrangement', outcome: 'done' }]);
    expect(move.run.actions).toEqual({ arrangement: 'done' });

    const reread = must(next(flow, move.run, ctx));
    expect(reread.effects).toEqual([
      {
        type: 'open-panel',
        panel: 'service-order',
        prefill: {
          type: 'reread',
          notes: `Estimated read: ${plainDateText(account.detail!.bills.at(-1)!.periodTo)}`,
        },
      },
    ]);
    const notice = must(next(flow, reread.run, ctx));
    // The rights on the notice are printed in the caller's language.
    expect(notice.effects).toEqual([
      { type: 'open-panel', panel: 'notice', prefill: { kind: 'reminder', rightsLanguage: 'en' } },
    ]);
    const transfer = must(next(flow, notice.run, ctx));
    expect(transfer.effects).toEqual([
      { type: 'transfer', kind: 'number', to: '8005550142', warm: true },
    ]);
  });

  it('can be skipped: nothing is opened, and the notes say it was not done', () => {
    const first = answered(flow, startRun(flow, ctx).run, '0');
    const move = must(next(flow, first.run, ctx, { skip: true }));
    expect(move.effects).toEqual([]);
    expect(move.notes).toEqual([{ kind: 'action', step: 'arrangement', outcome: 'skipped' }]);
    expect(noteLine(flow, move.notes[0], 'es')).toBe('No hecho: Abrir el acuerdo');
  });
});

/** A date as an English prompt reads it (what text around a variable in a prefill gives). */
function plainDateText(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

describe('end', () => {
  const flow = flowOf({
    steps: [
      { id: 'hello', kind: 'say', text: t('Hello', 'Hola'), next: 'bye' },
      { id: 'bye', kind: 'end', text: t('Bye', 'Adiós'), wrapUpCode: 'leak-emergency' },
    ],
  });

  it('suggests the wrap-up code and finishes the run once', () => {
    const at = must(next(flow, startRun(flow, ctx).run, ctx));
    expect(suggestedWrapUp(flow, at.run)).toBe('leak-emergency');
    const done = must(next(flow, at.run, ctx));
    expect(done.run.finished).toBe(true);
    expect(done.effects).toEqual([{ type: 'wrap-up', code: 'leak-emergency' }]);
    expect(noteLine(flow, done.notes[0], 'en')).toBe('Suggested wrap-up code: Leak or emergency');
    expect(noteLine(flow, done.notes[0], 'es')).toBe(
      'Código de cierre sugerido: Fuga o emergencia',
    );
    expect(must(next(flow, done.run, ctx))).toEqual({
      run: done.run,
      effects: [],
      notes: [],
      branches: [],
    });
  });
});

describe('back a step', () => {
  const flow = flowOf({
    steps: [
      { id: 'hello', kind: 'say', text: t('Hello', 'Hola'), next: 'where' },
      {
        id: 'where',
        kind: 'ask',
        text: t('Where?', '¿Dónde?'),
        label: t('Where', 'Dónde'),
        answer: {
          type: 'choice',
          options: [
            { id: 'street', label: t('Street', 'Calle') },
            { id: 'inside', label: t('Inside', 'Dentro') },
          ],
        },
        next: 'route',
      },
      {
        id: 'route',
        kind: 'branch',
        cases: [{ when: { var: 'answers.where', eq: 'street' }, next: 'crew' }],
        otherwise: 'more',
      },
      {
        id: 'more',
        kind: 'ask',
        text: t('Anything else?', '¿Algo más?'),
        label: t('Anything else', 'Algo más'),
        answer: { type: 'yes-no' },
        next: 'again',
      },
      {
        id: 'again',
        kind: 'branch',
        cases: [{ when: { var: 'answers.more', eq: true }, next: 'where' }],
        otherwise: 'done',
      },
      {
        id: 'crew',
        kind: 'action',
        label: t('Send a crew', 'Enviar una cuadrilla'),
        action: {
          type: 'request-service-order',
          orderType: 'emergency-main-break',
        },
        next: 'done',
      },
      { id: 'done', kind: 'end', wrapUpCode: 'leak-emergency' },
    ],
  });

  it('returns along the way it came, past the branches, keeping the answer to confirm', () => {
    const hello = startRun(flow, ctx).run;
    const where = must(next(flow, hello, ctx)).run;
    const crew = answered(flow, where, '1').run;
    expect(crew.at).toBe('crew');
    const backAtWhere = back(crew);
    expect(backAtWhere.at).toBe('where');
    expect(backAtWhere.answers).toEqual({ where: 'street' });
    expect(back(backAtWhere).at).toBe('hello');
    expect(back(back(backAtWhere))).toEqual(back(backAtWhere));
  });

  it('forgets what came after, and notes a changed answer as changed, a confirmed one not again', () => {
    const where = must(next(flow, startRun(flow, ctx).run, ctx)).run;
    const crew = answered(flow, where, '1').run;
    const done = must(next(flow, crew, ctx));
    const finished = must(next(flow, done.run, ctx)).run;
    expect(finished.finished).toBe(true);

    const again = back(back(finished));
    expect(again).toMatchObject({ at: 'where', finished: false, actions: {} });
    expect(answered(flow, again, '1').notes).toEqual([]);
    const changed = answered(flow, again, '2');
    expect(changed.run.at).toBe('more');
    expect(changed.notes).toEqual([
      { kind: 'answer', step: 'where', value: 'inside', changed: true },
    ]);
    expect(noteLine(flow, changed.notes[0], 'en')).toBe('Where: Inside (changed)');
  });

  it('asks a question afresh when the flow loops back to it', () => {
    const where = must(next(flow, startRun(flow, ctx).run, ctx)).run;
    const more = answered(flow, where, '2').run;
    const looped = answered(flow, more, '1');
    expect(looped.run.at).toBe('where');
    expect(looped.run.answers).toEqual({ more: true });
    expect(answered(flow, looped.run, '2').notes[0]).toMatchObject({ changed: false });
  });
});

describe('the transcript for the interaction notes', () => {
  it('lists the script, each answer and action in order, and the suggested code, in a language', () => {
    const flow = flowOf({
      steps: [
        {
          id: 'verify',
          kind: 'ask',
          text: t('Verified?', '¿Verificado?'),
          label: t('Identity verified', 'Identidad verificada'),
          answer: { type: 'yes-no' },
          next: 'today',
        },
        {
          id: 'today',
          kind: 'ask',
          text: t('How much today?', '¿Cuánto hoy?'),
          label: t('Can pay today', 'Puede pagar hoy'),
          answer: { type: 'number', format: 'money' },
          next: 'start',
        },
        {
          id: 'start',
          kind: 'ask',
          text: t('Start date?', '¿Fecha de alta?'),
          label: t('Start date', 'Fecha de alta'),
          answer: { type: 'date' },
          next: 'plan',
        },
        {
          id: 'plan',
          kind: 'action',
          label: t('Open the arrangement', 'Abrir el acuerdo'),
          action: { type: 'open-panel', panel: 'arrangement' },
          next: 'done',
        },
        { id: 'done', kind: 'end', wrapUpCode: 'payment-arrangement' },
      ],
    });
    let run = startRun(flow, ctx).run;
    for (const input of ['1', '75.5', '2026-04-01']) run = answered(flow, run, input).run;
    run = must(next(flow, run, ctx)).run;
    run = must(next(flow, run, ctx)).run;
    expect(transcript(flow, run, 'en')).toEqual([
      'Script: Test (version 3)',
      'Identity verified: Yes',
      'Can pay today: $75.50',
      'Start date: April 1, 2026',
      'Done: Open the arrangement',
      'Suggested wrap-up code: Payment arrangement',
    ]);
    expect(transcript(flow, run, 'es')).toEqual([
      'Guion: Prueba (versión 3)',
      'Identidad verificada: Sí',
      'Puede pagar hoy: $75.50',
      'Fecha de alta: 1 de abril de 2026',
      'Hecho: Abrir el acuerdo',
      'Código de cierre sugerido: Acuerdo de pago',
    ]);
  });
});

describe('the flow a call suggests', () => {
  const flows = [
    { id: 'greeting', reasons: ['billing-question'], fallback: true },
    { id: 'leak', reasons: ['leak'], fallback: false },
  ];

  it('is the one listing the call reason, else the fallback', () => {
    expect(suggestFlow(flows, 'leak')?.id).toBe('leak');
    expect(suggestFlow(flows, 'no-such-reason')?.id).toBe('greeting');
    expect(suggestFlow(flows, undefined)?.id).toBe('greeting');
    expect(suggestFlow([flows[1]], 'other')).toBeNull();
  });
});
