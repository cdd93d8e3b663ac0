import type { AgentRow } from '../../../shared/metrics/board';

export type AgentSortColumn =
  | 'name'
  | 'team'
  | 'state'
  | 'stateSeconds'
  | 'talkSeconds'
  | 'handled'
  | 'avgTalkSeconds'
  | 'avgWrapUpSeconds'
  | 'occupancy';

export interface AgentFilter {
  team: string;
  state: string;
  language: '' | 'en' | 'es';
  text: string;
  alertsOnly: boolean;
}

/** Sorts the board's agents by a column; ties by name, so the order stays put as figures move. */
export function sortAgentRows(
  rows: AgentRow[],
  column: AgentSortColumn,
  descending: boolean,
): AgentRow[] {
  const value = (r: AgentRow): string | number => {
    const v = r[column];
    return v === null || v === undefined ? Number.NEGATIVE_INFINITY : (v as string | number);
  };
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c =
      typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return c !== 0 ? sign * c : a.name.localeCompare(b.name);
  });
}

export function filterAgentRows(rows: AgentRow[], f: AgentFilter): AgentRow[] {
  const text = f.text.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (!f.team || r.team === f.team) &&
      (!f.state || r.state === f.state) &&
      (!f.language || r.languages.includes(f.language)) &&
      (!text || r.name.toLocaleLowerCase().includes(text)) &&
      (!f.alertsOnly || r.alerts.length > 0),
  );
}
