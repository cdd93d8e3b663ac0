import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const json = (args: string[]) => {
  const r = runCli(['returned-payment', ...args, '--json']);
  return { code: r.code, body: r.code === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
};

describe('npm run cli -- returned-payment', () => {
  it('charges a California utility its fee within Civil Code §1719’s cap, with the rules that decided', () => {
    const first = json([
      '--utility',
      'santa-margarita-ca',
      '--amount',
      '120.50',
      '--today',
      '2026-11-17',
    ]);
    expect(first.code).toBe(0);
    expect(first.body.feeCents).toBe(2_500);
    expect(first.body.cashOnlyUntil).toBeNull();
    expect(first.body.rules.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual(
      [
        ['returned-item-fee', 'pass'],
        ['returned-item-fee-cap', 'pass'],
        ['cash-only-period', 'not-applicable'],
        ['disconnection-reconsidered', 'not-applicable'],
      ],
    );
    expect(first.body.rules[1].citation).toBe('California Civil Code §1719(a)(1)');
    const later = json([
      '--utility',
      'marin-water-ca',
      '--amount',
      '40',
      '--prior-returns',
      '2',
      '--method',
      'ach',
      '--stopped-disconnection',
    ]);
    expect(later.body.feeCents).toBe(2_500);
    expect(later.body.rules.at(-1)).toMatchObject({
      id: 'disconnection-reconsidered',
      outcome: 'pass',
    });
  });

  it('says a Maine cap was not gathered', () => {
    const r = json(['--utility', 'portland-water-me', '--amount', '65']);
    expect(r.code).toBe(0);
    expect(r.body.rules[1]).toMatchObject({
      id: 'returned-item-fee-cap',
      outcome: 'not-applicable',
    });
    expect(r.body.rules[1].citation).toContain('Chapter 870');
  });

  it('refuses bad input with the reason and the usage, exit 2', () => {
    for (const [args, reason] of [
      [['--amount', '10'], '--utility is required'],
      [['--utility', 'atlantis-water', '--amount', '10'], 'unknown utility "atlantis-water"'],
      [['--utility', 'santa-margarita-ca', '--amount', '0'], '--amount must be more than $0.00'],
      [
        ['--utility', 'marin-water-ca', '--amount', '10', '--prior-returns=-1'],
        '--prior-returns must be',
      ],
    ] as const) {
      const r = runCli(['returned-payment', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(reason);
      expect(r.stderr).toContain('Usage: npm run cli -- returned-payment');
    }
  }, 90_000);
});
