import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandType, command as commandSchema } from '../../shared/cis';
import { getUtility } from '../../shared/utilities';
import {
  backends,
  fixtureAccount,
  fixtureMeter,
  monthEnds,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

/**
 * The audit action each applied command writes. A command that touches money or service writes
 * one; a note and a call record are the account's history, not decisions, and write none. A new
 * command type fails this test until it is listed here.
 */
const AUDITED: Record<CommandType, string | null> = {
  addNote: null,
  recordInteraction: null,
  createArrangement: 'arrangementCreated',
  requestServiceOrder: 'serviceOrderRequested',
  postAdjustment: 'adjustmentRequested',
  decideAdjustment: 'adjustmentApproved',
  issueNotice: 'noticeIssued',
  updateContactInfo: 'contactInfoUpdated',
  changeAccountHolder: 'accountHolderChanged',
  startService: 'serviceStarted',
  stopService: 'serviceStopped',
  transferService: 'serviceTransferred',
  enrollAssistance: 'assistanceEnrolled',
  recordRightsInformed: 'rightsInformed',
  enterRead: 'readEntered',
  postEstimatedRead: 'readEstimated',
  resolveReadException: 'readExceptionResolved',
  reviewBill: 'billReviewed',
  // Applied last, beyond the agent's total in the window: it waits for a lead (audited so).
  cancelRebill: 'rebillRequested',
  completeFieldOrder: 'fieldOrderCompleted',
  postPayment: 'paymentPosted',
  returnPayment: 'paymentReturned',
  transferPayment: 'paymentTransferredIn',
  reversePayment: 'paymentReversed',
  openDrawer: 'drawerOpened',
  voidPayment: 'paymentVoided',
  closeDrawer: 'drawerClosed',
  reopenDrawer: 'drawerReopened',
  closeCounterDay: 'counterDayClosed',
  requestRefund: 'refundRequested',
  decideRefund: 'refundApproved',
  issueRefund: 'refundIssued',
  writeOffBalance: 'balanceWrittenOff',
  openCase: 'caseOpened',
  addCaseNote: 'caseNoted',
  closeCase: 'caseClosed',
  createTask: 'taskCreated',
  completeTask: 'taskCompleted',
  sendLetter: 'letterQueued',
  recordEmailConsent: 'emailConsentRecorded',
  recordBankruptcy: 'bankruptcyRecorded',
  recordBankruptcyOutcome: 'bankruptcyOutcomeRecorded',
  recordMedicalCertificate: 'medicalCertificateRecorded',
  recordLifeSupport: 'lifeSupportRecorded',
  recordSb998Condition: 'sb998ConditionRecorded',
  referUnauthorizedUse: 'unauthorizedUseReferred',
  recordInvestigationFinding: 'investigationFindingRecorded',
  recordPromise: 'promiseRecorded',
  buildWorklist: 'worklistBuilt',
  assignWorklist: 'worklistAssigned',
  recordCallOutcome: 'callOutcomeRecorded',
};

describe.each(await backends())('the audit trail on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  }, 120_000);
  afterAll(async () => s?.close());

  const apply = async (cmd: Record<string, unknown>, token = s.tokens.agent) => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${token}` },
      payload: { command: cmd },
    });
    expect(r.json(), `${cmd.type}: ${r.body}`).toMatchObject({ status: 'applied' });
    return r.json().result as Record<string, unknown>;
  };
  const lastAudit = async () =>
    (
      await s.db.query<{ id: number; action: string; user_id: string }>(
        'select id, action, user_id from audit order by id desc limit 1',
      )
    ).rows[0] ?? { id: 0, action: null, user_id: null };

  it('lists every command type', () => {
    expect(Object.keys(AUDITED).sort()).toEqual(
      commandSchema.options.map((o) => o.shape.type.value).sort(),
    );
  });

  it('writes one audit row, with who, for each applied command that touches money or service', async () => {
    // Twelve $65.00 months paid, then a $185.00 leak month owed, and one $65.00 month past due.
    const bills = await fixtureAccount(s.db, {
      number: 'SM-8500001',
      bills: [
        ...monthEnds('2026-09-01', 12).map((to) => waterBill(to, 10)),
        waterBill('2026-10-01', 40),
      ],
      paidBills: 11,
      pastDue: { cents: 6_500, days: 52, over30: 6_500, over60: 0, over90: 0 },
    });
    for (const n of ['SM-8500002', 'SM-8500003', 'SM-8500004', 'SM-8500005'])
      await fixtureAccount(s.db, { number: n, bills: [waterBill('2026-11-01', 10)] });
    for (const n of ['SM-8500006', 'SM-8500007'])
      await fixtureAccount(s.db, { number: n, status: 'inactive' });
    await fixtureAccount(s.db, { number: 'SM-8500008' });
    // Closed, its final $65.00 bill due 2026-01-26 and unpaid.
    await fixtureAccount(s.db, {
      number: 'SM-8500009',
      status: 'closed',
      bills: [waterBill('2026-01-01', 10)],
    });
    await fixtureAccount(s.db, {
      number: 'SM-8500010',
      pastDue: { cents: 9_000, days: 40, over30: 9_000, over60: 0, over90: 0 },
    });
    const meterId = await fixtureMeter(s.db, 'SM-8500008');
    const read = (date: string, value: number) => ({
      type: 'enterRead',
      accountNumber: 'SM-8500008',
      meterId,
      date,
      value,
      kind: 'actual',
      source: 'desk',
      reader: null,
      troubleCode: null,
      reason: null,
    });
    const a = 'SM-8500001';
    const pending = {
      id: '',
      receipt: '',
      cash: '',
      caseId: '',
      taskId: '',
      letterId: '',
      drawerId: '',
      refundId: '',
      worklistId: '',
    };
    const emptyCount = { cash: [], checks: [], moneyOrders: [] };
    const steps: [CommandType, () => Promise<unknown>][] = [
      ['addNote', () => apply({ type: 'addNote', accountNumber: a, text: 'asked about autopay' })],
      [
        'recordInteraction',
        () =>
          apply({
            type: 'recordInteraction',
            accountNumber: a,
            channel: 'phone',
            reason: 'billing',
            wrapUpCode: 'explained',
            startedAt: '2026-11-17T14:50:00Z',
            answeredAt: '2026-11-17T14:50:05Z',
            endedAt: '2026-11-17T14:58:00Z',
            talkSeconds: 475,
            holdSeconds: 0,
            wrapUpSeconds: 30,
            language: 'en',
            notes: '',
          }),
      ],
      [
        'createArrangement',
        () =>
          apply({
            type: 'createArrangement',
            accountNumber: a,
            kind: 'equal',
            offer: { months: 2 },
          }),
      ],
      [
        'requestServiceOrder',
        () =>
          apply({ type: 'requestServiceOrder', accountNumber: a, orderType: 'reread', notes: '' }),
      ],
      [
        'postAdjustment',
        async () => {
          // 100% of the $185.00 bill: above the agent's limit, it waits for a lead.
          const r = await apply({
            type: 'postAdjustment',
            accountNumber: a,
            kind: 'percentage',
            billId: bills[12],
            percent: '100',
            amountCents: -18_500,
            reason: 'meter misread',
          });
          pending.id = String(r.adjustmentId);
        },
      ],
      [
        'decideAdjustment',
        () =>
          apply(
            {
              type: 'decideAdjustment',
              accountNumber: a,
              adjustmentId: pending.id,
              decision: 'approve',
              reason: 'photo of the meter',
            },
            s.tokens.lead,
          ),
      ],
      ['issueNotice', () => apply({ type: 'issueNotice', accountNumber: a, kind: 'reminder' })],
      [
        'updateContactInfo',
        () =>
          apply({ type: 'updateContactInfo', accountNumber: a, emails: ['holder@example.com'] }),
      ],
      [
        'changeAccountHolder',
        () =>
          apply({
            type: 'changeAccountHolder',
            accountNumber: 'SM-8500002',
            newHolderName: 'Dana Whitfield',
            preferredLanguage: 'en',
            phone: '9495550199',
            effectiveOn: '2026-11-18',
          }),
      ],
      [
        'startService',
        () =>
          apply({
            type: 'startService',
            accountNumber: 'SM-8500006',
            holder: { name: 'Rosa Delgado', preferredLanguage: 'es', phone: '9495550142' },
            class: 'residential',
            startOn: '2026-11-20',
            deposit: {},
          }),
      ],
      [
        'stopService',
        () =>
          apply({
            type: 'stopService',
            accountNumber: 'SM-8500003',
            stopOn: '2026-11-23',
            notes: '',
          }),
      ],
      [
        'transferService',
        () =>
          apply({
            type: 'transferService',
            accountNumber: 'SM-8500004',
            destinationAccountNumber: 'SM-8500007',
            moveOn: '2026-11-24',
          }),
      ],
      [
        'enrollAssistance',
        () =>
          apply({
            type: 'enrollAssistance',
            accountNumber: 'SM-8500005',
            program: 'sb998-low-income',
            household: { annualIncomeCents: 3_000_000, size: 4 },
          }),
      ],
      [
        'recordRightsInformed',
        () =>
          apply({
            type: 'recordRightsInformed',
            accountNumber: a,
            language: 'en',
            channel: 'read',
          }),
      ],
      ['enterRead', () => apply(read('2026-11-10', 5009))],
      [
        'postEstimatedRead',
        () =>
          apply({
            type: 'postEstimatedRead',
            accountNumber: 'SM-8500008',
            meterId,
            date: '2026-11-14',
          }),
      ],
      [
        'resolveReadException',
        async () => {
          const high = await apply(read('2026-11-16', 5100));
          await apply(
            {
              type: 'resolveReadException',
              accountNumber: 'SM-8500008',
              readId: high.readId,
              decision: 'post',
              reason: 'pool filled; customer confirmed',
            },
            s.tokens.lead,
          );
        },
      ],
      [
        'postPayment',
        async () => {
          const r = await apply({
            type: 'postPayment',
            accountNumber: 'SM-8500002',
            amountCents: 4_000,
            tender: { kind: 'check', checkNumber: '1042', bank: 'Pacific Coast Bank' },
            channel: 'mail',
          });
          pending.receipt = String(r.receiptNumber);
        },
      ],
      [
        'reviewBill',
        async () => {
          const { rows } = await s.db.query<{ id: string }>(
            `with run as (insert into bill_runs (utility_id, bill_on, created_by)
                values ('santa-margarita-ca', '2026-11-02', (select id from users where username = 'lead')) returning id)
             insert into bill_drafts (run_id, account_number, period_from, period_to, usage, unit, total_cents, due_on, lines, status, exceptions)
             select id, 'SM-8500005', '2026-10-02', '2026-11-01', 90, 'ccf', 40000, '2026-11-26', '[]', 'review', '{high}' from run
             returning id::text`,
          );
          return apply(
            {
              type: 'reviewBill',
              accountNumber: 'SM-8500005',
              draftId: rows[0].id,
              decision: 'release',
              reason: 'filled a pool',
            },
            s.tokens.lead,
          );
        },
      ],
      [
        'completeFieldOrder',
        async () => {
          const order = await apply({
            type: 'requestServiceOrder',
            accountNumber: 'SM-8500008',
            orderType: 'reread',
            notes: '',
          });
          return apply({
            type: 'completeFieldOrder',
            accountNumber: 'SM-8500008',
            serviceOrderId: String(order.serviceOrderId),
            result: {
              kind: 'reread',
              meterId,
              date: '2026-11-17',
              value: 5016,
              reader: 'J. Field',
              replacesReadId: null,
            },
            photos: [],
          });
        },
      ],
      [
        'transferPayment',
        async () => {
          const r = await apply({
            type: 'postPayment',
            accountNumber: 'SM-8500003',
            amountCents: 1_500,
            tender: { kind: 'cash' },
            channel: 'counter',
          });
          const moved = await apply({
            type: 'transferPayment',
            accountNumber: 'SM-8500003',
            receiptNumber: String(r.receiptNumber),
            toAccountNumber: 'SM-8500004',
            reason: 'keyed to the neighbour’s account',
          });
          pending.cash = String(moved.newReceiptNumber);
        },
      ],
      [
        'reversePayment',
        () =>
          apply({
            type: 'reversePayment',
            accountNumber: 'SM-8500004',
            receiptNumber: pending.cash,
            reason: 'duplicate',
            note: 'the customer paid twice on the same call',
          }),
      ],
      [
        'requestRefund',
        async () => {
          // $215.00 on a $65.00 bill leaves $150.00 of credit: above the agent's $100.00.
          await apply({
            type: 'postPayment',
            accountNumber: 'SM-8500005',
            amountCents: 21_500,
            tender: { kind: 'cash' },
            channel: 'counter',
          });
          const r = await apply({
            type: 'requestRefund',
            accountNumber: 'SM-8500005',
            reason: 'overpayment',
            amountCents: 15_000,
            payee: 'Fixture Holder',
            address: {
              line1: '9 Elm St',
              city: 'Rancho Santa Margarita',
              state: 'CA',
              zip: '92688',
            },
          });
          pending.refundId = String(r.refundId);
        },
      ],
      [
        'decideRefund',
        () =>
          apply(
            {
              type: 'decideRefund',
              accountNumber: 'SM-8500005',
              refundId: pending.refundId,
              decision: 'approve',
              reason: 'paid twice by the customer',
            },
            s.tokens.lead,
          ),
      ],
      [
        'issueRefund',
        () =>
          apply(
            {
              type: 'issueRefund',
              accountNumber: 'SM-8500005',
              refundId: pending.refundId,
              checkNumber: '70001',
              issuedOn: '2026-11-17',
              amountCents: 15_000,
            },
            s.tokens.lead,
          ),
      ],
      [
        'writeOffBalance',
        async () => {
          const settings = getUtility('santa-margarita-ca')!.payments.writeOff;
          const before = settings.daysAfterFinalBill;
          // Not gathered for the utility: a test sets it as the utility would.
          settings.daysAfterFinalBill = 90;
          try {
            await apply({
              type: 'writeOffBalance',
              accountNumber: 'SM-8500009',
              amountCents: 6_500,
              reason: 'moved away, no forwarding address',
            });
          } finally {
            settings.daysAfterFinalBill = before;
          }
        },
      ],
      [
        'returnPayment',
        () =>
          apply(
            {
              type: 'returnPayment',
              accountNumber: 'SM-8500002',
              receiptNumber: pending.receipt,
              amountCents: 4_000,
              reason: 'insufficient-funds',
              returnCode: 'R01',
              returnedOn: '2026-11-17',
            },
            s.tokens.lead,
          ),
      ],
      [
        'openDrawer',
        async () => {
          const r = await apply({
            type: 'openDrawer',
            utilityId: 'santa-margarita-ca',
            floatCents: 0,
          });
          pending.drawerId = String(r.drawerId);
        },
      ],
      [
        'voidPayment',
        async () => {
          const r = await apply({
            type: 'postPayment',
            accountNumber: 'SM-8500005',
            amountCents: 2_000,
            tender: { kind: 'cash' },
            channel: 'counter',
            drawerId: pending.drawerId,
          });
          await apply(
            {
              type: 'voidPayment',
              accountNumber: 'SM-8500005',
              receiptNumber: String(r.receiptNumber),
              reason: 'keyed to the wrong account',
            },
            s.tokens.lead,
          );
        },
      ],
      [
        'closeDrawer',
        () => apply({ type: 'closeDrawer', drawerId: pending.drawerId, count: emptyCount }),
      ],
      [
        'reopenDrawer',
        () =>
          apply(
            { type: 'reopenDrawer', drawerId: pending.drawerId, reason: 'recount asked' },
            s.tokens.lead,
          ),
      ],
      [
        'closeCounterDay',
        async () => {
          await apply({ type: 'closeDrawer', drawerId: pending.drawerId, count: emptyCount });
          await apply(
            { type: 'closeCounterDay', utilityId: 'santa-margarita-ca', businessDay: '2026-11-17' },
            s.tokens.lead,
          );
        },
      ],
      [
        'openCase',
        async () => {
          const r = await apply({
            type: 'openCase',
            accountNumber: a,
            kind: 'dispute',
            description: 'the leak month is too high',
            billId: bills[12],
            disputedCents: 5_000,
            preferredContact: 'mail',
            language: 'en',
            documents: [],
          });
          pending.caseId = String(r.caseId);
        },
      ],
      [
        'addCaseNote',
        () =>
          apply({
            type: 'addCaseNote',
            accountNumber: a,
            caseId: pending.caseId,
            text: 'meter test requested',
            documents: [],
          }),
      ],
      [
        'sendLetter',
        async () => {
          const r = await apply({
            type: 'sendLetter',
            accountNumber: a,
            template: 'case-answer',
            language: 'es',
            caseId: pending.caseId,
            answer: 'El medidor se probó y registra correctamente.',
            delivery: 'mail',
          });
          pending.letterId = String(r.letterId);
        },
      ],
      [
        'recordEmailConsent',
        () =>
          apply({
            type: 'recordEmailConsent',
            accountNumber: a,
            email: 'holder@example.com',
            consent: 'withdrawn',
          }),
      ],
      [
        'closeCase',
        () =>
          apply(
            {
              type: 'closeCase',
              accountNumber: a,
              caseId: pending.caseId,
              resolution: 'denied',
              resolutionText: 'the meter tested accurate',
              letterId: pending.letterId,
            },
            s.tokens.lead,
          ),
      ],
      [
        'createTask',
        async () => {
          const r = await apply({
            type: 'createTask',
            accountNumber: a,
            kind: 'callback',
            assignee: { userId: 'u-agent' },
            dueOn: '2026-11-18',
            note: 'call back about the meter test',
          });
          pending.taskId = String(r.taskId);
        },
      ],
      [
        'completeTask',
        () =>
          apply({
            type: 'completeTask',
            accountNumber: a,
            taskId: pending.taskId,
            status: 'done',
            outcome: 'called, explained the test',
          }),
      ],
      [
        'recordBankruptcy',
        () =>
          apply({
            type: 'recordBankruptcy',
            accountNumber: 'SM-8500005',
            chapter: 13,
            caseNumber: '26-bk-10422',
            court: 'U.S. Bankruptcy Court, C.D. Cal.',
            filedOn: '2026-11-16',
            documentRef: 'scan-8812',
          }),
      ],
      [
        'recordBankruptcyOutcome',
        () =>
          apply({
            type: 'recordBankruptcyOutcome',
            accountNumber: 'SM-8500005',
            outcome: 'assurance-received',
            on: '2026-11-17',
          }),
      ],
      [
        'recordMedicalCertificate',
        () =>
          apply({
            type: 'recordMedicalCertificate',
            accountNumber: a,
            certifiedBy: 'Dr. Ana Ruiz, primary care',
            certifiedOn: '2026-11-16',
            documentRef: 'scan-8813',
          }),
      ],
      [
        'recordLifeSupport',
        () =>
          apply({
            type: 'recordLifeSupport',
            accountNumber: a,
            documentRef: 'scan-8814',
            expiresOn: '2027-11-16',
          }),
      ],
      [
        'recordSb998Condition',
        () =>
          apply({
            type: 'recordSb998Condition',
            accountNumber: a,
            condition: 'financial-inability',
            documentRef: 'medi-cal-card',
            expiresOn: null,
          }),
      ],
      [
        'referUnauthorizedUse',
        () =>
          apply({
            type: 'referUnauthorizedUse',
            accountNumber: 'SM-8500005',
            reason: 'tampering',
            notes: 'meter seal broken',
          }),
      ],
      [
        'recordInvestigationFinding',
        () =>
          apply({
            type: 'recordInvestigationFinding',
            accountNumber: 'SM-8500005',
            finding: 'not-found',
            notes: 'seal broken by the plumber, reported',
          }),
      ],
      [
        'recordPromise',
        () =>
          apply({
            type: 'recordPromise',
            accountNumber: a,
            promisedOn: '2026-11-24',
            amountCents: 6_500,
          }),
      ],
      [
        'buildWorklist',
        async () => {
          const r = await apply(
            {
              type: 'buildWorklist',
              name: 'over 30 days',
              criteria: { utilityId: 'santa-margarita-ca', buckets: ['31-60'] },
            },
            s.tokens.lead,
          );
          pending.worklistId = String(r.worklistId);
        },
      ],
      [
        'assignWorklist',
        () =>
          apply(
            {
              type: 'assignWorklist',
              worklistId: pending.worklistId,
              to: { kind: 'agents', agents: ['u-agent'] },
            },
            s.tokens.lead,
          ),
      ],
      [
        'recordCallOutcome',
        async () => {
          // The server's clock is before calling hours: the offer's lease is written as next gives it.
          await s.db.query(
            "update worklist_entries set leased_by = 'u-agent' where worklist_id = $1 and account_number = 'SM-8500010'",
            [pending.worklistId],
          );
          return apply({
            type: 'recordCallOutcome',
            worklistId: pending.worklistId,
            accountNumber: 'SM-8500010',
            outcome: 'no-answer',
          });
        },
      ],
      // Last: the rebill's credit counts in the agent's total with the money moves above.
      [
        'cancelRebill',
        async () => {
          // A Philadelphia meter read 1 Mcf a day, billed 31 for a 30-day period: rebilled at 30.
          await fixtureAccount(s.db, { number: 'PH-8500009', utilityId: 'philadelphia-water-pa' });
          await fixtureMeter(s.db, 'PH-8500009');
          const { rows } = await s.db.query<{ id: string }>(
            `insert into bills (account_number, period_from, period_to, usage, unit, total_cents, due_on, lines)
             values ('PH-8500009', '2026-10-02', '2026-11-01', 31, 'mcf', 241581, '2026-11-26', '[]') returning id::text`,
          );
          return apply({
            type: 'cancelRebill',
            accountNumber: 'PH-8500009',
            billId: rows[0].id,
            reason: 'typed 31 for 30',
          });
        },
      ],
    ];
    expect(steps.map(([t]) => t).sort()).toEqual(Object.keys(AUDITED).sort());
    for (const [type, step] of steps) {
      const before = await lastAudit();
      await step();
      const after = await lastAudit();
      const expected = AUDITED[type];
      if (expected === null) {
        expect(after.id, type).toBe(before.id);
      } else {
        expect([type, after.action], type).toEqual([type, expected]);
        expect(after.id).toBeGreaterThan(before.id);
        expect(after.user_id).toBe(
          [
            'decideAdjustment',
            'resolveReadException',
            'returnPayment',
            'closeCase',
            'voidPayment',
            'reopenDrawer',
            'closeCounterDay',
            'decideRefund',
            'issueRefund',
            'buildWorklist',
            'assignWorklist',
            'reviewBill',
          ].includes(type)
            ? 'u-lead'
            : 'u-agent',
        );
      }
    }
  });
});
