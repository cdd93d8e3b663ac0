import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../shared/cis';
import {
  auditOf,
  backends,
  fixtureAccount,
  fixtureMeter,
  postCommand,
  seededServer,
  type TestServer,
} from './support';

/**
 * A read entered at the desk (or from a route file) is checked at once against the meter's
 * history: fine, it posts; outside the window or below the last read without a reason, it is kept
 * but waits for a reviewer; impossible (ahead of today, not after the last read, beyond the
 * dials, another account's meter), it is refused. Today is 2026-11-17; the fixture meter was
 * last read 2026-11-01 at 5000 after fourteen months of one unit a day.
 */
describe.each(await backends())('reads entered on %s', (kind) => {
  let s: TestServer;
  let meterId: string;
  const A = 'SM-8600001';
  beforeAll(async () => {
    s = await seededServer(kind, 0);
    await fixtureAccount(s.db, { number: A });
    await fixtureAccount(s.db, { number: 'SM-8600002' });
    meterId = await fixtureMeter(s.db, A);
    await fixtureMeter(s.db, 'SM-8600002');
  });
  afterAll(async () => s?.close());

  const read = (date: string, value: number, more: Record<string, unknown> = {}) =>
    postCommand(s, {
      type: 'enterRead',
      accountNumber: A,
      meterId,
      date,
      value,
      kind: 'actual',
      source: 'desk',
      reader: null,
      troubleCode: null,
      reason: null,
      ...more,
    });
  const detail = async () =>
    (
      await s.app.inject({
        method: 'GET',
        url: `/accounts/${A}`,
        headers: { authorization: `Bearer ${s.tokens.agent}` },
      })
    ).json() as AccountDetail;

  it('refuses what cannot be a read of this meter today, in words the desk translates', async () => {
    const cases: [string, number, Record<string, unknown>, string][] = [
      ['2026-11-18', 5017, {}, 'cis:rejected.read.in-future'],
      ['2026-11-01', 5000, {}, 'cis:rejected.read.not-after-last'],
      ['2026-11-10', 10_000, {}, 'cis:rejected.read.exceeds-dials'],
      ['2026-11-10', 5009, { meterId: 'm-SM-8600002' }, 'cis:rejected.noSuchMeter'],
    ];
    for (const [date, value, more, reasonKey] of cases) {
      const r = await read(date, value, more);
      expect(r.body, `${date} ${value}`).toMatchObject({ status: 'rejected', reasonKey });
    }
    expect((await detail()).reads).toHaveLength(15);
  });

  it('posts a read in the window, kept with where it came from and who typed it', async () => {
    const r = await read('2026-11-05', 5004, { reader: 'R. Ortiz' });
    expect(r.body).toMatchObject({
      status: 'applied',
      result: { status: 'posted', usage: '4', findings: [] },
    });
    const posted = (await detail()).reads.at(-1);
    expect(posted).toMatchObject({ date: '2026-11-05', source: 'desk', status: 'posted' });
    expect((await auditOf(s, A)).at(-1)).toMatchObject({
      action: 'readEntered',
      details: { value: 5004, source: 'desk', status: 'posted', findings: [] },
    });
  });

  it('keeps a high read without a reason in the exception queue, and posts one with a reason', async () => {
    // Five days since the last read: five units expected, 7.5 the most in the window.
    const queued = await read('2026-11-10', 5020);
    expect(queued.body).toMatchObject({
      status: 'applied',
      result: { status: 'exception', usage: '16', findings: [{ code: 'high', limit: '7.5' }] },
    });
    const d = await detail();
    expect(d.reads.at(-1)).toMatchObject({ status: 'exception', findings: ['high'] });
    // The queued read is not the meter's last: the next is checked against 5004 (seven days,
    // 10.5 the most), and posts with its reason.
    const withReason = await read('2026-11-12', 5020, { reason: 'pool filled; confirmed' });
    expect(withReason.body).toMatchObject({
      status: 'applied',
      result: { status: 'posted', usage: '16', findings: [{ code: 'high', limit: '10.5' }] },
    });
  });

  it('asks a reason for a register below the last: a rollover or a misread', async () => {
    const r = await read('2026-11-14', 4990);
    expect(r.body).toMatchObject({
      result: {
        status: 'exception',
        findings: [{ code: 'lower-than-last', usageIfRollover: '9970', rolloverLikely: false }],
      },
    });
  });

  it('lets only a lead decide a queued read: post it with a reason, or send a reader back', async () => {
    const queue = (await detail()).reads.filter((r) => r.status === 'exception');
    expect(queue.map((r) => r.value)).toEqual([5020, 4990]);
    const decide = (readId: string, decision: string, token: string) =>
      postCommand(
        s,
        {
          type: 'resolveReadException',
          accountNumber: A,
          readId,
          decision,
          reason: 'looked at the photo',
        },
        token,
      );
    expect((await decide(queue[0].id, 'post', s.tokens.agent)).body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.roleNotAllowed',
    });
    const misread = await decide(queue[1].id, 'reread', s.tokens.lead);
    expect(misread.body).toMatchObject({
      status: 'applied',
      result: { status: 'rejected', serviceOrderId: expect.any(String) },
    });
    const d = await detail();
    expect(d.serviceOrders.find((o) => o.type === 'reread')).toBeTruthy();
    expect(d.reads.find((r) => r.id === queue[1].id)).toMatchObject({ status: 'rejected' });
    const again = await decide(queue[1].id, 'post', s.tokens.lead);
    expect(again.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.readNotInQueue',
    });
  });

  it('estimates a read by the same period last year and names the method', async () => {
    const r = await postCommand(s, {
      type: 'postEstimatedRead',
      accountNumber: A,
      meterId,
      date: '2026-11-16',
    });
    // Four days after the 5020 read, one unit a day.
    expect(r.body).toMatchObject({
      status: 'applied',
      result: { value: 5024, usage: '4', method: 'same-period-last-year' },
    });
    expect((await detail()).reads.at(-1)).toMatchObject({
      kind: 'estimated',
      source: 'estimate',
      method: 'same-period-last-year',
    });
  });
});
