import { californiaPolicy } from '../california-sb998';

/** Collections under California's SB 998, the utility's own settings labelled as such. */
export const policy = californiaPolicy('alameda-power-ca', 'Alameda Municipal Power', 'electric');
