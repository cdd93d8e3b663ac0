import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support';
import { type ClockedServer, clockedServer, overdueMaineAccount } from './support';

/**
 * The board's count of each team's open cases and those overdue: a case is overdue the day after
 * its due day, not on it; a closed case is not counted; only a lead may ask.
 */
describe.each(await backends())('cases per team on %s', (kind) => {
  let s: ClockedServer;
  beforeAll(async () => {
    s = await clockedServer(kind);
    await overdueMaineAccount(s, 'PW-7400021');
  }, 120_000);
  afterAll(async () => s?.close());

  const open = async (description: string) => {
    const r = await s.post({
      type: 'openCase',
      accountNumber: 'PW-7400021',
      kind: 'request',
      description,
      billId: null,
      disputedCents: 0,
      preferredContact: 'phone',
      language: 'en',
      documents: [],
    });
    expect(r.body.status, JSON.stringify(r.body)).toBe('applied');
    return r.body.result as { caseId: string; dueOn: string };
  };

  it('counts open cases, overdue only after the due day, and not closed ones', async () => {
    const first = await open('Copy of the last three bills');
    await open('Meter location');
    const closing = await open('Withdrawn by the customer');
    const closed = await s.post(
      {
        type: 'closeCase',
        accountNumber: 'PW-7400021',
        caseId: closing.caseId,
        resolution: 'withdrawn',
        resolutionText: 'No longer needed',
        letterId: null,
      },
      s.tokens.lead,
    );
    expect(closed.body.status).toBe('applied');
    expect((await s.get('/follow-up/cases/by-team')).code).toBe(403);

    s.setToday(first.dueOn);
    const onDueDay = await s.get('/follow-up/cases/by-team', s.tokens.lead);
    expect(onDueDay.body.teams).toEqual([{ team: expect.any(String), open: 2, overdue: 0 }]);

    const dayAfter = new Date(`${first.dueOn}T12:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    s.setToday(dayAfter.toISOString().slice(0, 10));
    const after = await s.get('/follow-up/cases/by-team', s.tokens.lead);
    expect(after.body.teams).toEqual([{ team: expect.any(String), open: 2, overdue: 2 }]);
  });
});
