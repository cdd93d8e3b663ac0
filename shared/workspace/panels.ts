/**
 * The calculators and action panels of the account workspace: what a script's action or a
 * shortcut may ask the workspace to open (renderer/store/ui-slice.ts carries the request).
 */
export const panelIds = [
  'arrangement',
  'bill-calculator',
  'high-usage',
  'adjustment',
  'disconnection',
  'notice',
  'service-order',
  'meter-read',
  'start-service',
  'stop-service',
  'transfer-service',
  'change-holder',
  'assistance',
  'payment',
  'protections',
] as const;
export type PanelId = (typeof panelIds)[number];
