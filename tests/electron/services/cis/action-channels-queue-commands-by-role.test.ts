import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../../db/cache';
import type { CallerSession } from '../../../../electron/services/registry';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import type { IpcResult } from '../../../../shared/ipc';
import { testServices } from '../../../support/desk';

/**
 * The action channels as the renderer calls them, on the desktop's services with the embedded
 * CIS (Philadelphia, 40 accounts): commands go through the outbox, roles are checked at the
 * boundary and again by the server, and a command is only ever sent by the user who queued it.
 */
describe('the action channels', () => {
  let desk: Awaited<ReturnType<typeof testServices>>;
  const session = (): CallerSession => desk.session;
  const call = <T = unknown>(name: string, request: unknown) =>
    desk.registry.dispatch(name, request, session()) as Promise<IpcResult<T>>;
  const signIn = async (username: string) => {
    const r = await call('auth.signIn', { username, password: TRAINING_PASSWORD });
    expect(r.ok).toBe(true);
  };
  /** Waits until the outbox item has its outcome from the server. */
  const settled = async (seq: number): Promise<OutboxItem> => {
    for (let i = 0; i < 100; i++) {
      await desk.cis.sync.syncNow();
      const item = desk.cis.cache.outboxItem(seq)!;
      if (item.status !== 'pending') return item;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`command ${seq} never settled`);
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
    // The test's own CIS seeds on this thread: slow on a busy machine.
  }, 120_000);
  afterAll(async () => desk?.dispose());

  it('queues an agent’s command and brings back the server’s outcome', async () => {
    const r = await call<OutboxItem>('account.command', {
      command: {
        type: 'requestServiceOrder',
        accountNumber: account,
        orderType: 'reread',
        notes: 'high bill',
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toMatchObject({ status: 'pending', type: 'requestServiceOrder' });
    const done = await settled(r.value.seq);
    expect(done.status).toBe('applied');
    expect(done.issuedBy).toBe('u-agent');
  });

  it('refuses at the boundary what an agent may not do, naming why', async () => {
    const decide = await call('approvals.decide', {
      accountNumber: account,
      adjustmentId: 'x',
      decision: 'approve',
      reason: 'fine by me',
    });
    expect(decide).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('approvals.pending', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const smuggled = await call('account.command', {
      command: {
        type: 'decideAdjustment',
        accountNumber: account,
        adjustmentId: 'x',
        decision: 'approve',
        reason: 'fine by me',
      },
    });
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await call('account.command', {
      command: { type: 'issueNotice', accountNumber: 'PA-0000001', kind: 'reminder' },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const card = await call('account.command', {
      command: {
        type: 'stopService',
        accountNumber: account,
        stopOn: '2099-01-01',
        notes: 'card 4111 1111 1111 1111',
      },
    });
    expect(card).toMatchObject({ ok: false, error: { code: 'card_number' } });
    expect(desk.cis.cache.outbox({ accountNumber: account }).map((i) => i.type)).not.toContain(
      'stopService',
    );
  });

  it('holds an agent’s command queued offline until that agent signs in again', async () => {
    // A $250.00 bill on the account: 80% of it, $200.00, is above an agent's limit.
    const { rows } = await desk.ownCis!.db.query<{ id: number }>(
      `insert into bills (account_number, period_from, period_to, usage, unit, total_cents, due_on, lines)
         values ($1, '2026-01-01', '2026-02-01', 3, 'mcf', 25000, '2026-02-26', '[]') returning id`,
      [account],
    );
    await desk.ownCis!.stop();
    const r = await call<OutboxItem>('account.command', {
      command: {
        type: 'postAdjustment',
        accountNumber: account,
        kind: 'percentage',
        billId: String(rows[0].id),
        percent: '80',
        amountCents: -20_000,
        reason: 'billing error, two months',
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    await call('auth.signOut', {});
    await desk.ownCis!.start();
    await signIn('lead');
    await desk.cis.sync.syncNow();
    // The lead's session must not carry the agent's request: it would post without approval.
    expect(desk.cis.cache.outboxItem(r.value.seq)!.status).toBe('pending');
    expect(desk.cis.sync.current().heldForOtherUser).toBe(1);
    // Nor does the agent's command hold the lead's own work.
    const leadsNote = await call<OutboxItem>('account.addNote', {
      accountNumber: account,
      text: 'Lead reviewed the account.',
    });
    if (!leadsNote.ok) throw new Error(JSON.stringify(leadsNote.error));
    expect((await settled(leadsNote.value.seq)).status).toBe('applied');
    expect(desk.cis.cache.outboxItem(r.value.seq)!.status).toBe('pending');
    await call('auth.signOut', {});
    await signIn('agent');
    const sent = await settled(r.value.seq);
    expect(sent.result).toMatchObject({
      status: 'applied',
      result: { status: 'pending', approver: 'lead' },
    });
    expect(desk.cis.sync.current().heldForOtherUser).toBe(0);
  });

  it('lets a lead decide the request, and shows the agent the decision', async () => {
    await call('auth.signOut', {});
    await signIn('lead');
    const queue = await call<{ pending: { id: string; accountNumber: string }[] }>(
      'approvals.pending',
      {},
    );
    if (!queue.ok) throw new Error(JSON.stringify(queue.error));
    const request = queue.value.pending.find((p) => p.accountNumber === account)!;
    const decided = await call<OutboxItem>('approvals.decide', {
      accountNumber: account,
      adjustmentId: request.id,
      decision: 'approve',
      reason: 'two bills checked',
    });
    if (!decided.ok) throw new Error(JSON.stringify(decided.error));
    expect((await settled(decided.value.seq)).status).toBe('applied');
    await call('auth.signOut', {});
    await signIn('agent');
    const mine = await call<{ requested: { id: string; status: string; decidedBy: string }[] }>(
      'approvals.mine',
      {},
    );
    if (!mine.ok) throw new Error(JSON.stringify(mine.error));
    expect(mine.value.requested.find((q) => q.id === request.id)).toMatchObject({
      status: 'posted',
      decidedBy: 'Jordan Lee',
    });
  });

  it('answers offline, in the agent’s language, when the queue cannot be reached', async () => {
    await desk.ownCis!.stop();
    expect(await call('approvals.mine', {})).toMatchObject({
      ok: false,
      error: { code: 'offline', messageKey: 'errors:offline' },
    });
    await desk.ownCis!.start();
  });
});
