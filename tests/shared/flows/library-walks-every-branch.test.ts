import { describe, expect, it } from 'vitest';
import {
  answer,
  defaultFlowValidation,
  type FlowAccount,
  type FlowDefinition,
  type FlowRun,
  type Move,
  next,
  promptLocales,
  renderText,
  type SampleOptions,
  sampleAccount,
  startRun,
  stepById,
  transcript,
} from '../../../shared/flows';
import { ALEX, contextFor, library, MARISOL, TODAY } from './support';

/**
 * Synthetic accounts, each a situation some branch of the library turns on: the utility's
 * state and service, past due, notices, protections, arrangements, estimated reads, high use and
 * leaks, deposits, enrolments, inactive service, an account whose detail has not arrived, and
 * no account at all.
 */
const situations: Record<string, SampleOptions | null> = {
  'pa-current': { utilityId: 'philadelphia-water-pa', balanceCents: 0 },
  'pa-leak': {
    utilityId: 'philadelphia-water-pa',
    usage: [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 12, 14],
  },
  'pa-high-once': {
    utilityId: 'philadelphia-water-pa',
    usage: [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 5, 12],
  },
  'pa-estimated-past-due': {
    utilityId: 'philadelphia-water-pa',
    language: 'es',
    estimated: true,
    pastDueCents: 24310,
    pastDueDays: 75,
    protections: ['low-income'],
  },
  'pa-notice': {
    utilityId: 'philadelphia-water-pa',
    pastDueCents: 31277,
    pastDueDays: 80,
    notice: true,
  },
  'pa-second-bill': { utilityId: 'philadelphia-water-pa', usage: [6, 7] },
  'pa-first-bill': { utilityId: 'philadelphia-water-pa', usage: [6] },
  'pa-inactive': { utilityId: 'philadelphia-water-pa', status: 'inactive', balanceCents: 0 },
  'pa-deposit-enrolled': {
    utilityId: 'philadelphia-water-pa',
    balanceCents: 0,
    depositCents: 12000,
    enrolled: true,
  },
  'pa-header-only-notice': {
    utilityId: 'philadelphia-water-pa',
    pastDueCents: 9000,
    notice: true,
    headerOnly: true,
  },
  'me-arrangement': {
    utilityId: 'portland-water-me',
    pastDueCents: 9650,
    pastDueDays: 40,
    arrangement: true,
  },
  'me-notice-medical': {
    utilityId: 'portland-water-me',
    pastDueCents: 12000,
    pastDueDays: 95,
    notice: true,
    protections: ['medical'],
  },
  'ca-notice-medical': {
    utilityId: 'santa-margarita-ca',
    language: 'es',
    pastDueCents: 18240,
    pastDueDays: 64,
    notice: true,
    protections: ['medical'],
  },
  'ca-marin-past-due': { utilityId: 'marin-water-ca', pastDueCents: 15010, pastDueDays: 61 },
  'ca-electric-notice': {
    utilityId: 'alameda-power-ca',
    pastDueCents: 22000,
    pastDueDays: 70,
    notice: true,
    protections: ['life-support'],
    usage: [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 5, 12],
  },
  'ca-electric-inactive': { utilityId: 'alameda-power-ca', status: 'inactive', balanceCents: 0 },
  'no-account': null,
};

const accounts: [string, FlowAccount | null][] = Object.entries(situations).map(([name, o]) => [
  name,
  o ? sampleAccount(TODAY, { number: `T-${name}`.toUpperCase().slice(0, 20), ...o }) : null,
]);

/** Every answer a question can take, as the agent would give it. */
function candidates(flow: FlowDefinition, run: FlowRun): string[] {
  const step = stepById(flow, run.at);
  if (step.kind !== 'ask') return [];
  const spec = step.answer;
  switch (spec.type) {
    case 'yes-no':
      return ['1', '2'];
    case 'choice':
      return spec.options.map((_, i) => String(i + 1));
    case 'number':
      return [String(spec.min !== undefined && spec.min > 0 ? spec.min : 3)];
    case 'date':
      return ['2026-03-20'];
    case 'text':
      return ['4 Elm Street, Apt 2'];
  }
}

interface Exploration {
  steps: Set<string>;
  branches: Set<string>;
  finished: number;
  problems: string[];
}

/**
 * Walks every path of a flow for one account and agent, answer by answer, to its end. A state
 * already explored (same step, same answers) is not walked twice, so loops end.
 */
function explore(
  flow: FlowDefinition,
  account: FlowAccount | null,
  agent: typeof ALEX,
  into: Exploration,
) {
  const ctx = contextFor(account, agent);
  const seen = new Set<string>();
  const record = (move: Move) => {
    into.steps.add(move.run.at);
    for (const b of move.branches) {
      into.branches.add(`${b.branch}#${b.taken}`);
      into.steps.add(b.branch);
    }
  };
  const visit = (run: FlowRun) => {
    const key = `${run.at}|${JSON.stringify(run.answers)}|${run.finished}`;
    if (seen.has(key)) return;
    seen.add(key);
    const step = stepById(flow, run.at);
    // What is read aloud never has a gap when the account is there.
    if (account?.detail && 'text' in step && step.text) {
      for (const locale of promptLocales) {
        const missing = renderText(flow, run, ctx, step.text, locale).filter(
          (s) => s.kind === 'missing',
        );
        if (missing.length)
          into.problems.push(
            `${flow.id}/${step.id} (${locale}) misses ${missing.map((m) => (m.kind === 'missing' ? m.name : '')).join(', ')}`,
          );
      }
    }
    if (run.finished) {
      into.finished++;
      if (transcript(flow, run, 'en').length < 2)
        into.problems.push(`${flow.id}: empty transcript`);
      return;
    }
    if (step.kind === 'ask') {
      for (const input of candidates(flow, run)) {
        const outcome = answer(flow, run, ctx, input);
        if (!outcome.ok) {
          into.problems.push(`${flow.id}/${step.id} refused ${input}: ${outcome.error.code}`);
          continue;
        }
        record(outcome);
        visit(outcome.run);
      }
      return;
    }
    const move = next(flow, run, ctx, { locale: 'en' });
    if ('ok' in move) {
      into.problems.push(`${flow.id}/${step.id}: next refused`);
      return;
    }
    if (step.kind === 'end') {
      const wrapUp = move.effects.find((e) => e.type === 'wrap-up');
      if (!wrapUp || !defaultFlowValidation.wrapUpCodes.includes(wrapUp.code))
        into.problems.push(`${flow.id}/${step.id}: no wrap-up code suggested`);
    }
    record(move);
    visit(move.run);
  };
  const start = startRun(flow, ctx);
  record(start);
  visit(start.run);
}

describe('the flow library, walked on synthetic accounts', () => {
  const flows = library();

  it('has the flows the job needs, one file each, each suggested for its call reasons', () => {
    expect(flows.map((f) => f.id).sort()).toEqual([
      'assistance-programs',
      'change-account-holder',
      'complaint-escalation',
      'disconnection-notice',
      'greeting-verification',
      'high-bill',
      'interpreter',
      'leak-emergency',
      'payment-arrangement',
      'start-service',
      'stop-service',
      'transfer-service',
    ]);
    // Every reason the training simulator gives a call has a flow of its own.
    for (const reason of [
      'high-bill',
      'billing-question',
      'past-due',
      'disconnection-notice',
      'leak',
      'start-service',
      'stop-service',
      'assistance',
    ])
      expect(
        flows.filter((f) => f.reasons.includes(reason)).map((f) => f.id),
        reason,
      ).toHaveLength(1);
    expect(flows.filter((f) => f.fallback).map((f) => f.id)).toEqual(['greeting-verification']);
  });

  for (const flow of flows) {
    it(`${flow.id}: every step and every branch case is walked to an end`, () => {
      const found: Exploration = {
        steps: new Set(),
        branches: new Set(),
        finished: 0,
        problems: [],
      };
      for (const [, account] of accounts)
        for (const agent of [ALEX, MARISOL]) explore(flow, account, agent, found);

      const everyStep = flow.steps.map((s) => s.id);
      const everyCase = flow.steps.flatMap((s) =>
        s.kind === 'branch'
          ? [
              ...s.cases.map((_, i) => `${s.id}#${i}`),
              ...(s.otherwise ? [`${s.id}#otherwise`] : []),
            ]
          : [],
      );
      expect({
        stepsNeverShown: everyStep.filter((id) => !found.steps.has(id)),
        casesNeverTaken: everyCase.filter((c) => !found.branches.has(c)),
        problems: [...new Set(found.problems)],
      }).toEqual({ stepsNeverShown: [], casesNeverTaken: [], problems: [] });
      expect(found.finished).toBeGreaterThan(0);
    });
  }
});
