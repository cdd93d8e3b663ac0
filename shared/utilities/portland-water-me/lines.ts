import { ILLUSTRATIVE_LINES, type UtilityLines } from '../lines';

/** Contact-center lines: illustrative 555-01xx numbers until the utility gives its own. */
export const lines: UtilityLines = {
  customerServiceLine: '2075550100',
  emergencyLine: '2075550111',
  interpreterLine: '8005550142',
  interpreterClientId: 'PWD-ME-2208',
  leadQueue: 'care-leads',
  spanishQueue: 'care-es',
  source: ILLUSTRATIVE_LINES,
};
