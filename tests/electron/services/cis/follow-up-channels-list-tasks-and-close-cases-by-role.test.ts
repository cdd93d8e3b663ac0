import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../../db/cache';
import type { CallerSession } from '../../../../electron/services/registry';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import type { AccountTask } from '../../../../shared/cis';
import { Temporal } from '../../../../shared/dates';
import type { IpcResult } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

/**
 * The follow-up channels on the desktop's services with the embedded CIS: an agent opens a case
 * and gives themselves a task, and sees it in `tasks.mine`; closing the case is refused to the
 * agent at the boundary and goes through the outbox for a lead, applied by the server.
 */
describe('the follow-up channels', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const session = (): CallerSession => desk.session;
  const call = <T = unknown>(name: string, request: unknown) =>
    desk.registry.dispatch(name, request, session()) as Promise<IpcResult<T>>;
  const signIn = async (username: string) => {
    const r = await call('auth.signIn', { username, password: TRAINING_PASSWORD });
    expect(r.ok).toBe(true);
  };
  const settled = async (seq: number): Promise<OutboxItem> => {
    for (let i = 0; i < 100; i++) {
      await desk.cis.sync.syncNow();
      const item = desk.cis.cache.outboxItem(seq)!;
      if (item.status !== 'pending') return item;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`command ${seq} never settled`);
  };
  const queue = async (command: unknown) => {
    const r = await call<OutboxItem>('account.command', { command });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return settled(r.value.seq);
  };
  let account: string;

  beforeAll(async () => {
    desk = await testServices({ accounts: 40, ownCis: true });
    await desk.cis.ready;
    await signIn('agent');
    await desk.cis.sync.syncNow();
    account = desk.cis.cache
      .search('PA-10000', 100)
      .map((h) => h.header)
      .find((h) => h.status === 'active')!.number;
  }, 120_000);
  afterAll(async () => desk?.dispose());

  it('lists the agent’s task, refuses the agent a close, and applies a lead’s', async () => {
    const opened = await queue({
      type: 'openCase',
      accountNumber: account,
      kind: 'complaint',
      description: 'Crew left the curb box open',
      billId: null,
      disputedCents: 0,
      preferredContact: 'phone',
      language: 'en',
      documents: [],
    });
    expect(opened.status).toBe('applied');
    const caseId = (opened.result as unknown as { result: { caseId: string } }).result.caseId;
    const due = Temporal.Now.plainDateISO().add({ days: 1 }).toString();
    const task = await queue({
      type: 'createTask',
      accountNumber: account,
      kind: 'callback',
      assignee: { userId: 'u-agent' },
      dueOn: due,
      note: 'after five',
    });
    expect(task.status).toBe('applied');

    const mine = await call<{ tasks: AccountTask[] }>('tasks.mine', {});
    if (!mine.ok) throw new Error(JSON.stringify(mine.error));
    expect(mine.value.tasks).toContainEqual(
      expect.objectContaining({
        accountNumber: account,
        kind: 'callback',
        dueOn: due,
        note: 'after five',
      }),
    );

    const close = {
      accountNumber: account,
      caseId,
      resolution: 'answered',
      resolutionText: 'Crew closed it the same day',
      letterId: null,
    };
    expect(await call('cases.close', close)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('cases.close', { ...close, resolution: 'maybe' })).toMatchObject({
      ok: false,
    });

    await call('auth.signOut', {});
    await signIn('lead');
    const r = await call<OutboxItem>('cases.close', close);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const done = await settled(r.value.seq);
    expect(done).toMatchObject({ status: 'applied', issuedBy: 'u-lead', type: 'closeCase' });
  }, 60_000);
});
