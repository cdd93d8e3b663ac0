import { dayBounds, type FloorEvent } from '../../../shared/metrics';

/** A test day in a time zone, and its instants by local time: at(9, 14, 50) is 9:14:50. */
export function testDay(date: string, timeZone: string) {
  const { start, end } = dayBounds(date, timeZone);
  return {
    date,
    timeZone,
    start,
    end,
    at: (h: number, m: number, s = 0) => start + ((h * 60 + m) * 60 + s) * 1000,
  };
}

let n = 0;
/** A floor event of a kind, with a fresh id. */
export function event<K extends FloorEvent['kind']>(
  kind: K,
  at: number,
  fields: Omit<Extract<FloorEvent, { kind: K }>, 'kind' | 'id' | 'at'>,
): FloorEvent {
  return { kind, id: `test-${++n}`, at, ...fields } as unknown as FloorEvent;
}
