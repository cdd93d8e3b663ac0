import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support';
import { type ClockedServer, clockedServer, overdueMaineAccount } from './support';

/**
 * Follow-up tasks on 2026-11-17: for one user or a team, on the account and in the assignee's
 * list; an agent keeps to their team (care-a), a lead may give one to anyone; a case's escalation
 * gives its lead one, done when the case is closed.
 */
describe.each(await backends())('tasks on %s', (kind) => {
  let s: ClockedServer;
  beforeAll(async () => {
    s = await clockedServer(kind);
  });
  afterAll(async () => s?.close());

  const task = (accountNumber: string, o: Record<string, unknown>, token?: string) =>
    s.post(
      {
        type: 'createTask',
        accountNumber,
        kind: 'callback',
        assignee: { userId: 'u-agent' },
        dueOn: '2026-11-18',
        note: 'Call back with the meter test result.',
        ...o,
      },
      token,
    );
  const listOf = async (token: string) =>
    ((await s.get('/follow-up/tasks', token)).body.tasks as { id: string; dueOn: string }[]).map(
      (t) => t.id,
    );

  it('lists a task in its assignee’s list and its team’s, on the account, earliest due first', async () => {
    await overdueMaineAccount(s, 'PW-7200001');
    const mine = (await task('PW-7200001', { dueOn: '2026-11-20' })).body.result.taskId;
    const team = (
      await task('PW-7200001', {
        kind: 'payment-check',
        assignee: { team: 'care-a' },
        dueOn: '2026-11-17',
      })
    ).body.result.taskId;
    const leads = (await task('PW-7200001', { assignee: { userId: 'u-admin' } }, s.tokens.lead))
      .body.result.taskId;
    expect(await listOf(s.tokens.agent)).toEqual([team, mine]);
    expect(await listOf(s.tokens.admin)).toEqual([leads]);
    const detail = await s.detailOf('PW-7200001');
    expect(detail.tasks.map((t) => [t.kind, t.assigneeName ?? t.team, t.dueOn])).toEqual([
      ['payment-check', 'care-a', '2026-11-17'],
      ['callback', 'Sam Whitaker', '2026-11-18'],
      ['callback', 'Alex Rivera', '2026-11-20'],
    ]);
  });

  it('refuses a date in the past, an unknown user or team, and an agent’s task for another team', async () => {
    await overdueMaineAccount(s, 'PW-7200002');
    expect((await task('PW-7200002', { dueOn: '2026-11-16' })).body.reasonKey).toBe(
      'cis:rejected.dateInPast',
    );
    expect((await task('PW-7200002', { assignee: { userId: 'u-nobody' } })).body.reasonKey).toBe(
      'cis:rejected.noSuchUser',
    );
    expect((await task('PW-7200002', { assignee: { team: 'night' } })).body.reasonKey).toBe(
      'cis:rejected.noSuchTeam',
    );
    expect((await task('PW-7200002', { assignee: { userId: 'u-admin' } })).body).toMatchObject({
      reasonKey: 'cis:rejected.taskOutsideTeam',
      details: { team: 'it' },
    });
    expect((await task('PW-7200002', { assignee: { team: 'it' } })).body.reasonKey).toBe(
      'cis:rejected.taskOutsideTeam',
    );
    expect((await task('PW-7200002', { kind: 'case-escalated' })).code).toBe(400);
  });

  it('is done by its assignee or team once, not by another team’s agent', async () => {
    await overdueMaineAccount(s, 'PW-7200003');
    const admins = (await task('PW-7200003', { assignee: { userId: 'u-admin' } }, s.tokens.lead))
      .body.result.taskId;
    const done = {
      type: 'completeTask',
      accountNumber: 'PW-7200003',
      taskId: admins,
      status: 'done',
      outcome: 'Customer called back.',
    };
    expect((await s.post(done)).body.reasonKey).toBe('cis:rejected.taskOutsideTeam');
    expect((await s.post(done, s.tokens.admin)).body).toMatchObject({
      status: 'applied',
      result: { doneOn: '2026-11-17' },
    });
    expect((await s.post(done, s.tokens.admin)).body).toMatchObject({
      reasonKey: 'cis:rejected.taskNotOpen',
      details: { status: 'done' },
    });
    expect(await listOf(s.tokens.admin)).not.toContain(admins);
    expect((await s.post({ ...done, taskId: 'nope' }, s.tokens.admin)).body.reasonKey).toBe(
      'cis:rejected.noSuchTask',
    );
  });

  it('gives the lead a task when a case is escalated, done when the lead closes the case', async () => {
    await overdueMaineAccount(s, 'PW-7200004');
    const opened = await s.post({
      type: 'openCase',
      accountNumber: 'PW-7200004',
      kind: 'complaint',
      description: 'Crew left the curb box open.',
      billId: null,
      disputedCents: 0,
      preferredContact: 'phone',
      language: 'en',
      documents: [],
    });
    const caseId = opened.body.result.caseId;
    // A complaint is due in 30 days (2026-12-17); overdue on 2026-12-18.
    s.setToday('2026-12-18');
    const r = await s.app.inject({
      method: 'POST',
      url: '/follow-up/escalations',
      headers: { authorization: `Bearer ${s.tokens.lead}` },
    });
    expect(r.json().escalated).toEqual([
      expect.objectContaining({ caseId, urgency: 'overdue', leadId: 'u-lead' }),
    ]);
    const ofCase = async () =>
      ((await s.get('/follow-up/tasks', s.tokens.lead)).body.tasks as { caseId: string }[]).filter(
        (t) => t.caseId === caseId,
      );
    expect(await ofCase()).toEqual([
      expect.objectContaining({ kind: 'case-escalated', caseId, dueOn: '2026-12-17' }),
    ]);
    const closed = await s.post(
      {
        type: 'closeCase',
        accountNumber: 'PW-7200004',
        caseId,
        resolution: 'upheld',
        resolutionText: 'Crew sent back; box closed.',
        letterId: null,
      },
      s.tokens.lead,
    );
    expect(closed.body.status).toBe('applied');
    expect(await ofCase()).toEqual([]);
    const audit = await s.db.query<{ action: string; user_id: string }>(
      "select action, user_id from audit where account_number = 'PW-7200004' order by id",
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      'caseOpened',
      'caseEscalated',
      'taskCreated',
      'caseClosed',
    ]);
    s.setToday('2026-11-17');
  });
});
