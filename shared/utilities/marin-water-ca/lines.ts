import { ILLUSTRATIVE_LINES, type UtilityLines } from '../lines';

/** Contact-center lines: illustrative 555-01xx numbers until the utility gives its own. */
export const lines: UtilityLines = {
  customerServiceLine: '4155550100',
  emergencyLine: '4155550111',
  interpreterLine: '8005550142',
  interpreterClientId: 'MMWD-5127',
  leadQueue: 'care-leads',
  spanishQueue: 'care-es',
  source: ILLUSTRATIVE_LINES,
};
