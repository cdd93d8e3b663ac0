import type { PanelId } from '../../store/ui-slice';

/**
 * The calculators and action panels of the account workspace. Each opens from the actions menu
 * (Ctrl+Alt+P, then its letter) or from `useAppStore.getState().openPanel(id, prefill)`, the way
 * a call script asks for one. `prefill` lists the keys each panel reads: amounts are in dollars
 * as typed ("125.50" or 125.5), dates YYYY-MM-DD, flags true or false. An unknown key is ignored;
 * a value that does not parse leaves the field as the account fills it.
 */
export interface PanelSpec {
  id: PanelId;
  /** The letter that opens it in the actions menu. */
  key: string;
  prefill: readonly string[];
}

export const panels: readonly PanelSpec[] = [
  {
    id: 'arrangement',
    key: 'A',
    prefill: ['kind', 'downPayment', 'months', 'monthly', 'income', 'household', 'currentMonthly'],
  },
  {
    id: 'bill-calculator',
    key: 'B',
    prefill: [
      'usage',
      'days',
      'class',
      'meterSize',
      'season',
      'heating',
      'imperviousSqft',
      'householdSize',
      'irrigatedSqft',
      'etInches',
    ],
  },
  { id: 'high-usage', key: 'U', prefill: [] },
  {
    id: 'adjustment',
    key: 'J',
    prefill: ['kind', 'percent', 'proofOfRepair', 'reason'],
  },
  { id: 'disconnection', key: 'D', prefill: ['rightsLanguage'] },
  { id: 'notice', key: 'N', prefill: ['kind'] },
  { id: 'service-order', key: 'O', prefill: ['type', 'notes', 'preferredDate'] },
  { id: 'meter-read', key: 'R', prefill: ['meterId', 'date', 'value', 'kind'] },
  { id: 'start-service', key: 'S', prefill: ['name', 'phone', 'language', 'date', 'email'] },
  { id: 'stop-service', key: 'T', prefill: ['date', 'notes'] },
  { id: 'transfer-service', key: 'M', prefill: ['destination', 'date'] },
  { id: 'change-holder', key: 'H', prefill: ['name', 'phone', 'language', 'date'] },
  { id: 'assistance', key: 'E', prefill: ['household', 'income', 'senior'] },
  { id: 'payment', key: 'P', prefill: ['amount', 'tender', 'channel'] },
  { id: 'protections', key: 'K', prefill: ['kind'] },
];
