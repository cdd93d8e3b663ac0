import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeBill,
  OwrsEvaluator,
  type OwrsProfile,
  parseMeterSize,
  parseOwrs,
  profileFromOwrs,
} from '../../../shared/rates';

const ROOT = 'data/owrs/full_utility_rates';

function owrsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? owrsFiles(join(dir, e.name))
      : e.name.endsWith('.owrs')
        ? [join(dir, e.name)]
        : [],
  );
}

const customer = {
  meterSize: '3/4',
  usage: 15,
  householdSize: 4,
  irrigatedSqft: 1500,
  etInches: 3,
  season: 'summer' as const,
};

/** Each class's lines (key and exact amount) from a fresh parse of the text, or the error. */
function fresh(text: string, cls: string): string[] | 'error' {
  try {
    const file = parseOwrs(text).file!;
    const lines = new OwrsEvaluator(file, cls, {
      usage_ccf: customer.usage,
      meter_size: parseMeterSize(customer.meterSize)!.label,
      days_in_period: 30,
      hhsize: customer.householdSize,
      irr_area: customer.irrigatedSqft,
      et_amount: customer.etInches,
      season: customer.season,
    }).lines();
    return lines.map((l) => `${l.key.toUpperCase()}=${l.exact.toString()}`);
  } catch {
    return 'error';
  }
}

function billed(profile: OwrsProfile, cls: string): string[] | 'error' {
  try {
    const bill = computeBill(profile, {
      ...customer,
      class: cls,
      owrsData: { days_in_period: 30 },
    });
    return bill.lines.map((l) => `${l.code}=${l.exact}`);
  } catch {
    return 'error';
  }
}

describe('OWRS files that share a file name, billed in one process', () => {
  const files = owrsFiles(ROOT).sort();

  it('the corpus has many files of one name (07-01-2017.owrs among them)', () => {
    const names = new Map<string, number>();
    for (const f of files) names.set(basename(f), (names.get(basename(f)) ?? 0) + 1);
    expect([...names.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(38);
    expect(names.get('07-01-2017.owrs')).toBeGreaterThanOrEqual(93);
  });

  it('bills every loadable file with its own rates, as a fresh parse of it does', {
    timeout: 120_000,
  }, () => {
    let compared = 0;
    let sharedNameBills = 0;
    const seen = new Set<string>();
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      let profile: OwrsProfile;
      try {
        profile = profileFromOwrs(basename(path), text);
      } catch {
        continue;
      }
      for (const cls of profile.classes) {
        const expected = fresh(text, cls);
        const actual = billed(profile, cls);
        if (expected === 'error') {
          expect(actual, `${path} ${cls}`).toBe('error');
          continue;
        }
        expect(actual, `${path} ${cls}`).toEqual(expected);
        compared++;
        if (seen.has(basename(path))) sharedNameBills++;
      }
      seen.add(basename(path));
    }
    // Most of the corpus bills with this customer, files of a shared name among them.
    expect(compared).toBeGreaterThan(500);
    expect(sharedNameBills).toBeGreaterThan(200);
  });
});
