import { describe, expect, it } from 'vitest';
import {
  type Bill,
  type BillInput,
  billInput,
  computeBill,
  computeNativeBill,
  type NativeProfile,
  utilityProfiles,
} from '../../../shared/rates';
import { compileNative } from '../../../shared/rates/native-compiled';
import { everyChargeProfile } from './fixtures/every-charge-profile';

/**
 * The compiled engine (fixed-point integers) against the decimal.js engine, bill for bill:
 * every native profile, every class and meter size, usages at 0, either side of every tier
 * boundary and large, days inside and outside the normal period, periods inside one schedule
 * and across a rate change, every town, discount, season and heating. Lines, texts of the exact
 * amounts, cents, notes and errors must be the same.
 */
const profiles = [
  ...utilityProfiles.filter((p): p is NativeProfile => p.kind === 'native'),
  everyChargeProfile as NativeProfile,
];

function usagesOf(profile: NativeProfile): (number | string)[] {
  const out = new Set<number | string>([0, '0.01', 1, '2.5', '3.99', 7, 12, 45, '1234.567', 1e6]);
  for (const s of profile.schedules) {
    for (const c of s.charges) {
      if (c.kind !== 'volumetric') continue;
      for (const l of c.limits) {
        for (const u of l.upTo) {
          if (u === null) continue;
          const n = Number(u);
          for (const x of [n - 1, n - 0.01, n, n + 0.01, n + 1]) if (x >= 0) out.add(x);
        }
      }
    }
  }
  return [...out];
}

function periodsOf(profile: NativeProfile): (BillInput['period'] | undefined)[] {
  const out: (BillInput['period'] | undefined)[] = [undefined];
  for (const s of profile.schedules) {
    const y = Number(s.effective.slice(0, 4));
    out.push({
      from: `${y}-${s.effective.slice(5, 7)}-${s.effective.slice(8)}`,
      to: `${y + 1}-01-01`,
    });
    out.push({ from: `${y + 1}-02-01`, to: `${y + 1}-03-01` }); // 28 days
    out.push({ from: `${y + 1}-03-01`, to: `${y + 1}-04-15` }); // 45 days
    out.push({ from: `${y - 1}-12-16`, to: s.effective }); // before or up to a change
    out.push({ from: `${y - 1}-12-01`, to: `${y}-01-20` }); // across a change
  }
  return out;
}

type Outcome = Bill | { error: string };

function outcome(run: () => Bill): Outcome {
  try {
    return run();
  } catch (err) {
    return { error: String(err) };
  }
}

describe('the compiled engine bills every native profile as the decimal.js engine does', () => {
  for (const profile of profiles) {
    it(`${profile.id}: the same bill, to the cent and the text, on a grid of inputs`, () => {
      const sizes = profile.meterSizes.length
        ? [...profile.meterSizes, '1 1/2"', '7/8']
        : [undefined];
      const towns = profile.municipalities?.length
        ? [...profile.municipalities.slice(0, 5).map((m) => m.name), 'nowhere']
        : [undefined];
      const fast = compileNative(profile);
      let billed = 0;
      let compiled = 0;
      for (const cls of [...profile.classes, 'industrial']) {
        for (const meterSize of sizes) {
          for (const usage of usagesOf(profile)) {
            for (const days of [undefined, 26, 30, 34, 45]) {
              for (const period of periodsOf(profile)) {
                if (days !== undefined && period) continue;
                for (const town of towns) {
                  for (const extra of [
                    {},
                    { season: 'summer', heating: 'gas', imperviousSqft: 2500, eru: 1.5 },
                    { season: 'winter', heating: 'electric', winterAverage: 6 },
                    { discounts: profile.discounts?.map((d) => d.id) ?? ['none'] },
                  ] as const) {
                    const input: BillInput = {
                      class: cls,
                      usage,
                      ...(meterSize ? { meterSize } : {}),
                      ...(days ? { days } : {}),
                      ...(period ? { period } : {}),
                      ...(town ? { municipality: town } : {}),
                      ...(extra as Partial<BillInput>),
                    };
                    const parsed = billInput.parse(input);
                    const expected = outcome(() => computeNativeBill(profile, parsed));
                    const actual = outcome(() => computeBill(profile, input));
                    expect(actual, JSON.stringify(input)).toEqual(expected);
                    if (!('error' in expected)) billed++;
                    try {
                      expect(fast(parsed)).toEqual(expected);
                      compiled++;
                    } catch {
                      // Billed by decimal.js (a rate change inside, a non-terminating share…).
                    }
                  }
                }
              }
            }
          }
        }
      }
      // The compiled path took most of the bills (the others: rate changes inside a period,
      // shares of days that do not terminate).
      expect(compiled).toBeGreaterThan(billed * 0.4);
    }, 300_000);
  }

  it('keeps the key order of every line, so JSON output is unchanged', () => {
    const profile = everyChargeProfile as NativeProfile;
    const input = { meterSize: '5/8', usage: 12, municipality: 'Meterton', eru: 2 };
    const a = computeBill(profile, input);
    const b = computeNativeBill(profile, billInput.parse(input));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
