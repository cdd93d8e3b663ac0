/**
 * The numbers and queues a script hands a caller to: the utility's customer service and 24-hour
 * emergency lines, its telephone interpreter service (the number and the client ID the
 * interpreter company asks for), and the contact center's team-lead and Spanish queues.
 *
 * None of these were gathered in the reference: every number here is illustrative (555-01xx,
 * reserved for fiction), and the utility loads its own before production use. They are data,
 * not prompts, so a utility changes a number without touching a flow.
 */
export interface UtilityLines {
  customerServiceLine: string;
  emergencyLine: string;
  interpreterLine: string;
  interpreterClientId: string;
  leadQueue: string;
  spanishQueue: string;
  source: { citation: string; illustrative: true };
}

const ILLUSTRATIVE = {
  citation: 'Contact-center setting (not gathered): illustrative numbers to be replaced',
  illustrative: true,
} as const;

export const utilityLines: Readonly<Record<string, UtilityLines>> = {
  'philadelphia-water-pa': {
    customerServiceLine: '2155550100',
    emergencyLine: '2155550111',
    interpreterLine: '8005550142',
    interpreterClientId: 'PWD-4471',
    leadQueue: 'care-leads',
    spanishQueue: 'care-es',
    source: ILLUSTRATIVE,
  },
  'portland-water-me': {
    customerServiceLine: '2075550100',
    emergencyLine: '2075550111',
    interpreterLine: '8005550142',
    interpreterClientId: 'PWD-ME-2208',
    leadQueue: 'care-leads',
    spanishQueue: 'care-es',
    source: ILLUSTRATIVE,
  },
  'santa-margarita-ca': {
    customerServiceLine: '9495550100',
    emergencyLine: '9495550111',
    interpreterLine: '8005550142',
    interpreterClientId: 'SMWD-3310',
    leadQueue: 'care-leads',
    spanishQueue: 'care-es',
    source: ILLUSTRATIVE,
  },
  'marin-water-ca': {
    customerServiceLine: '4155550100',
    emergencyLine: '4155550111',
    interpreterLine: '8005550142',
    interpreterClientId: 'MMWD-5127',
    leadQueue: 'care-leads',
    spanishQueue: 'care-es',
    source: ILLUSTRATIVE,
  },
  'alameda-power-ca': {
    customerServiceLine: '5105550100',
    emergencyLine: '5105550111',
    interpreterLine: '8005550142',
    interpreterClientId: 'AMP-6094',
    leadQueue: 'care-leads',
    spanishQueue: 'care-es',
    source: ILLUSTRATIVE,
  },
};
