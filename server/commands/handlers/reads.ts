import type { CommandOf } from '../../../shared/cis';
import { Dec } from '../../../shared/money';
import { consumptionHistory, estimateUsage, type MeterRead } from '../../../shared/usage';
import {
  type ReadValidation,
  type ReadWindow,
  registerPlaces,
  validateRead,
} from '../../../shared/usage/validate-read';
import { getUtility } from '../../../shared/utilities';
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

interface MeterRow {
  id: string;
  dials: number;
  multiplier: number;
  installed_on: string;
}

/** The account's meter, or a refusal naming it: a read is never booked on another's meter. */
async function meterOf(ctx: Applying, account: AccountRow, meterId: string) {
  const { rows } = await ctx.tx.query<MeterRow>(
    "select id, dials, multiplier, to_char(installed_on, 'YYYY-MM-DD') as installed_on from meters where id = $1 and account_number = $2",
    [meterId, account.number],
  );
  const m = rows[0];
  if (!m) throw new Rejection('cis:rejected.noSuchMeter', { meterId });
  return { dials: m.dials, multiplier: m.multiplier, installedOn: m.installed_on };
}

/** The meter's billable reads (posted), oldest first: what a new read is checked against. */
export async function postedReads(ctx: { tx: Applying['tx'] }, meterId: string) {
  const { rows } = await ctx.tx.query<{ date: string; value: string; kind: MeterRead['kind'] }>(
    `select to_char(read_on, 'YYYY-MM-DD') as date, value, kind from reads
      where meter_id = $1 and status = 'posted' order by read_on`,
    [meterId],
  );
  return rows.map((r) => ({ date: r.date, value: Number(r.value), kind: r.kind }));
}

/** The utility's read window: the usage thresholds of its rate profile (a utility setting). */
export function readWindowOf(utilityId: string): ReadWindow {
  const utility = getUtility(utilityId);
  if (!utility) throw new Rejection('cis:rejected.noPolicy', { utilityId });
  const { highRatio, lowRatio } = utility.rates.usageThresholds;
  return { highRatio, lowRatio };
}

async function occupied(ctx: Applying, account: AccountRow): Promise<boolean> {
  const { rows } = await ctx.tx.query<{ vacant: boolean }>(
    'select vacant from premises where id = $1',
    [account.premise_id],
  );
  return account.status === 'active' && !rows[0]?.vacant;
}

/** A read the checks refuse outright, named by its first finding. */
function refusal(v: ReadValidation): Rejection {
  const first = v.findings.find((f) => f.severity === 'refused');
  return new Rejection(`cis:rejected.read.${first?.code ?? 'refused'}`, { ...first });
}

/**
 * A read entered at the desk or from a route file: checked at once against the meter's history
 * (shared/usage validateRead). A read that needs a reason posts with one; without one it waits
 * in the exception queue, kept but never billed until a reviewer decides.
 */
export async function applyRead(
  ctx: Applying,
  command: Omit<CommandOf<'enterRead'>, 'type'>,
  routeRunId: number | null = null,
) {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const meter = await meterOf(ctx, account, command.meterId);
  const v = validateRead(meter, await postedReads(ctx, command.meterId), command, {
    today: ctx.today.toString(),
    occupied: await occupied(ctx, account),
    window: readWindowOf(account.utility_id),
  });
  if (!v.acceptable) throw refusal(v);
  const status = v.needsReason && !command.reason ? 'exception' : 'posted';
  const { rows } = await ctx.tx.query<{ id: string }>(
    `insert into reads (meter_id, account_number, read_on, value, kind, source, status, reader, trouble_code,
       reason, findings, entered_by, entered_at, route_run_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
    [
      command.meterId,
      account.number,
      command.date,
      command.value,
      command.kind,
      command.source,
      status,
      command.reader,
      command.troubleCode,
      command.reason,
      JSON.stringify(v.findings),
      ctx.principal.userId,
      ctx.now,
      routeRunId,
    ],
  );
  const readId = String(rows[0].id);
  await audit(ctx, 'readEntered', account.number, {
    readId,
    meterId: command.meterId,
    date: command.date,
    value: command.value,
    source: command.source,
    status,
    reason: command.reason,
    findings: v.findings.map((f) => f.code),
  });
  await changed(ctx, account.number, 'read', false);
  return { readId, status, usage: v.usage, findings: v.findings } as const;
}

export const enterRead: Handler<'enterRead'> = async (ctx, command) => applyRead(ctx, command);

/**
 * An estimated read for a day the meter was not read: the use the usage analysis estimates
 * (same period last year, else the recent average; the method is kept), as a whole register.
 */
export const postEstimatedRead: Handler<'postEstimatedRead'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const meter = await meterOf(ctx, account, command.meterId);
  const reads = await postedReads(ctx, command.meterId);
  const last = reads.filter((r) => r.date >= meter.installedOn).at(-1);
  if (command.date > ctx.today.toString())
    throw new Rejection('cis:rejected.read.in-future', { code: 'in-future' });
  if (!last) throw new Rejection('cis:rejected.noEstimateBasis', { meterId: command.meterId });
  if (command.date <= last.date)
    throw new Rejection('cis:rejected.read.not-after-last', { lastDate: last.date });
  const estimate = estimateUsage(consumptionHistory(meter, reads), {
    from: last.date,
    to: command.date,
  });
  if (!estimate) throw new Rejection('cis:rejected.noEstimateBasis', { meterId: command.meterId });
  const places = registerPlaces(reads);
  const turns = estimate.usage
    .dividedBy(meter.multiplier)
    .toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  const value = new Dec(last.value)
    .plus(turns)
    .mod(10 ** meter.dials)
    .toNumber();
  const usage = turns.times(meter.multiplier).toString();
  const { rows } = await ctx.tx.query<{ id: string }>(
    `insert into reads (meter_id, account_number, read_on, value, kind, source, status, method, findings,
       entered_by, entered_at)
     values ($1, $2, $3, $4, 'estimated', 'estimate', 'posted', $5, '[]', $6, $7) returning id`,
    [
      command.meterId,
      account.number,
      command.date,
      value,
      estimate.method,
      ctx.principal.userId,
      ctx.now,
    ],
  );
  const readId = String(rows[0].id);
  await audit(ctx, 'readEstimated', account.number, {
    readId,
    meterId: command.meterId,
    date: command.date,
    value,
    usage,
    method: estimate.method,
    basedOn: estimate.basedOn,
  });
  await changed(ctx, account.number, 'read', false);
  return { readId, value, usage, method: estimate.method };
};

/** A reviewer posts a read from the exception queue with a reason, or rejects it for a reread. */
export const resolveReadException: Handler<'resolveReadException'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{ id: string; status: string; meter_id: string }>(
    'select id, status, meter_id from reads where id::text = $1 and account_number = $2 for update',
    [command.readId, account.number],
  );
  const read = rows[0];
  if (!read) throw new Rejection('cis:rejected.noSuchRead', { readId: command.readId });
  if (read.status !== 'exception')
    throw new Rejection('cis:rejected.readNotInQueue', { status: read.status });
  const status = command.decision === 'post' ? 'posted' : 'rejected';
  await ctx.tx.query('update reads set status = $1, reason = $2 where id = $3', [
    status,
    command.reason,
    read.id,
  ]);
  const order =
    command.decision === 'reread'
      ? await fileOrder(ctx, account, 'reread', `Reread: ${command.reason}`)
      : null;
  await audit(ctx, 'readExceptionResolved', account.number, {
    readId: command.readId,
    decision: command.decision,
    reason: command.reason,
    serviceOrderId: order?.serviceOrderId ?? null,
  });
  await changed(ctx, account.number, 'read', false);
  return { status, serviceOrderId: order?.serviceOrderId ?? null };
};
