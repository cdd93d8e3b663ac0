import { defaultFollowUpSettings } from '../../follow-up/settings';

/**
 * Follow-up: no published deadline to answer a case or rule on disputed amounts was gathered for
 * this utility, so each number is Tapline's default, labelled "not gathered" with its setting.
 */
export const followUp = defaultFollowUpSettings('alameda-power-ca', {
  name: 'Alameda Municipal Power',
  address: ['Customer Service', 'Alameda, CA'],
});
