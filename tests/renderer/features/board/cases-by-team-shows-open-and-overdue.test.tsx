// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CasesByTeam } from '../../../../renderer/features/board/CasesByTeam';
import { answers, refusals } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

describe('the board’s cases by team', () => {
  afterEach(tidy);

  it('shows each team’s open and overdue cases by the team’s name, in Spanish', async () => {
    answers['cases.byTeam'] = () => ({
      teams: [
        { team: 'care-a', open: 4, overdue: 1 },
        { team: 'east_side', open: 2, overdue: 0 },
      ],
    });
    await renderWith(<CasesByTeam />, { role: 'lead', locale: 'es' });
    const table = await screen.findByRole('table', { name: /casos abiertos de cada equipo/ });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row).getByRole('rowheader').textContent).toBe('Atención A');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['4', '1']);
    expect(within(table).getByRole('rowheader', { name: 'East side' })).toBeTruthy();
  });

  it('says why when the central system refuses', async () => {
    refusals['cases.byTeam'] = () => ({ code: 'forbidden' });
    await renderWith(<CasesByTeam />, { role: 'agent' });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
