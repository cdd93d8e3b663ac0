import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faker, fakerES_MX } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../db/cache';
import { editDistance, fold } from '../../db/search';
import { accountHeader } from '../support/headers';
import { withTypo } from '../support/typo';

describe('search by name', () => {
  it('finds every one of 300 names typed with a slip among 2,000 accounts, in the first 20', () => {
    const c = LocalCache.open({
      file: join(mkdtempSync(join(tmpdir(), 'tapline-typo-')), 'cache.db'),
      key: 'd'.repeat(64),
    });
    faker.seed(3);
    fakerES_MX.seed(4);
    const headers = Array.from({ length: 2000 }, (_, i) =>
      accountHeader(`PA-${1_000_000 + i}`, {
        name: (i % 3 ? faker : fakerES_MX).person.fullName(),
        phones: [],
      }),
    );
    c.upsertHeaders(headers);
    const missed: string[] = [];
    for (const [i, h] of headers.slice(0, 300).entries()) {
      const typed = withTypo(h.name, ((i * 37) % 100) / 100);
      expect(typed).not.toBe(h.name);
      expect(editDistance(fold(typed), fold(h.name))).toBe(1);
      if (!c.search(typed, 20).some((hit) => hit.header.number === h.number))
        missed.push(`${h.name} as ${typed}`);
    }
    expect(missed).toEqual([]);
    c.close();
  });
});
