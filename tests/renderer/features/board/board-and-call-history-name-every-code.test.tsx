// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { act, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HistorySection } from '../../../../renderer/features/account/sections';
import TeamBoard from '../../../../renderer/features/board/TeamBoard';
import { i18n } from '../../../../renderer/i18n';
import { useAppStore } from '../../../../renderer/store';
import type { AccountView } from '../../../../shared/ipc';
import { applyEvents, type FloorEvent, newFloor } from '../../../../shared/metrics';
import { defaultTeamSettings } from '../../../../shared/telephony';
import { philadelphiaAccount } from '../../support/account';
import { answers } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

const now = Date.now();
const agent = (
  id: string,
  team: string,
  state: 'break' | 'not-ready' | 'available',
  reasonCode: string | null,
): FloorEvent => ({
  kind: 'agent.state',
  id: `${id}-state`,
  at: now - 60_000,
  agentId: id,
  name: id === 'a1' ? 'Rosa Ortiz' : 'Luis Vargas',
  team,
  languages: ['en', 'es'],
  state,
  reasonCode,
});

/** A floor with a seeded team and a team the utility added that the resources do not name. */
function floorWithTeams() {
  const floor = applyEvents(newFloor(now, 'America/New_York'), [
    agent('a1', 'care-a', 'break', 'rest-break'),
    agent('a2', 'east-side-crew', 'not-ready', 'system-problem'),
  ]);
  answers['hub.subscribe'] = () => ({
    seq: 1,
    floor,
    settings: { goals: defaultTeamSettings.goals, longStateSeconds: {} },
    status: { connection: 'open', sharing: 'single' },
  });
}

function withCall(view: AccountView): AccountView {
  return {
    ...view,
    detail: {
      ...view.detail!,
      interactions: [
        {
          id: 'i1',
          channel: 'phone',
          reason: 'high-bill',
          wrapUpCode: 'payment-arrangement',
          startedAt: '2026-11-02T15:00:00Z',
          answeredAt: '2026-11-02T15:00:10Z',
          endedAt: '2026-11-02T15:06:10Z',
          talkSeconds: 360,
          holdSeconds: 0,
          wrapUpSeconds: 30,
          agentId: 'u-agent',
          language: 'en',
          notes: '',
        },
      ],
    },
  };
}

const cases = [
  {
    locale: 'en',
    teams: ['Care A', 'East side crew'],
    reasons: ['rest break', 'system problem'],
    call: 'high bill — Payment arrangement, talk 6:00',
  },
  {
    locale: 'es',
    teams: ['Atención A', 'East side crew'],
    reasons: ['pausa de descanso', 'problema del sistema'],
    call: 'factura alta — Acuerdo de pago, conversación 6:00',
  },
] as const;

describe('codes on the board and in the call history', () => {
  // The agent table draws only the rows in view: give its scroller a height, as a window has.
  beforeAll(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(() => {
    tidy();
    useAppStore.getState().closeBoard();
    useAppStore.setState({ floor: null, boardSeq: 0 });
  });

  for (const c of cases) {
    it(`the board names teams and reason codes in words (${c.locale})`, async () => {
      floorWithTeams();
      await renderWith(<TeamBoard />, { role: 'lead', locale: c.locale });
      const teams = await screen.findByRole('table', { name: i18n.t('board:teams.caption') });
      for (const team of c.teams) expect(within(teams).getByText(team)).toBeTruthy();
      const agents = screen.getByRole('table', { name: i18n.t('board:agents.title') });
      for (const reason of c.reasons)
        expect(
          within(agents).getByText(
            (_, el) => el?.tagName === 'SPAN' && el.textContent?.trim() === `· ${reason}`,
          ),
        ).toBeTruthy();
      for (const team of c.teams) {
        expect(within(agents).getAllByText(team).length).toBeGreaterThan(0);
        expect(screen.getByRole('option', { name: team })).toBeTruthy();
      }
      const text = document.body.textContent ?? '';
      for (const code of ['care-a', 'east-side-crew', 'rest-break', 'system-problem'])
        expect(text).not.toContain(code);
    });

    it(`the call history names the call's reason and wrap-up code in words (${c.locale})`, async () => {
      await renderWith(<HistorySection />, {
        view: withCall(philadelphiaAccount()),
        locale: c.locale,
      });
      expect(screen.getByText(c.call)).toBeTruthy();
      await act(async () => {});
    });
  }
});
