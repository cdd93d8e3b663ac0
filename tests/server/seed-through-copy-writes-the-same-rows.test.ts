import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility } from '../../server/seed/synthetic';
import { utilityIds } from '../../shared/rates';
import { seedFingerprint } from './seed-fingerprint';
import { backends, freshDb, type TestDb, TODAY } from './support';

/**
 * What the seed wrote for 60 accounts of each utility (seed 7, 2026-11-17, batches of 25) when
 * it inserted row arrays in one statement a table, before it loaded through COPY from worker
 * threads: row counts and a digest of every row (seed-fingerprint.ts). The same seed must give
 * the same data, on PGlite and on PostgreSQL.
 */
const BEFORE_COPY: Record<string, Record<string, string>> = {
  'portland-water-me': {
    customers: '60:5efb73ef07735e56',
    premises: '60:5be54f5cbd997043',
    accounts: '60:05a871bf15f2c316',
    account_phones: '60:3487a5caa3ceb9f5',
    meters: '60:c103683710fe8f9a',
    reads: '1500:91bb25b7c838625e',
    bills: '1440:e150eae301f874a4',
    payments: '1403:77b56fc418817480',
    notices: '2:6d005ddf0fe7e2c8',
    arrangements: '1:cb73e19b280fb5fb',
    enrollments: '0:e3b0c44298fc1c14',
    notes: '18:7b33dbbe152f70eb',
    audit: '0:e3b0c44298fc1c14',
  },
  'philadelphia-water-pa': {
    customers: '60:d3c1f22cb1b9af0d',
    premises: '60:76cc0ddecb0291ee',
    accounts: '60:608ee3b7ac5d86fd',
    account_phones: '60:aa45738773e447ac',
    meters: '60:03de75da29529b6d',
    reads: '1500:0db42af902a61d17',
    bills: '1440:026066d6d3f97ff9',
    payments: '1393:4108108a54182978',
    notices: '4:16ac6f7f3c1b84cf',
    arrangements: '0:e3b0c44298fc1c14',
    enrollments: '1:75113e7c8ff22a2c',
    notes: '19:5da20900e01c2352',
    audit: '0:e3b0c44298fc1c14',
  },
  'santa-margarita-ca': {
    customers: '60:21dbfe1832e35a07',
    premises: '60:6515dcbb56ffdb28',
    accounts: '60:4523468c05e45013',
    account_phones: '60:a3a34aea7a6466f5',
    meters: '60:be7265ec16f2d35c',
    reads: '1500:3f9635ff0f1795e9',
    bills: '1440:9496b051960f7e8e',
    payments: '1393:bea57b2280670f71',
    notices: '4:52fe635d6905ee9d',
    arrangements: '0:e3b0c44298fc1c14',
    enrollments: '1:5cbf88c7847b6c7f',
    notes: '20:6db9f8b2182abd57',
    audit: '0:e3b0c44298fc1c14',
  },
  'marin-water-ca': {
    customers: '60:4afdf2a66448b31c',
    premises: '60:96da5faff76b7e85',
    accounts: '60:ccaa643b363b2fd8',
    account_phones: '60:bb59aac26ad85931',
    meters: '60:83b666187c84faa6',
    reads: '780:c3c9c86215d6573b',
    bills: '720:e5f9b3d19b247379',
    payments: '674:ce2567bafaaa0fbb',
    notices: '3:43f94857041c3715',
    arrangements: '2:9c74d530c079b95d',
    enrollments: '1:a31268de8532d017',
    notes: '18:190404ad1f603e3e',
    audit: '1:a30dac86c1feba74',
  },
  'alameda-power-ca': {
    customers: '60:90878f7b67f3aa13',
    premises: '60:d6b7f772cd3b6945',
    accounts: '60:5a2c97684249e03d',
    account_phones: '60:80397cb95a55b312',
    meters: '60:031b7afa8eafc625',
    reads: '1500:b48dabef959b9854',
    bills: '1440:3101a65d8571ab57',
    payments: '1397:4a6c55c29e6c65c6',
    notices: '3:ef2ed0ba4dc7ba3e',
    arrangements: '2:6f919e354eefa80e',
    enrollments: '1:6de7f6900e5b6e6f',
    notes: '27:26e31dd6c14640f1',
    audit: '1:7fa7b27eb2b59522',
  },
};

const opened: TestDb[] = [];
afterAll(async () => {
  for (const t of opened) await t.drop();
});

describe.each(await backends())('the seed loaded through COPY on %s', (kind) => {
  it.each(
    utilityIds.flatMap((utilityId) => [0, 1].map((threads) => [utilityId, threads] as const)),
  )(
    'writes the same rows for %s as the seed did before, generated in %i worker thread(s)',
    async (utilityId, threads) => {
      const t = await freshDb(kind);
      opened.push(t);
      await migrate(t.db);
      await seedSyntheticUtility(t.db, {
        utilityId,
        accounts: 60,
        seed: 7,
        today: TODAY,
        batchSize: 25,
        threads,
      });
      expect(await seedFingerprint(t.db)).toEqual(BEFORE_COPY[utilityId]);
    },
    120_000,
  );
});
