import {
  correctedForAccuracy,
  meterTestVerdict,
  periodUse,
} from '../../../shared/usage/bill-review';
import { registerPlaces, validateRead } from '../../../shared/usage/validate-read';
import { type RebillCause, ratedAgain, rebill, storedLines } from '../../bills/rebill';
import { billReviewSettingsOf } from '../../bills/settings';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
} from '../context';
import { fileOrder } from '../field-orders';
import { Rejection } from '../rejection';
import { postedReads, readWindowOf } from './reads';

/** A lead's decision on a bill in the review queue: release it, hold it, or send a reader. */
export const reviewBill: Handler<'reviewBill'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{ id: string; status: string; exceptions: string[] }>(
    'select id::text, status, exceptions from bill_drafts where id::text = $1 and account_number = $2 for update',
    [command.draftId, account.number],
  );
  const draft = rows[0];
  if (!draft) throw new Rejection('cis:rejected.noSuchDraft', { draftId: command.draftId });
  if (draft.status !== 'review' && draft.status !== 'held')
    throw new Rejection('cis:rejected.draftNotInQueue', { status: draft.status });
  let billId: string | null = null;
  let serviceOrderId: string | null = null;
  if (command.decision === 'release') {
    const issued = await ctx.tx.query<{ id: string }>(
      `insert into bills (account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines)
       select account_number, period_from, period_to, usage, unit, estimated, total_cents, due_on, lines
         from bill_drafts where id = $1 returning id::text`,
      [draft.id],
    );
    billId = issued.rows[0].id;
  } else if (command.decision === 'reread') {
    // The read the draft ends on is the one the reader checks.
    const { rows: read } = await ctx.tx.query<{ id: string }>(
      `select r.id::text from reads r join bill_drafts d on d.account_number = r.account_number
        where d.id = $1 and r.read_on = d.period_to and r.status = 'posted' order by r.id desc limit 1`,
      [draft.id],
    );
    const order = await fileOrder(ctx, account, 'reread', `Reread: ${command.reason}`);
    serviceOrderId = order.serviceOrderId;
    await ctx.tx.query('update service_orders set read_id = $2 where id = $1', [
      serviceOrderId,
      read[0]?.id ?? null,
    ]);
  }
  const status = ({ release: 'released', hold: 'held', reread: 'reread' } as const)[
    command.decision
  ];
  await ctx.tx.query(
    `update bill_drafts set status = $2, decided_by = $3, decided_at = $4, decision_reason = $5,
            bill_id = $6, service_order_id = $7 where id = $1`,
    [draft.id, status, ctx.principal.userId, ctx.now, command.reason, billId, serviceOrderId],
  );
  await audit(ctx, 'billReviewed', account.number, {
    draftId: draft.id,
    decision: command.decision,
    reason: command.reason,
    exceptions: draft.exceptions,
    billId,
    serviceOrderId,
  });
  await changed(ctx, account.number, 'bill', command.decision === 'release');
  return { status, billId, serviceOrderId };
};

interface MeterRow {
  id: string;
  dials: number;
  multiplier: number;
  installed_on: string;
}

async function meterRow(ctx: Applying, account: AccountRow, meterId: string) {
  const { rows } = await ctx.tx.query<MeterRow>(
    "select id, dials, multiplier, to_char(installed_on, 'YYYY-MM-DD') as installed_on from meters where id = $1 and account_number = $2 and removed_on is null",
    [meterId, account.number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchMeter', { meterId });
  return rows[0];
}

/** The bill's period use from the meter's posted reads as they stand now. */
async function usageNow(ctx: Applying, meter: MeterRow, bill: { from: string; to: string }) {
  const reads = await postedReads(ctx, meter.id);
  const use = periodUse(reads, bill, meter, registerPlaces(reads));
  if (!use) throw new Rejection('cis:rejected.noReadsForPeriod', bill);
  return use;
}

async function billsOf(ctx: Applying, account: AccountRow, where: string, params: unknown[]) {
  const { rows } = await ctx.tx.query<{ id: string; from: string; to: string; usage: string }>(
    `select id::text, to_char(period_from, 'YYYY-MM-DD') as "from", to_char(period_to, 'YYYY-MM-DD') as "to",
            usage::text from bills where account_number = $1 and ${where} order by period_to`,
    [account.number, ...params],
  );
  return rows;
}

/** Bills again each bill from the reads as they stand now, when its use changed. */
async function rebillFromReads(
  ctx: Applying,
  account: AccountRow,
  meter: MeterRow,
  bills: { id: string; from: string; to: string; usage: string }[],
  cause: RebillCause,
  reason: string,
) {
  const out = [];
  for (const b of bills) {
    const use = await usageNow(ctx, meter, b);
    out.push(
      await rebill(ctx, account, {
        billId: b.id,
        usage: use.usage,
        cause,
        reason,
        basis: { from: use.from, to: use.to, prorated: use.prorated },
      }),
    );
  }
  return out;
}

/**
 * Drafts held for this reread are priced again from the corrected reads and go back to the
 * review queue's next check (status new).
 */
async function rerateDrafts(ctx: Applying, account: AccountRow, meter: MeterRow, orderId: string) {
  const { rows } = await ctx.tx.query<{
    id: string;
    period_from: string;
    period_to: string;
    unit: string;
  }>(
    `select id::text, to_char(period_from, 'YYYY-MM-DD') as period_from, to_char(period_to, 'YYYY-MM-DD') as period_to, unit
       from bill_drafts where service_order_id = $1 and status = 'reread' for update`,
    [orderId],
  );
  for (const d of rows) {
    const use = await usageNow(ctx, meter, { from: d.period_from, to: d.period_to });
    const rated = await ratedAgain(ctx, account, d, use.usage);
    await ctx.tx.query(
      `update bill_drafts set usage = $2, total_cents = $3, lines = $4, rate_changed = $5, status = 'new',
              exceptions = '{}' where id = $1`,
      [
        d.id,
        rated.usage.quantity,
        rated.totalCents,
        JSON.stringify(storedLines(rated)),
        rated.split,
      ],
    );
  }
}

/** A bill found wrong, billed again from the reads posted now. */
export const cancelRebill: Handler<'cancelRebill'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const [bill] = await billsOf(ctx, account, 'id::text = $2', [command.billId]);
  if (!bill) throw new Rejection('cis:rejected.noSuchBill', { billId: command.billId });
  const { rows } = await ctx.tx.query<{ id: string }>(
    'select id from meters where account_number = $1 and removed_on is null order by installed_on desc limit 1',
    [account.number],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchMeter', { meterId: null });
  const meter = await meterRow(ctx, account, rows[0].id);
  const [outcome] = await rebillFromReads(
    ctx,
    account,
    meter,
    [bill],
    'correction',
    command.reason,
  );
  return outcome;
};

/**
 * A field order come back: its result kept with the order (photos as attachment references),
 * and what it implies. A reread's read replaces the misread the order was filed for, and the
 * bills that ended on it are billed again; a meter that tests fast beyond the utility's
 * tolerance has its bills of the refund period billed again at the use it really saw; a meter
 * change closes the old meter with its final read and sets the new one with its first.
 */
export const completeFieldOrder: Handler<'completeFieldOrder'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{
    id: string;
    type: string;
    status: string;
    read_id: string | null;
  }>(
    'select id, type, status, read_id::text from service_orders where id = $1 and account_number = $2 for update',
    [command.serviceOrderId, account.number],
  );
  const order = rows[0];
  if (!order)
    throw new Rejection('cis:rejected.noSuchOrder', { serviceOrderId: command.serviceOrderId });
  if (order.status !== 'open' && order.status !== 'scheduled')
    throw new Rejection('cis:rejected.orderNotOpen', { status: order.status });
  const result = command.result;
  const fits: Record<string, string[]> = {
    reread: ['reread', 'final-read'],
    'meter-test': ['meter-test'],
    'meter-change': ['meter-test'],
    'leak-investigation': ['leak-investigation'],
  };
  if (!fits[result.kind].includes(order.type))
    throw new Rejection('cis:rejected.resultNotForOrder', {
      kind: result.kind,
      orderType: order.type,
    });
  if ('date' in result && result.date > ctx.today.toString())
    throw new Rejection('cis:rejected.read.in-future', { code: 'in-future' });
  const settings = await billReviewSettingsOf(ctx.tx, account.utility_id);
  let readId: string | null = null;
  let verdict: ReturnType<typeof meterTestVerdict> | null = null;
  let rebills: Awaited<ReturnType<typeof rebill>>[] = [];
  const reason = `Field order ${order.id}: ${result.kind}`;

  if (result.kind === 'reread') {
    const meter = await meterRow(ctx, account, result.meterId);
    const misreadId = order.read_id ?? result.replacesReadId;
    const misread = misreadId
      ? (
          await ctx.tx.query<{ id: string; read_on: string; meter_id: string }>(
            "select id::text, to_char(read_on, 'YYYY-MM-DD') as read_on, meter_id from reads where id = $1 and account_number = $2",
            [misreadId, account.number],
          )
        ).rows[0]
      : undefined;
    if (misreadId && !misread)
      throw new Rejection('cis:rejected.noSuchRead', { readId: misreadId });
    if (misread && misread.meter_id !== meter.id)
      throw new Rejection('cis:rejected.noSuchMeter', { meterId: result.meterId });
    // The misread leaves the billable history before the reread is checked against it.
    if (misread)
      await ctx.tx.query("update reads set status = 'rejected' where id = $1", [misread.id]);
    const v = validateRead(
      { dials: meter.dials, multiplier: meter.multiplier, installedOn: meter.installed_on },
      await postedReads(ctx, meter.id),
      { date: result.date, value: result.value, kind: 'actual' },
      { today: ctx.today.toString(), occupied: true, window: readWindowOf(account.utility_id) },
    );
    const refused = v.findings.find((f) => f.severity === 'refused');
    if (refused) throw new Rejection(`cis:rejected.read.${refused.code}`, { ...refused });
    const { rows: inserted } = await ctx.tx.query<{ id: string }>(
      `insert into reads (meter_id, account_number, read_on, value, kind, source, status, reader, reason,
         findings, entered_by, entered_at)
       values ($1, $2, $3, $4, 'actual', 'field', 'posted', $5, $6, $7, $8, $9) returning id::text`,
      [
        meter.id,
        account.number,
        result.date,
        result.value,
        result.reader,
        reason,
        JSON.stringify(v.findings),
        ctx.principal.userId,
        ctx.now,
      ],
    );
    readId = inserted[0].id;
    if (misread) {
      await ctx.tx.query('update reads set replaced_by = $2 where id = $1', [misread.id, readId]);
      const bills = await billsOf(ctx, account, 'period_to = $2::date', [misread.read_on]);
      rebills = await rebillFromReads(ctx, account, meter, bills, 'reread', reason);
      await rerateDrafts(ctx, account, meter, order.id);
    }
  } else if (result.kind === 'meter-test') {
    const meter = await meterRow(ctx, account, result.meterId);
    verdict = meterTestVerdict(result.accuracyPercent, settings.meterTestTolerancePercent);
    if (verdict === 'fast' && settings.fastMeterRefundMonths !== null) {
      const since = ctx.today.subtract({ months: settings.fastMeterRefundMonths }).toString();
      const bills = await billsOf(ctx, account, 'period_to > $2::date and period_to <= $3::date', [
        since,
        result.testedOn,
      ]);
      const places = registerPlaces(await postedReads(ctx, meter.id));
      for (const b of bills) {
        rebills.push(
          await rebill(ctx, account, {
            billId: b.id,
            usage: correctedForAccuracy(b.usage, result.accuracyPercent, places),
            cause: 'meter-test',
            reason,
            basis: { accuracyPercent: result.accuracyPercent, registered: b.usage },
          }),
        );
      }
    }
  } else if (result.kind === 'meter-change') {
    const meter = await meterRow(ctx, account, result.meterId);
    const v = validateRead(
      { dials: meter.dials, multiplier: meter.multiplier, installedOn: meter.installed_on },
      await postedReads(ctx, meter.id),
      { date: result.date, value: result.finalRead, kind: 'actual' },
      { today: ctx.today.toString(), occupied: true, window: readWindowOf(account.utility_id) },
    );
    const refused = v.findings.find((f) => f.severity === 'refused');
    if (refused) throw new Rejection(`cis:rejected.read.${refused.code}`, { ...refused });
    const { rows: taken } = await ctx.tx.query('select 1 from meters where id = $1', [
      result.newMeterId,
    ]);
    if (taken.length)
      throw new Rejection('cis:rejected.meterExists', { meterId: result.newMeterId });
    const { rows: sp } = await ctx.tx.query<{
      service_point_id: string;
      type: string;
      multiplier: number;
    }>('select service_point_id, type, multiplier from meters where id = $1', [meter.id]);
    await ctx.tx.query(
      `insert into reads (meter_id, account_number, read_on, value, kind, source, status, reason, findings,
         entered_by, entered_at)
       values ($1, $2, $3, $4, 'actual', 'field', 'posted', $5, $6, $7, $8)`,
      [
        meter.id,
        account.number,
        result.date,
        result.finalRead,
        `${reason} (final)`,
        JSON.stringify(v.findings),
        ctx.principal.userId,
        ctx.now,
      ],
    );
    await ctx.tx.query('update meters set removed_on = $2 where id = $1', [meter.id, result.date]);
    await ctx.tx.query(
      `insert into meters (id, account_number, service_point_id, size, type, multiplier, dials, installed_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        result.newMeterId,
        account.number,
        sp[0].service_point_id,
        result.newSize,
        sp[0].type,
        sp[0].multiplier,
        result.newDials,
        result.date,
      ],
    );
    const { rows: first } = await ctx.tx.query<{ id: string }>(
      `insert into reads (meter_id, account_number, read_on, value, kind, source, status, reason, findings,
         entered_by, entered_at)
       values ($1, $2, $3, $4, 'actual', 'field', 'posted', $5, '[]', $6, $7) returning id::text`,
      [
        result.newMeterId,
        account.number,
        result.date,
        result.firstRead,
        `${reason} (first)`,
        ctx.principal.userId,
        ctx.now,
      ],
    );
    readId = first[0].id;
  }
  await ctx.tx.query(
    `update service_orders set status = 'completed', result = $2, completed_by = $3, completed_at = $4
      where id = $1`,
    [
      order.id,
      JSON.stringify({ ...result, photos: command.photos, verdict, readId }),
      ctx.principal.userId,
      ctx.now,
    ],
  );
  await audit(ctx, 'fieldOrderCompleted', account.number, {
    serviceOrderId: order.id,
    orderType: order.type,
    result,
    photos: command.photos,
    readId,
    verdict,
    tolerancePercent: settings.meterTestTolerancePercent,
    refundMonths: settings.fastMeterRefundMonths,
    settingsSource: settings.source,
    rebills: rebills.map((r) => ({
      billId: r.billId,
      version: r.version,
      status: r.status,
      differenceCents: r.differenceCents,
    })),
  });
  await changed(ctx, account.number, 'serviceOrder', true);
  return { serviceOrderId: order.id, readId, verdict, rebills };
};
