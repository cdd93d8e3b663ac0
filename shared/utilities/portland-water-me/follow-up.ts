import { defaultFollowUpSettings } from '../../follow-up/settings';

/**
 * Follow-up: the deadlines to answer a case were not gathered (Tapline's defaults, labelled with
 * their settings); Maine's Chapter 660 weighs only the undisputed overdue amount for disconnection,
 * so an open dispute holds its amount by rule.
 */
export const followUp = defaultFollowUpSettings(
  'portland-water-me',
  { name: 'Portland Water District', address: ['Customer Service', 'Portland, ME'] },
  {
    holdDisputedAmount: {
      holds: true,
      source: {
        citation:
          'Maine PUC Ch. 660 §10(A)(1): disconnection may begin when the undisputed overdue amount is more than $50.00',
        utilitySetting: false,
      },
    },
  },
);
