import { randomUUID } from 'node:crypto';
import type { PlainDate } from '../../shared/dates';
import { caseUrgency, getFollowUpSettings, needsEscalation } from '../../shared/follow-up';
import { appendChanges, type Change } from '../commands/context';
import { insertTask } from '../commands/handlers/tasks';
import type { Db } from '../db/database';

/** The user id the audit trail names for what the server does by itself. */
export const ESCALATION_USER = 'system:case-escalation';

export interface Escalated {
  caseId: string;
  accountNumber: string;
  leadId: string;
  urgency: 'due-soon' | 'overdue';
  dueOn: string;
}

interface OpenCaseRow {
  id: string;
  account_number: string;
  utility_id: string;
  status: 'open';
  due_on: string;
  team: string;
  owner_id: string;
}

/**
 * Hands every open case that is due soon or overdue (the utility's `escalateDaysBeforeDue`) to a
 * lead of its team (any lead where the team has none), once: its status becomes escalated, the
 * lead its owner, and the audit trail says why. Run by the utility's scheduler or a lead.
 */
export async function escalateDueCases(db: Db, today: PlainDate, now: Date): Promise<Escalated[]> {
  return db.transaction(async (tx) => {
    const system = {
      tx,
      now,
      today,
      principal: {
        userId: ESCALATION_USER,
        name: 'Case escalation',
        role: 'admin' as const,
        languages: ['en' as const],
        team: 'system',
      },
    };
    const { rows } = await tx.query<OpenCaseRow>(
      `select c.id, c.account_number, a.utility_id, c.status, c.due_on, c.team, c.owner_id
         from cases c join accounts a on a.number = c.account_number
        where c.status = 'open' order by c.due_on, c.id for update of c`,
    );
    const { rows: leads } = await tx.query<{ id: string; team: string }>(
      "select id, team from users where role = 'lead' order by id",
    );
    const out: Escalated[] = [];
    const changes: Change[] = [];
    for (const row of rows) {
      const settings = getFollowUpSettings(row.utility_id);
      if (!settings || !needsEscalation(settings, { dueOn: row.due_on, status: 'open' }, today))
        continue;
      const lead = leads.find((l) => l.team === row.team) ?? leads[0];
      if (!lead) continue;
      const urgency = caseUrgency(settings, { dueOn: row.due_on, status: 'open' }, today) as
        | 'due-soon'
        | 'overdue';
      await tx.query(
        "update cases set status = 'escalated', escalated_on = $2, owner_id = $3 where id = $1",
        [row.id, today.toString(), lead.id],
      );
      await tx.query(
        'insert into audit (user_id, action, account_number, details) values ($1, $2, $3, $4)',
        [
          ESCALATION_USER,
          'caseEscalated',
          row.account_number,
          JSON.stringify({
            caseId: row.id,
            urgency,
            dueOn: row.due_on,
            from: row.owner_id,
            to: lead.id,
            rule: settings.escalateDaysBeforeDue.source.citation,
            daysBeforeDue: settings.escalateDaysBeforeDue.days,
          }),
        ],
      );
      await insertTask(system, {
        id: randomUUID(),
        accountNumber: row.account_number,
        caseId: row.id,
        kind: 'case-escalated',
        assigneeId: lead.id,
        team: null,
        dueOn: row.due_on,
        note: urgency,
      });
      await tx.query('update accounts set version = version + 1 where number = $1', [
        row.account_number,
      ]);
      changes.push({ accountNumber: row.account_number, kind: 'detail', entity: 'case' });
      out.push({
        caseId: row.id,
        accountNumber: row.account_number,
        leadId: lead.id,
        urgency,
        dueOn: row.due_on,
      });
    }
    await appendChanges(tx, changes);
    return out;
  });
}
