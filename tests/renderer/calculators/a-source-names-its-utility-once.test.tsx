// @vitest-environment happy-dom
import '../support/fake-bridge';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Citation } from '../../../renderer/features/calculators/kit';
import { philadelphiaAccount } from '../support/account';
import { renderWith, tidy } from '../support/render';

/** A utility setting is named by the utility, once: not again when its source opens with the name. */
describe('a rule’s source', () => {
  afterEach(tidy);

  it('names the utility once when the source already opens with it', async () => {
    const view = philadelphiaAccount();
    await renderWith(
      <Citation citation={`${view.utility!.name} setting (not a published rule)`} utilitySetting />,
      { view, locale: 'es' },
    );
    const text = screen.getByText(/not a published rule/).parentElement!.textContent ?? '';
    expect(text.split(view.utility!.name).length - 1).toBe(1);
    expect(text).toBe(
      'parámetro de la empresa Philadelphia Water Department setting (not a published rule)',
    );
  });

  it('names the utility before a setting whose source is another', async () => {
    const view = philadelphiaAccount();
    await renderWith(<Citation citation="Philadelphia Code §19-1605" utilitySetting />, {
      view,
    });
    expect(screen.getByText('Philadelphia Code §19-1605').parentElement!.textContent).toBe(
      'Philadelphia Water Department utility setting Philadelphia Code §19-1605',
    );
  });
});
