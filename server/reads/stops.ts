import type { MeterRead } from '../../shared/usage';
import type { ValidatedMeter } from '../../shared/usage/validate-read';
import type { Db } from '../db/database';

/** A route's stop with what checking its read needs: the meter, its account and premise. */
export interface Stop {
  sequence: number;
  meterId: string;
  meter: ValidatedMeter;
  accountNumber: string;
  utilityId: string;
  occupied: boolean;
  address: string;
  locationNote: string;
}

interface StopRow {
  sequence: number;
  meter_id: string;
  dials: number;
  multiplier: number;
  installed_on: string;
  account_number: string;
  utility_id: string;
  status: string;
  vacant: boolean;
  line1: string | null;
  location_note: string;
}

/** The route's stops in their order, keyed by meter id. */
export async function stopsOf(db: Db, routeId: string): Promise<Map<string, Stop>> {
  const { rows } = await db.query<StopRow>(
    `select s.sequence, s.meter_id, m.dials, m.multiplier, to_char(m.installed_on, 'YYYY-MM-DD') as installed_on,
            m.account_number, a.utility_id, a.status, p.vacant, p.address->>'line1' as line1, s.location_note
       from route_stops s
       join meters m on m.id = s.meter_id
       join accounts a on a.number = m.account_number
       join premises p on p.id = a.premise_id
      where s.route_id = $1
      order by s.sequence`,
    [routeId],
  );
  return new Map(
    rows.map((r) => [
      r.meter_id,
      {
        sequence: r.sequence,
        meterId: r.meter_id,
        meter: { dials: r.dials, multiplier: r.multiplier, installedOn: r.installed_on },
        accountNumber: r.account_number,
        utilityId: r.utility_id,
        occupied: r.status === 'active' && !r.vacant,
        address: r.line1 ?? '',
        locationNote: r.location_note,
      },
    ]),
  );
}

/** The posted reads of these meters, oldest first, by meter. */
export async function historiesOf(db: Db, meterIds: string[]): Promise<Map<string, MeterRead[]>> {
  const { rows } = await db.query<{
    meter_id: string;
    date: string;
    value: string;
    kind: MeterRead['kind'];
  }>(
    `select meter_id, to_char(read_on, 'YYYY-MM-DD') as date, value, kind from reads
      where meter_id = any($1::text[]) and status = 'posted' order by meter_id, read_on`,
    [meterIds],
  );
  const histories = new Map<string, MeterRead[]>(meterIds.map((id) => [id, []]));
  for (const r of rows)
    histories.get(r.meter_id)?.push({ date: r.date, value: Number(r.value), kind: r.kind });
  return histories;
}

/** The day's run of a route: made by its download, or by an upload that came without one. */
export async function runOf(db: Db, routeId: string, date: string, userId: string) {
  const { rows } = await db.query<{ id: string }>(
    `insert into route_runs (route_id, read_on, downloaded_by) values ($1, $2, $3)
     on conflict (route_id, read_on) do update set route_id = excluded.route_id returning id`,
    [routeId, date, userId],
  );
  return Number(rows[0].id);
}

/** The meters a run's uploads already read (a file sent twice takes nothing twice). */
export async function readsOfRun(db: Db, runId: number): Promise<Set<string>> {
  const { rows } = await db.query<{ meter_id: string }>(
    "select meter_id from reads where route_run_id = $1 and status <> 'rejected'",
    [runId],
  );
  return new Set(rows.map((r) => r.meter_id));
}
