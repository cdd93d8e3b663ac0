import { describe, expect, it } from 'vitest';
import { activityDisagrees, activityOfDesk } from '../../../shared/telephony/routing';
import { checkExpression, expressionMatches } from '../../../shared/telephony/routing-expression';
import { routingPlan } from '../../../shared/telephony/routing-plan';

describe('TaskRouter expressions, as its docs write them', () => {
  const worker = { languages: ['en', 'es'], skills: ['billing'], agent_id: 'ana', level: 3 };
  const task = { language: 'es', reason: 'high-bill', preferred_agents: ['ana', 'ben'] };
  const cases: [string, boolean][] = [
    ['1==1', true],
    ['skills HAS "billing"', true],
    ["skills HAS 'collections'", false],
    ['languages HAS "es" AND skills HAS "billing"', true],
    ['languages HAS "fr" OR skills HAS "billing"', true],
    ['languages HAS "fr" OR (skills HAS "collections" AND level == 3)', false],
    ['agent_id IN ["ana", "ben"]', true],
    ['agent_id NOT IN ["ana", "ben"]', false],
    ['agent_id != "ben"', true],
    ['team == "north"', false],
    ['team != "north"', false],
  ];
  it.each(cases)('%s is %s over a worker', (expression, expected) => {
    expect(expressionMatches(expression, { self: worker })).toBe(expected);
  });

  it('reads task. and worker. in a target’s expression', () => {
    const scope = { self: task, task, worker };
    expect(expressionMatches('task.language IN worker.languages', scope)).toBe(true);
    expect(expressionMatches('worker.agent_id IN task.preferred_agents', scope)).toBe(true);
    expect(
      expressionMatches('task.language IN worker.languages', {
        self: task,
        task: { language: 'fr' },
        worker,
      }),
    ).toBe(false);
  });

  it('refuses an expression it cannot read rather than match it by accident', () => {
    for (const bad of ['skills HAS', 'skills HAS "a" AND', '"open', 'a == b)', 'skills ~ "x"'])
      expect(() => checkExpression(bad)).toThrow();
  });

  it('every expression of the plan reads', () => {
    const plan = routingPlan();
    for (const q of plan.queues) checkExpression(q.targetWorkers);
    for (const f of plan.filters) {
      checkExpression(f.expression);
      for (const t of f.targets) if (t.expression) checkExpression(t.expression);
    }
  });
});

describe('the desk’s states and the router’s activities', () => {
  it('maps a chosen state to its activity; a call keeps the activity it began in', () => {
    expect(activityOfDesk('break')).toBe('break');
    expect(activityOfDesk('wrap-up')).toBe('wrap-up');
    expect(activityOfDesk('on-call')).toBeNull();
    expect(activityOfDesk('ringing')).toBeNull();
  });

  it('says when the desk and the router disagree, never during a call', () => {
    expect(activityDisagrees('available', 'break')).toBe(true);
    expect(activityDisagrees('lunch', 'available')).toBe(true);
    expect(activityDisagrees('available', 'available')).toBe(false);
    expect(activityDisagrees('offline', null)).toBe(false);
    expect(activityDisagrees('available', null)).toBe(true);
    expect(activityDisagrees('on-hold', 'offline')).toBe(false);
  });
});
