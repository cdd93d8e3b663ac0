import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import type { IpcResult, SearchHitView } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

/** `account.search` on the desktop's services: a page of hits, and whether more match. */
describe('searching the cached accounts', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const search = async (query: string, limit: number) => {
    const r = (await desk.registry.dispatch(
      'account.search',
      { query, limit },
      desk.session,
    )) as IpcResult<{ results: SearchHitView[]; more: boolean }>;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return { count: r.value.results.length, more: r.value.more };
  };

  beforeAll(async () => {
    desk = await testServices({ accounts: 30 });
    await desk.cis.ready;
    const r = await desk.registry.dispatch(
      'auth.signIn',
      { username: 'agent', password: TRAINING_PASSWORD },
      desk.session,
    );
    expect(r.ok).toBe(true);
    await desk.cis.sync.syncNow();
  }, 120_000);
  afterAll(async () => desk?.dispose());

  it('answers up to the limit and says whether more accounts match', async () => {
    const numbers = desk.cis.cache.db
      .prepare('select number from headers order by number')
      .all() as { number: string }[];
    expect(numbers).toHaveLength(30);
    // The seed numbers accounts from PA-1000001: thirty share "PA-10000".
    const start = numbers[0].number.slice(0, 8);
    expect(await search(start, 20)).toEqual({ count: 20, more: true });
    expect(await search(start, 29)).toEqual({ count: 29, more: true });
    expect(await search(start, 30)).toEqual({ count: 30, more: false });
    expect(await search(numbers[4].number, 20)).toEqual({ count: 1, more: false });
  });
});
