import { describe, expect, it } from 'vitest';
import {
  type AgentFilter,
  filterAgentRows,
  sortAgentRows,
} from '../../../../renderer/features/board/agent-rows';
import type { AgentRow } from '../../../../shared/metrics/board';

const row = (r: Partial<AgentRow> & Pick<AgentRow, 'id' | 'name'>): AgentRow => ({
  team: 'care-a',
  languages: ['en'],
  state: 'available',
  reasonCode: null,
  stateSeconds: 0,
  talkSeconds: null,
  holdSeconds: null,
  talkLevel: null,
  handled: 0,
  avgTalkSeconds: null,
  avgWrapUpSeconds: null,
  occupancy: null,
  pending: null,
  alerts: [],
  ...r,
});

const rows = [
  row({ id: 'a', name: 'Ana', handled: 12, talkSeconds: 400, team: 'care-b' }),
  row({ id: 'b', name: 'Beto', handled: 30, state: 'break', languages: ['en', 'es'] }),
  row({ id: 'c', name: 'Carla', handled: 12, talkSeconds: 90 }),
  row({
    id: 'd',
    name: 'Dana',
    handled: 5,
    languages: ['en', 'es'],
    alerts: [{ kind: 'long-state', state: 'available', seconds: 700, limitSeconds: 600 }],
  }),
];
const all: AgentFilter = { team: '', state: '', language: '', text: '', alertsOnly: false };

describe('the board’s agents', () => {
  it('sort by a figure, ties by name, and agents without the figure last when descending', () => {
    expect(sortAgentRows(rows, 'handled', true).map((r) => r.name)).toEqual([
      'Beto',
      'Ana',
      'Carla',
      'Dana',
    ]);
    expect(sortAgentRows(rows, 'talkSeconds', true).map((r) => r.name)).toEqual([
      'Ana',
      'Carla',
      'Beto',
      'Dana',
    ]);
    expect(sortAgentRows(rows, 'name', false).map((r) => r.name)).toEqual([
      'Ana',
      'Beto',
      'Carla',
      'Dana',
    ]);
  });

  it('filter by team, state, language, name (any case) and alerts, together', () => {
    const names = (f: Partial<AgentFilter>) =>
      filterAgentRows(rows, { ...all, ...f }).map((r) => r.name);
    expect(names({})).toEqual(['Ana', 'Beto', 'Carla', 'Dana']);
    expect(names({ team: 'care-b' })).toEqual(['Ana']);
    expect(names({ state: 'break' })).toEqual(['Beto']);
    expect(names({ language: 'es' })).toEqual(['Beto', 'Dana']);
    expect(names({ text: 'CAR' })).toEqual(['Carla']);
    expect(names({ alertsOnly: true })).toEqual(['Dana']);
    expect(names({ language: 'es', state: 'available' })).toEqual(['Dana']);
  });
});
