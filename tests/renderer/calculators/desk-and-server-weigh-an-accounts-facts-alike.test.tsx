// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import { accountDetail, type Command, LATE_FEE_LINE } from '../../../shared/cis';
import { Temporal } from '../../../shared/dates';
import { formatMoney, formatPlainDate } from '../../../shared/i18n/format';
import type { AccountView } from '../../../shared/ipc';
import { getUtilityProfile } from '../../../shared/rates';
import { getFieldServiceProfile } from '../../../shared/service';
import {
  fixtureAccount,
  freshDb,
  monthEnds,
  type StoredLine,
  type TestDb,
  waterBill,
} from '../../server/support';
import { renderWith, tidy } from '../support/render';
import { button, field, panelRequest } from './panel-support';

/**
 * One account, two paths: the desk's panel over the detail the central system serves (what the
 * desk caches), and the central system's own decision on the command the panel would send, on
 * the same day. For each fact — an arrangement's standing, a medical certificate, life support,
 * the late-charge waiver, a leak's history, a premise's bills for a deposit — the two must say
 * the same thing, rule by rule, at the day a fact turns.
 *
 * Santa Margarita Water District (SB 998): an installment unpaid 60 days past its due date breaks
 * the plan; a medical certificate on file protects, with financial inability and a plan, while it
 * has not expired; life support does not hold a shut-off by itself.
 */
describe('the desk and the central system weigh an account’s facts alike', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let token = '';
  /** The day both sides decide on: the server's today, and the desk's clock at 11 a.m. there. */
  let day = '2026-10-27';
  const noon = () => new Date(`${day}T18:00:00Z`);

  beforeAll(async () => {
    t = await freshDb('pglite');
    await migrate(t.db);
    await seedUsers(t.db);
    app = await buildServer({
      db: t.db,
      now: noon,
      today: () => Temporal.PlainDate.from(day),
    });
    const r = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { username: 'agent', password: TRAINING_PASSWORD },
    });
    token = (r.json() as { token: string }).token;
  }, 180_000);
  afterAll(async () => {
    vi.useRealTimers();
    await app?.close();
    await t?.drop();
  });
  afterEach(tidy);

  const on = (d: string) => {
    day = d;
    vi.useFakeTimers({ now: noon(), toFake: ['Date'], shouldAdvanceTime: true });
  };

  /** The account as the desk receives it: the served detail, checked by the desk's own schema. */
  const deskView = async (number: string): Promise<AccountView> => {
    const r = await app.inject({
      method: 'GET',
      url: `/accounts/${number}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const detail = accountDetail.parse(r.json());
    const p = getUtilityProfile(detail.header.utilityId)!;
    return {
      header: detail.header,
      utility: {
        id: p.id,
        name: p.name,
        unit: p.unit,
        illustrative: p.illustrative,
        effective: p.effective,
        usageThresholds: p.usageThresholds,
        timeZone: getFieldServiceProfile(p.id)?.timeZone,
      },
      detail,
      fetchedAt: Date.now(),
      stale: false,
    };
  };

  const send = async (command: Command) => {
    const r = await app.inject({
      method: 'POST',
      url: '/commands',
      headers: { authorization: `Bearer ${token}` },
      payload: { command },
    });
    return r.json() as { status: string; result?: Record<string, unknown>; details?: unknown };
  };

  /** The decision the central system audited last on an account: its rules, and its earliest day. */
  const lastAudit = async (number: string) => {
    const { rows } = await t.db.query<{
      action: string;
      details: { earliest?: string | null; rules: { outcome: string; citation: string }[] };
    }>('select action, details from audit where account_number = $1 order by id desc limit 1', [
      number,
    ]);
    return rows[0];
  };

  /** A rule as both sides can name it: its outcome and the rule it cites. */
  const ruleOf = (li: Element) =>
    `${[...li.classList].find((c) => c !== 'rule')}: ${li.querySelector('.citation [lang="en"]')?.textContent}`;
  const auditedRules = (rules: { outcome: string; citation: string }[]) =>
    rules.map((r) => `${r.outcome}: ${r.citation}`).sort();

  /** 75 days past due, a disconnection notice served long ago: only the facts under test decide. */
  const pastDue = async (
    number: string,
    o: Pick<Parameters<typeof fixtureAccount>[1], 'medicalCertificate' | 'lifeSupport'> = {},
  ) => {
    await fixtureAccount(t.db, {
      number,
      bills: monthEnds('2026-08-01', 12).map((to) => waterBill(to, 10)),
      paidBills: 10,
      pastDue: { cents: 13_000, days: 75, over30: 13_000, over60: 6_500, over90: 0 },
      ...o,
    });
    await t.db.query(
      `insert into notices (id, account_number, kind, issued_on, amount_cents, status)
       values ($1, $2, 'disconnection', '2026-09-15', 13000, 'open')`,
      [`n-${number}`, number],
    );
  };

  describe('disconnection', () => {
    /** What the panel shows: its verdict and every rule with its outcome. */
    const deskDecides = async (number: string, screened?: 'both') => {
      await renderWith(<Panels request={panelRequest('disconnection')} />, {
        view: await deskView(number),
      });
      const section = (await screen.findByRole('heading', { name: 'May service be disconnected?' }))
        .parentElement!;
      if (screened) {
        fireEvent.click(field('Someone in the household receives public assistance'));
        fireEvent.click(field('The customer is willing to enter a payment plan'));
      }
      const verdict = within(section).getAllByRole('status')[0].textContent ?? '';
      const rules = [...section.querySelectorAll('li.rule')].map(ruleOf).sort();
      tidy();
      return { verdict, rules };
    };
    /** What the central system decides on the field disconnection the panel would ask for. */
    const serverDecides = async (number: string, screened?: 'both') => {
      const outcome = await send({
        type: 'requestServiceOrder',
        accountNumber: number,
        orderType: 'field-disconnect',
        notes: 'past due',
        screening: { publicAssistance: !!screened, willingToEnterPlan: !!screened },
      });
      const decided = await lastAudit(number);
      expect(['disconnectionScheduled', 'disconnectionRefused']).toContain(decided.action);
      const earliest = decided.details.earliest ?? null;
      const verdict =
        outcome.status === 'applied'
          ? 'Yes: every rule allows a disconnection today.'
          : earliest
            ? `Not now: the earliest date is ${formatPlainDate(Temporal.PlainDate.from(earliest), 'en', 'long')}.`
            : 'No: the rules below do not allow it.';
      return { verdict, rules: auditedRules(decided.details.rules) };
    };

    it('an active plan protects through the last day of the grace after a missed installment, and not the day after', async () => {
      await pastDue('SM-7700001');
      // Made 2026-08-20; the first installment fell due 2026-08-28 and was never paid: with 60
      // days' grace it breaks the plan after 2026-10-27.
      await t.db.query(
        `insert into arrangements (id, account_number, kind, status, created_on, down_payment_cents, total_cents, installments)
         values ('a-7700001', 'SM-7700001', 'equal', 'active', '2026-08-20', 0, 13000, $1)`,
        [
          JSON.stringify([
            { number: 1, due: '2026-08-28', amountCents: 6_500 },
            { number: 2, due: '2026-09-28', amountCents: 6_500 },
          ]),
        ],
      );
      on('2026-10-27');
      const lastDay = { desk: await deskDecides('SM-7700001') };
      const lastDayServer = await serverDecides('SM-7700001');
      expect(lastDay.desk.verdict).toBe('No: the rules below do not allow it.');
      expect(lastDay.desk).toEqual(lastDayServer);

      on('2026-10-28');
      const after = await deskDecides('SM-7700001');
      const afterServer = await serverDecides('SM-7700001');
      expect(afterServer.verdict).toBe('Yes: every rule allows a disconnection today.');
      expect(after).toEqual(afterServer);
    });

    it('a plan paid on time keeps protecting past the grace of its first installment', async () => {
      await pastDue('SM-7700002');
      await t.db.query(
        `insert into arrangements (id, account_number, kind, status, created_on, down_payment_cents, total_cents, installments)
         values ('a-7700002', 'SM-7700002', 'equal', 'active', '2026-08-20', 0, 13000, $1)`,
        [
          JSON.stringify([
            { number: 1, due: '2026-08-28', amountCents: 6_500 },
            { number: 2, due: '2026-12-28', amountCents: 6_500 },
          ]),
        ],
      );
      // Paid on its due date: a payment before the plan was made counts for nothing.
      await t.db.query(
        `insert into payments (account_number, paid_on, amount_cents, tender, status) values
           ('SM-7700002', '2026-08-28', 6500, 'ach', 'posted'),
           ('SM-7700002', '2026-08-19', 13000, 'ach', 'returned')`,
      );
      on('2026-10-28');
      const desk = await deskDecides('SM-7700002');
      expect(desk.verdict).toBe('No: the rules below do not allow it.');
      expect(desk).toEqual(await serverDecides('SM-7700002'));
    });

    it('a medical certificate protects on its last day and not the day after; life support asks for one', async () => {
      await pastDue('SM-7700003', {
        medicalCertificate: { certifiedOn: '2026-07-01', expiresOn: '2026-10-27' },
        lifeSupport: true,
      });
      on('2026-10-27');
      const lastDay = await deskDecides('SM-7700003', 'both');
      expect(lastDay.verdict).toBe('No: the rules below do not allow it.');
      expect(lastDay).toEqual(await serverDecides('SM-7700003', 'both'));

      on('2026-10-28');
      // Expired, the certificate is no longer asked about: nothing is screened.
      const after = await deskDecides('SM-7700003');
      expect(after.verdict).toBe('Yes: every rule allows a disconnection today.');
      expect(after).toEqual(await serverDecides('SM-7700003'));
    });
  });

  describe('adjustments', () => {
    /** The panel's credit, whether it may post, and its rules, for the bill it offers first. */
    const deskComputes = async (number: string, prefill: Record<string, string | boolean>) => {
      await renderWith(<Panels request={panelRequest('adjustment', prefill)} />, {
        view: await deskView(number),
      });
      const result = document.querySelector<HTMLElement>('.panel-result')!;
      const amount = within(result).getByText(/^Credit: /).textContent;
      const rules = [...result.querySelectorAll('li.rule')].map(ruleOf).sort();
      const allowed = !button('Post the adjustment').disabled;
      const billId = (field('Bill') as unknown as HTMLSelectElement).value;
      tidy();
      return { amount, allowed, rules, billId };
    };
    /** The central system's answer to the adjustment the panel would post, and its audited rules. */
    const serverComputes = async (number: string, command: Command) => {
      const outcome = await send(command);
      const audited = await lastAudit(number);
      return { allowed: outcome.status === 'applied', rules: auditedRules(audited.details.rules) };
    };

    it('a late charge’s low-income waiver: given within 12 months on the last day, available the day after', async () => {
      const late: StoredLine = [LATE_FEE_LINE, 'lines.lateFee', '1', 'bill', '6.50', 650, 0, {}];
      const waived: StoredLine = [
        'late-fee-waived',
        'lines.lateFeeWaived',
        '1',
        'bill',
        '-6.50',
        -650,
        0,
        {},
      ];
      const months = monthEnds('2026-10-01', 12);
      await fixtureAccount(t.db, {
        number: 'SM-7700004',
        // The oldest bill's charge was waived on it (2025-11-01); the latest carries one owed.
        bills: months.map((to, i) => {
          const bill = waterBill(to, 10);
          if (i === 0) bill.lines.push(late, waived);
          if (i === months.length - 1) bill.lines.push(late);
          return bill;
        }),
        paidBills: 11,
      });
      // Screened at 150% of the poverty guideline: below SB 998's 200%.
      await t.db.query(
        `insert into enrollments (id, account_number, program, enrolled_on, status, household_size, annual_income_cents, percent_of_poverty)
         values ('e-7700004', 'SM-7700004', 'sb998-low-income', '2026-01-10', 'active', 4, 4950000, 150)`,
      );
      const seen: string[][] = [];
      for (const d of ['2026-10-31', '2026-11-01']) {
        on(d);
        const desk = await deskComputes('SM-7700004', {
          kind: 'late-fee-reversal',
          reason: 'Paid late once',
        });
        expect(desk.amount).toBe('Credit: $6.50');
        const server = await serverComputes('SM-7700004', {
          type: 'postAdjustment',
          accountNumber: 'SM-7700004',
          kind: 'late-fee-reversal',
          billId: desk.billId,
          amountCents: -650,
          reason: 'Paid late once',
        });
        expect({ allowed: desk.allowed, rules: desk.rules }).toEqual(server);
        seen.push(desk.rules);
        // Taken back, so the next day weighs the same record.
        await t.db.query(`delete from adjustments where account_number = 'SM-7700004'`);
      }
      // The waiver's rule turned between the two days.
      expect(seen[0]).not.toEqual(seen[1]);
    });

    it('a leak credit on the use above the months before the bill, at the bill’s top rate', async () => {
      const months = monthEnds('2026-10-01', 14);
      await fixtureAccount(t.db, {
        number: 'SM-7700005',
        bills: months.map((to, i) =>
          waterBill(to, i === months.length - 1 ? 31 : 8 + (i % 4), '4.25'),
        ),
        paidBills: 13,
      });
      on('2026-10-20');
      const desk = await deskComputes('SM-7700005', {
        kind: 'leak',
        proofOfRepair: true,
        reason: 'Burst pipe, repaired',
      });
      const cents = -Math.round(Number(desk.amount!.replace(/[^0-9.]/g, '')) * 100);
      const server = await serverComputes('SM-7700005', {
        type: 'postAdjustment',
        accountNumber: 'SM-7700005',
        kind: 'leak',
        billId: desk.billId,
        proofOfRepair: true,
        amountCents: cents,
        reason: 'Burst pipe, repaired',
      });
      expect(server.allowed).toBe(true);
      expect({ allowed: desk.allowed, rules: desk.rules }).toEqual(server);
    });
  });

  it('a deposit averages every bill at the premise, an earlier holder’s too', async () => {
    // The earlier holder used 20 CCF a month until August; the last holder 5 CCF since.
    await fixtureAccount(t.db, {
      number: 'SM-7700006',
      status: 'closed',
      bills: monthEnds('2026-08-01', 10).map((to) => waterBill(to, 20)),
      paidBills: 10,
    });
    await fixtureAccount(t.db, {
      number: 'SM-7700007',
      status: 'inactive',
      bills: monthEnds('2026-10-01', 2).map((to) => waterBill(to, 5)),
      paidBills: 2,
    });
    await t.db.query(`update accounts set premise_id = 'p-SM-7700006' where number = 'SM-7700007'`);
    on('2026-10-20');
    await renderWith(<Panels request={panelRequest('start-service')} />, {
      view: await deskView('SM-7700007'),
    });
    const desk = (await screen.findByText(/^Deposit due: /)).textContent;
    tidy();
    const outcome = await send({
      type: 'startService',
      accountNumber: 'SM-7700007',
      holder: { name: 'Rosa Ibarra', preferredLanguage: 'es', phone: '9495550177' },
      class: 'residential',
      startOn: '2026-10-21',
      deposit: {},
    });
    const deposit = (outcome.result as { deposit: { amountCents: number; waived: boolean } })
      .deposit;
    expect(deposit.waived).toBe(false);
    expect(desk).toBe(`Deposit due: ${formatMoney(deposit.amountCents, 'en')}`);
  });
});
