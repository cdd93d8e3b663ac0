// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptPanel } from '../../../../renderer/features/flows/ScriptPanel';
import {
  allUtilityFacts,
  defaultFlowValidation,
  type FlowDefinition,
  loadFlowSource,
} from '../../../../shared/flows';
import greeting from '../../../../shared/flows/library/greeting-verification.yaml?raw';
import arrangement from '../../../../shared/flows/library/payment-arrangement.yaml?raw';
import { answers } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

const library = [greeting, arrangement].map((source) => {
  const loaded = loadFlowSource(source, defaultFlowValidation);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return {
    flow: loaded.flow as FlowDefinition,
    source: 'library',
    publishedBy: null,
    publishedAt: null,
  };
});

/** The flow picker is named "Flow" by its label, not by the label's text and every option's. */
describe('the flow picker', () => {
  afterEach(tidy);

  for (const [locale, name] of [
    ['en', 'Flow'],
    ['es', 'Flujo'],
  ] as const) {
    it(`is named by its label alone (${locale})`, async () => {
      answers['flows.list'] = () => ({
        flows: library,
        utilities: allUtilityFacts(),
        problems: [],
      });
      await renderWith(<ScriptPanel />, { locale });
      await screen.findByRole('option', { name: library[1].flow.title[locale] });
      const picker = screen.getByTestId('flow-picker');
      expect(screen.getByRole('combobox', { name })).toBe(picker);
      // A label wrapping the select holds the options' text too: Chromium read them all as its name.
      expect([...(picker as HTMLSelectElement).labels].map((l) => l.textContent)).toEqual([name]);
    });
  }
});
