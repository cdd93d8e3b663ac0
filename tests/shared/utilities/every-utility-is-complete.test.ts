import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeBill } from '../../../shared/rates';
import { defaultUtilityId, getUtility, utilities, utilityIds } from '../../../shared/utilities';
import { flowSamplesSchema } from '../../../shared/utilities/flow-samples';
import { utilityLinesSchema } from '../../../shared/utilities/lines';
import { seedModelSchema } from '../../../shared/utilities/seed';
import { loadUtility, type UtilityInput } from '../../../shared/utilities/utility';

/**
 * A utility is one folder under shared/utilities and one line in its index: every folder is
 * listed, every listed utility has every part, each part valid against its schema and naming the
 * utility, and the parts fit one another (the seed's bill inputs are what the rates read).
 */
const root = 'shared/utilities';
const folders = readdirSync(root).filter((f) => statSync(join(root, f)).isDirectory());

describe('the utility index', () => {
  it('lists every utility folder, once, under the folder’s own name', () => {
    expect([...utilityIds].sort()).toEqual([...folders].sort());
    expect(new Set(utilityIds).size).toBe(utilityIds.length);
  });

  it('starts from a utility it lists', () => {
    expect(getUtility(defaultUtilityId)?.id).toBe(defaultUtilityId);
  });
});

describe.each(utilities.map((u) => [u.id, u] as const))('%s', (id, utility) => {
  it('has a rate profile, a collection policy and a field-service profile that name it', () => {
    expect(utility.rates.id).toBe(id);
    expect(utility.collections.utilityId).toBe(id);
    expect(utility.service.utilityId).toBe(id);
    expect(utility.collections.service).toBe(utility.rates.service);
    expect(utility.collections.state).toBe(utility.rates.state);
    expect(utility.service.state).toBe(utility.rates.state);
  });

  it('has its lines, its flow samples and its seed model, each valid', () => {
    expect(utilityLinesSchema.safeParse(utility.lines).success).toBe(true);
    expect(flowSamplesSchema.safeParse(utility.flowSamples).success).toBe(true);
    expect(seedModelSchema.safeParse(utility.seed).success).toBe(true);
    expect(utility.flowSamples.place.state).toBe(utility.rates.state);
    expect(utility.seed.places.state).toBe(utility.rates.state);
  });

  it('prices a seeded premise’s bill in every month with its own rates', () => {
    const { places, billInput, typicalUse } = utility.seed;
    const town = places.towns[0];
    const premise = {
      meterSize: places.meterSizes[0]?.size ?? '',
      municipality: town.municipality,
      impervious: 1500,
      household: 3,
      irrigated: 1000,
      heating: 'gas' as const,
    };
    for (let month = 1; month <= 12; month++) {
      const days = places.bimonthly ? 61 : 30;
      const input = billInput(premise, typicalUse * (places.bimonthly ? 2 : 1), days, month);
      const bill = computeBill(utility.rates, input);
      expect(bill.totalCents, `month ${month}`).toBeGreaterThan(0);
    }
  });
});

describe('loading a utility', () => {
  const input = (id: string): UtilityInput => {
    const u = getUtility(id)!;
    return {
      id: u.id,
      rates: u.rates,
      collections: u.collections,
      service: u.service,
      payments: u.payments,
      lines: u.lines,
      flowSamples: u.flowSamples,
      followUp: u.followUp,
      outbound: u.outbound,
      seed: u.seed,
    } as unknown as UtilityInput;
  };

  it('refuses a part that names another utility', () => {
    const [a, b] = utilityIds;
    const mixed = { ...input(a), service: input(b).service };
    expect(() => loadUtility(mixed)).toThrow(`service names ${b}`);
    const outbound = { ...input(a), outbound: input(b).outbound };
    expect(() => loadUtility(outbound)).toThrow(`outbound names ${b}`);
  });

  it('refuses a missing or invalid part', () => {
    const [a] = utilityIds;
    const { seed: _seed, ...withoutSeed } = input(a);
    expect(() => loadUtility(withoutSeed as UtilityInput)).toThrow();
    const badLines = { ...input(a), lines: { ...input(a).lines, emergencyLine: '911' } };
    expect(() => loadUtility(badLines)).toThrow();
  });
});
