import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const json = (args: string[]) => {
  const r = runCli(['bankruptcy', ...args, '--json']);
  return { ...r, body: r.code === 0 ? JSON.parse(r.stdout) : null };
};

describe('npm run cli -- bankruptcy', () => {
  it('answers the documented JSON: a 20th day on Sunday July 4 carried past the observed Monday', () => {
    const { code, body } = json([
      '--chapter',
      '7',
      '--filed',
      '2027-06-14',
      '--today',
      '2027-07-06',
    ]);
    expect(code).toBe(0);
    expect(Object.keys(body)).toEqual([
      'assuranceDueBy',
      'serviceMayBeRefused',
      'prePetitionCollectible',
      'rules',
    ]);
    expect(body.assuranceDueBy).toBe('2027-07-06');
    expect(body.serviceMayBeRefused).toBe(false);
    expect(body.prePetitionCollectible).toBe(false);
    expect(body.rules.find((r: { id: string }) => r.id === 'bankruptcy-assurance')).toEqual({
      id: 'bankruptcy-assurance',
      outcome: 'fail',
      citation: '11 U.S.C. §366(b)',
    });
    const after = json(['--chapter', '7', '--filed', '2027-06-14', '--today', '2027-07-07']);
    expect(after.body.serviceMayBeRefused).toBe(true);
  });

  it('gives Chapter 11 thirty days, and assurance keeps service', () => {
    const { body } = json(['--chapter', '11', '--filed', '2026-11-02', '--today', '2026-12-03']);
    expect(body.assuranceDueBy).toBe('2026-12-02');
    expect(body.serviceMayBeRefused).toBe(true);
    const given = json([
      '--chapter',
      '11',
      '--filed',
      '2026-11-02',
      '--today',
      '2026-12-03',
      '--assurance',
    ]);
    expect(given.body.serviceMayBeRefused).toBe(false);
  });

  it('makes the old debt collectible on dismissal and never on discharge', () => {
    const base = [
      '--chapter',
      '13',
      '--filed',
      '2026-03-03',
      '--today',
      '2026-06-01',
      '--assurance',
    ];
    expect(json([...base, '--dismissed']).body.prePetitionCollectible).toBe(true);
    expect(json([...base, '--discharged']).body.prePetitionCollectible).toBe(false);
  });

  it.each([
    [['--chapter', '9', '--filed', '2026-03-03'], /--chapter must be one of 7, 11, 13/],
    [['--filed', '2026-03-03'], /--chapter is required/],
    [['--chapter', '7'], /--filed is required/],
    [['--chapter', '7', '--filed', '2026-02-30'], /--filed must be a date/],
    [['--chapter', '7', '--filed', '2026-03-03', '--dismissed', '--discharged'], /cannot both/],
    [['--chapter', '7', '--filed', '2026-03-03', '--today', '2026-03-02'], /after today/],
    [['--chapter', '7', '--filed', '2026-03-03', '--evil'], /Unknown option/],
  ])('refuses %j with a clear error and exit 2', (args, message) => {
    const { code, stdout, stderr } = runCli(['bankruptcy', ...args, '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
