import { defaultFollowUpSettings } from '../../follow-up/settings';

/**
 * Follow-up: no published deadline to answer a case or rule on disputed amounts was gathered for
 * this utility, so each number is Tapline's default, labelled "not gathered" with its setting.
 */
export const followUp = defaultFollowUpSettings('philadelphia-water-pa', {
  name: 'Philadelphia Water Department',
  address: ['Customer Service', 'Philadelphia, PA'],
});
