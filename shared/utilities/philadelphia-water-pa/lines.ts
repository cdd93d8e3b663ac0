import { ILLUSTRATIVE_LINES, type UtilityLines } from '../lines';

/** Contact-center lines: illustrative 555-01xx numbers until the utility gives its own. */
export const lines: UtilityLines = {
  customerServiceLine: '2155550100',
  emergencyLine: '2155550111',
  interpreterLine: '8005550142',
  interpreterClientId: 'PWD-4471',
  leadQueue: 'care-leads',
  spanishQueue: 'care-es',
  source: ILLUSTRATIVE_LINES,
};
